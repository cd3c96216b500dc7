package org.emotionart.export;

import org.emotionart.bundle.BundleMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Layers;
import org.emotionart.model.NamedWeights;
import org.emotionart.torch.TorchStateDict;
import org.emotionart.torch.TorchTensor;
import org.emotionart.train.Conditioning;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Imports the original emotion-art project's PyTorch generator ({@code netG_<style>_64.weight}, a
 * {@code state_dict} saved by {@code torch.save}) as one of our generator bundles.
 *
 * <p>The state_dict is the original {@code Generator.gen} {@code nn.Sequential}: ConvTranspose2d at
 * {@code gen.0, gen.3, ..., gen.3k} (weight [in, out, 4, 4], no bias), BatchNorm2d at
 * {@code gen.1, gen.4, ...} (weight, bias, running_mean, running_var, num_batches_tracked), ReLU
 * and a final Tanh without parameters. The widths, noise size and image size are read from the
 * shapes. ConvTranspose2d weights go from PyTorch's [in, out, kh, kw] to TF's
 * conv2d_backprop_input filter [kh, kw, out, in] (a transpose, no spatial flip: both are the gradient
 * of a cross-correlation); batch norm maps weight → gamma, bias → beta, running_mean/var → mean/var.
 */
public final class TorchImport {
    private static final Pattern GEN_KEY = Pattern.compile("gen\\.(\\d+)\\.(.+)");
    private static final List<String> BN_FLOATS = List.of("weight", "bias", "running_mean", "running_var");
    private static final String BN_COUNT = "num_batches_tracked";
    private static final int KERNEL = 4;

    private TorchImport() {
    }

    /** A variable's value in our layout. */
    /**
     * The generator read from a state_dict: its shape, its variables by our names
     * ({@code G_deconv<i>_w}, {@code G_bn<i>_gamma|beta|mean|var}), how many tensors and parameters
     * the file held, and its batch norms' {@code num_batches_tracked} (empty where the file has none).
     */
    public record ImportedGenerator(GanSpec spec, Map<String, NamedWeights.Weight> variables, int tensors, long parameters,
                                    List<Long> numBatchesTracked) {
        /** The generator's layer widths, first to last hidden layer, e.g. 512-256-128-64. */
        public String widths() {
            List<String> w = new ArrayList<>();
            for (int i = 0; i < spec.upsamplings(); i++) {
                w.add(Integer.toString(spec.gWidth() << (spec.upsamplings() - 1 - i)));
            }
            return String.join("-", w);
        }
    }

    /** What an import wrote. */
    public record Imported(Path bundle, ImportedGenerator generator, BundleMetadata metadata) {
    }

    /**
     * Reads {@code file}, exports it as {@code modelDir/<version>}; with {@code batchStats} the bundle
     * normalises with each request's batch statistics (as the original generation script did).
     */
    public static Imported importGenerator(Path file, String style, Path modelDir, Optional<Long> version,
                                           boolean batchStats) throws IOException {
        ImportedGenerator generator = fromStateDict(TorchStateDict.read(file), file);
        BundleMetadata metadata = metadata(generator, file, style, modelDir, batchStats);
        Path bundle = GeneratorBundle.export(generator.spec(),
                batchStats ? Layers.Mode.BATCH_STATS : Layers.Mode.INFERENCE,
                (graph, session) -> {
                    session.initialize(); // first, so the initial values cannot overwrite ours later
                    NamedWeights.assign(graph.layers(), session, generator.variables());
                },
                modelDir, version, metadata);
        return new Imported(bundle, generator, metadata);
    }

    /** Maps a state_dict of the original generator to our variables, checking every key and shape. */
    public static ImportedGenerator fromStateDict(Map<String, TorchTensor> stateDict, Path file) {
        int last = lastLayer(stateDict, file);
        int ups = last / 3;
        Set<String> expected = new LinkedHashSet<>();
        Set<String> optional = new LinkedHashSet<>(); // num_batches_tracked: PyTorch 0.4.1 and later
        for (int i = 0; i <= ups; i++) {
            expected.add("gen." + 3 * i + ".weight");
            if (i < ups) {
                for (String p : BN_FLOATS) {
                    expected.add("gen." + (3 * i + 1) + "." + p);
                }
                optional.add("gen." + (3 * i + 1) + "." + BN_COUNT);
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(stateDict.keySet());
        Set<String> unexpected = new TreeSet<>(stateDict.keySet());
        unexpected.removeAll(expected);
        unexpected.removeAll(optional);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw notTheGenerator(file, (missing.isEmpty() ? "" : "missing " + list(missing))
                    + (missing.isEmpty() || unexpected.isEmpty() ? "" : "; ")
                    + (unexpected.isEmpty() ? "" : "unexpected " + list(unexpected)), ups);
        }

        TorchTensor first = floating(stateDict, "gen.0.weight", file);
        long[] s0 = first.shape();
        if (s0.length != 4 || s0[0] <= GanSpec.CLASSES || s0[2] != KERNEL || s0[3] != KERNEL) {
            throw new EmotionArtException(file + ": gen.0.weight has shape " + first.shapeString() + ", expected "
                    + "[z + 3, width, 4, 4] (ConvTranspose2d from the noise and one-hot emotion, kernel 4)");
        }
        long top = s0[1];
        long gWidth = top >> (ups - 1);
        if (gWidth < 1 || gWidth << (ups - 1) != top || top > Integer.MAX_VALUE) {
            throw new EmotionArtException(file + ": gen.0.weight has " + top + " output channels, which do not halve "
                    + (ups - 1) + " times down to the last hidden layer (" + (ups + 1) + " ConvTranspose2d layers)");
        }
        GanSpec spec = new GanSpec(4 << ups, (int) s0[0] - GanSpec.CLASSES, (int) gWidth, (int) gWidth);

        Map<String, NamedWeights.Weight> variables = new LinkedHashMap<>();
        List<Long> counts = new ArrayList<>();
        long parameters = 0;
        for (int i = 0; i <= ups; i++) {
            long in = i == 0 ? s0[0] : top >> (i - 1);
            long out = i == ups ? 3 : top >> i;
            String key = "gen." + 3 * i + ".weight";
            TorchTensor w = floating(stateDict, key, file);
            expectShape(w, key, new long[] {in, out, KERNEL, KERNEL}, file, "ConvTranspose2d " + in + " -> " + out
                    + ", kernel 4, stored [in, out, kh, kw]; the widths follow from gen.0.weight " + first.shapeString());
            variables.put("G_deconv" + i + "_w", new NamedWeights.Weight(new long[] {KERNEL, KERNEL, out, in},
                    transposeDeconv(w.floats(), (int) in, (int) out, KERNEL)));
            parameters += w.numel();
            if (i == ups) {
                break;
            }
            String bn = "gen." + (3 * i + 1) + ".";
            String[] ours = {"gamma", "beta", "mean", "var"};
            for (int p = 0; p < BN_FLOATS.size(); p++) {
                TorchTensor t = floating(stateDict, bn + BN_FLOATS.get(p), file);
                expectShape(t, bn + BN_FLOATS.get(p), new long[] {out}, file, "BatchNorm2d(" + out + ")");
                variables.put("G_bn" + i + "_" + ours[p], new NamedWeights.Weight(new long[] {out}, t.floats()));
                parameters += t.numel();
            }
            TorchTensor count = stateDict.get(bn + BN_COUNT);
            if (count != null) {
                if (count.isFloating() || count.rank() != 0) {
                    throw new EmotionArtException(file + ": " + bn + BN_COUNT + " is " + count + ", expected an int64 "
                            + "scalar");
                }
                counts.add(count.longs()[0]);
            }
        }
        return new ImportedGenerator(spec, variables, stateDict.size(), parameters, counts);
    }

    /** PyTorch ConvTranspose2d weight [in, out, k, k] → TF conv2d_backprop_input filter [k, k, out, in]. */
    static float[] transposeDeconv(float[] w, int in, int out, int k) {
        float[] t = new float[w.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                for (int h = 0; h < k; h++) {
                    for (int x = 0; x < k; x++) {
                        t[((h * k + x) * out + o) * in + i] = w[((i * out + o) * k + h) * k + x];
                    }
                }
            }
        }
        return t;
    }

    static BundleMetadata metadata(ImportedGenerator g, Path file, String style, Path modelDir, boolean batchStats)
            throws IOException {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", Conditioning.CONCAT.architecture());
        arch.put("gWidth", g.spec().gWidth());
        arch.put("widths", g.widths());
        arch.put("batchNorm", batchStats
                ? "batch statistics of each request's batch, as the original generation script (it never called "
                + "model.eval()): an image depends on the other images generated in the same batch"
                : "running statistics (inference mode, PyTorch's model.eval())");
        arch.put("importedFrom", "PyTorch state_dict " + file.getFileName() + " (" + g.tensors() + " tensors, "
                + g.parameters() + " values)");
        if (!g.numBatchesTracked().isEmpty()) {
            arch.put("numBatchesTracked", g.numBatchesTracked().stream().distinct().count() == 1
                    ? g.numBatchesTracked().get(0) : g.numBatchesTracked());
        }
        return new BundleMetadata(BundleMetadata.GENERATOR, modelDir.getFileName().toString(), style,
                Emotion.labels(), g.spec().imageSize(), g.spec().zDim(), arch,
                "WikiArt (the original emotion-art project's weights, imported from " + file.getFileName() + ")",
                0, "imported by emotion-art import-torch from " + file + " (sha256 " + sha256(file)
                + "); training steps unknown",
                GanExport.retrainCommand(style), GanExport.createdBy(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    // ---------------------------------------------------------------- checks

    /** The index of the last ConvTranspose2d, {@code gen.3k}: k stride-2 layers. */
    private static int lastLayer(Map<String, TorchTensor> stateDict, Path file) {
        int max = -1;
        for (String key : stateDict.keySet()) {
            Matcher m = GEN_KEY.matcher(key);
            if (m.matches() && m.group(1).length() < 4) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        if (max < 0) {
            throw notTheGenerator(file, "no gen.* keys; found " + list(stateDict.keySet()), 4);
        }
        int ups = max / 3;
        if (max % 3 != 0 || ups < 2 || ups > 6) {
            throw notTheGenerator(file, "its last layer is gen." + max + ", expected gen.6, gen.9, ..., gen.18 "
                    + "(a ConvTranspose2d to 3 channels)", Math.max(2, Math.min(6, ups)));
        }
        return max;
    }

    private static EmotionArtException notTheGenerator(Path file, String detail, int ups) {
        int last = 3 * ups;
        return new EmotionArtException(file + " is not a state_dict of the original emotion-art generator: " + detail
                + " (expected ConvTranspose2d gen.0.weight, gen.3.weight, ..., gen." + last + ".weight and BatchNorm2d "
                + "gen.1, gen.4, ..., gen." + (last - 2) + " with weight, bias, running_mean, running_var, "
                + "num_batches_tracked)");
    }

    private static TorchTensor floating(Map<String, TorchTensor> stateDict, String key, Path file) {
        TorchTensor t = stateDict.get(key);
        if (!t.isFloating()) {
            throw new EmotionArtException(file + ": " + key + " is " + t + ", expected a float32 tensor");
        }
        return t;
    }

    private static void expectShape(TorchTensor t, String key, long[] shape, Path file, String what) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new EmotionArtException(file + ": " + key + " has shape " + t.shapeString() + ", expected "
                    + Arrays.toString(shape) + " (" + what + ")");
        }
    }

    private static String list(Set<String> keys) {
        List<String> shown = keys.stream().limit(8).map(TorchStateDict::displayKey).toList();
        return String.join(", ", shown) + (keys.size() > shown.size() ? ", ... (" + keys.size() + " in all)" : "");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
