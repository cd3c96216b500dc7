package org.emotionart.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.emotionart.EmotionArtException;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.bundle.SavedModels;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/** {@code emotion-art inspect BUNDLE}: tags and signatures, as {@code saved_model_cli show --all} prints them. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a SavedModel's tags, signatures, inputs and outputs (names, dtypes, shapes), like "
                + "TensorFlow's saved_model_cli show --all, and its emotion-art metadata.",
                "BUNDLE is a version folder or a model folder (its highest version is shown)."})
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "e.g. savedmodels/generator-landscape")
    Path bundle;

    @Override
    public Integer call() throws Exception {
        Path dir = bundle;
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            var latest = SavedModels.latestVersion(dir);
            if (latest.isEmpty()) {
                throw new org.emotionart.BadPathException(bundle + " is not a SavedModel: no saved_model.pb in it or in a numeric "
                        + "version folder");
            }
            dir = dir.resolve(Long.toString(latest.getAsLong()));
        }
        SavedModel model;
        try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
            model = SavedModel.parseFrom(in);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new EmotionArtException(dir.resolve("saved_model.pb") + " is not a SavedModel protobuf: " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("SavedModel: ").append(dir).append('\n');
        for (MetaGraphDef mg : model.getMetaGraphsList()) {
            sb.append("\nMetaGraphDef with tag-set: '").append(String.join(", ", mg.getMetaInfoDef().getTagsList()))
                    .append("' contains the following SignatureDefs:\n");
            for (Map.Entry<String, SignatureDef> e : new TreeMap<>(mg.getSignatureDefMap()).entrySet()) {
                sb.append("\nsignature_def['").append(e.getKey()).append("']:\n");
                sb.append("  The given SavedModel SignatureDef contains the following input(s):\n");
                tensors(sb, "inputs", e.getValue().getInputsMap());
                sb.append("  The given SavedModel SignatureDef contains the following output(s):\n");
                tensors(sb, "outputs", e.getValue().getOutputsMap());
                sb.append("  Method name is: ").append(e.getValue().getMethodName()).append('\n');
            }
        }
        Path meta = dir.resolve(BundleMetadata.FILE);
        if (Files.isRegularFile(meta)) {
            sb.append("\nemotion-art metadata (").append(BundleMetadata.FILE).append("):\n").append(Files.readString(meta));
        }
        out().print(sb);
        return 0;
    }

    private static void tensors(StringBuilder sb, String kind, Map<String, TensorInfo> map) {
        for (Map.Entry<String, TensorInfo> t : new TreeMap<>(map).entrySet()) {
            TensorInfo info = t.getValue();
            String shape = info.getTensorShape().getUnknownRank() ? "unknown_rank"
                    : "(" + info.getTensorShape().getDimList().stream().map(d -> Long.toString(d.getSize()))
                    .collect(Collectors.joining(", ")) + ")";
            sb.append("    ").append(kind).append("['").append(t.getKey()).append("'] tensor_info:\n");
            sb.append("        dtype: ").append(info.getDtype().name()).append('\n');
            sb.append("        shape: ").append(shape).append('\n');
            sb.append("        name: ").append(info.getName()).append('\n');
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
