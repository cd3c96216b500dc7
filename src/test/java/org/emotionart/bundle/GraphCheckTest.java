package org.emotionart.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.emotionart.TestData;
import org.emotionart.TestBundles;
import org.emotionart.api.ArtGenerator;
import org.emotionart.api.BundleException;
import org.emotionart.util.FileTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A bundle's graph is checked before TensorFlow loads (and so runs) it: every bundle emotion-art makes
 * passes, and one that would write a file on loading or serving is refused before it can.
 */
class GraphCheckTest {
    @TempDir
    Path dir;

    @Test
    void everyShippedAndTestBundlePasses() throws Exception {
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("savedmodels")), Files.walk(TestBundles.shared()))) {
            var versions = s.filter(p -> p.getFileName().toString().equals("saved_model.pb")).map(Path::getParent)
                    .toList();
            assertTrue(versions.size() >= 7, versions.toString());
            for (Path v : versions) {
                assertEquals(Optional.empty(), GraphCheck.problem(v), v.toString());
            }
        }
    }

    @Test
    void aWriteFileInitOpIsRefusedBeforeTensorFlowRunsIt() throws Exception {
        Path victim = dir.resolve("written-by-the-bundle");
        Path bundle = patched(mg -> {
            var g = mg.getGraphDef().toBuilder().addNode(stringConst("evil_path", victim.toString()))
                    .addNode(stringConst("evil_text", "x"))
                    .addNode(NodeDef.newBuilder().setName("evil_write").setOp("WriteFile").addInput("evil_path")
                            .addInput("evil_text"));
            return mg.toBuilder().setGraphDef(g).putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder()
                    .putOutputs("__saved_model_init_op", TensorInfo.newBuilder().setName("evil_write").build())
                    .build()).build();
        });
        BundleException e = assertThrows(BundleException.class, () -> ArtGenerator.load(bundle));
        assertTrue(e.getMessage().contains("is not a bundle emotion-art loads: its graph has ops no emotion-art "
                + "bundle has (WriteFile)"), e.getMessage());
        assertFalse(Files.exists(victim), "the bundle wrote a file while loading");
    }

    @Test
    void anInitOpOrARestoreOrSignatureThatRunsTheSaverIsRefused() throws Exception {
        Path init = patched(mg -> mg.toBuilder().putSignatureDef("__saved_model_init_op", SignatureDef.newBuilder()
                .putOutputs("__saved_model_init_op", TensorInfo.newBuilder().setName("save/restore_all").build())
                .build()).build());
        assertEquals(Optional.of("it has an init op (__saved_model_init_op), which no emotion-art bundle has"),
                GraphCheck.problem(init));
        String save = saveNode();
        Path restore = patched(mg -> mg.toBuilder().setSaverDef(mg.getSaverDef().toBuilder().setRestoreOpName(save))
                .build());
        assertEquals(Optional.of("loading or serving it would run SaveV2 (" + save + "), which writes files"),
                GraphCheck.problem(restore));
        Path serving = patched(mg -> {
            SignatureDef sig = mg.getSignatureDefOrThrow("serving_default");
            return mg.toBuilder().putSignatureDef("serving_default", sig.toBuilder().putOutputs("extra",
                    TensorInfo.newBuilder().setName("^" + save).build()).build()).build();
        });
        assertTrue(GraphCheck.problem(serving).orElseThrow().contains("would run SaveV2"));
    }

    @Test
    void aGraphFileLargerThanAnyBundlesIsRefusedWithoutReadingIt() throws Exception {
        Path bundle = copy();
        TestData.sparse(bundle.resolve("saved_model.pb"), 3L << 30);
        String problem = GraphCheck.problem(bundle).orElseThrow();
        assertTrue(problem.startsWith("its graph (saved_model.pb, 3072 MB) is larger than any emotion-art bundle's"),
                problem);
    }

    private static final Path GENERATOR = Path.of("savedmodels/generator-landscape/4");

    private int copies;

    private Path copy() throws Exception {
        Path to = dir.resolve("bundle-" + copies++);
        FileTrees.copy(GENERATOR, to);
        return to;
    }

    private Path patched(java.util.function.UnaryOperator<MetaGraphDef> change) throws Exception {
        Path bundle = copy();
        Path pb = bundle.resolve("saved_model.pb");
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(pb));
        Files.write(pb, sm.toBuilder().setMetaGraphs(0, change.apply(sm.getMetaGraphs(0))).build().toByteArray());
        return bundle;
    }

    private static String saveNode() throws Exception {
        SavedModel sm = SavedModel.parseFrom(Files.readAllBytes(GENERATOR.resolve("saved_model.pb")));
        return sm.getMetaGraphs(0).getGraphDef().getNodeList().stream().filter(n -> n.getOp().equals("SaveV2"))
                .findFirst().orElseThrow().getName();
    }

    private static NodeDef stringConst(String name, String value) {
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_STRING).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(TensorShapeProto.newBuilder()).addStringVal(ByteString.copyFromUtf8(value)))
                        .build())
                .build();
    }
}
