package org.emotionart.model;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emotionart.EmotionArtException;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Weights from a Keras HDF5 weights file (the layout of {@code model.save_weights(...h5)}: one
 * group per layer, named like the layer, holding {@code <layer>/kernel:0} and {@code <layer>/bias:0};
 * the group's {@code weight_names} attribute lists them). Read with jhdf and bound to our variables
 * by layer name: {@code block1_conv1/kernel:0} → {@code block1_conv1_w}, {@code bias:0} → {@code _b}.
 * Keras 1 names ({@code block1_conv1_W_1:0}, {@code block1_conv1_b_1:0}), which the ImageNet VGG16
 * file itself uses, bind the same way.
 * Keras' conv kernels are [kh, kw, in, out], TF's conv2d filter layout, so no transposition is needed.
 */
public final class KerasWeights {
    /** The file a Keras user has for {@code VGG16(weights="imagenet", include_top=False)}. */
    public static final String VGG16_NOTOP = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";

    private final Path file;
    private final Map<String, NamedWeights.Weight> weights;

    private KerasWeights(Path file, Map<String, NamedWeights.Weight> weights) {
        this.file = file;
        this.weights = weights;
    }

    public static KerasWeights read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EmotionArtException("weights file not found: " + file + " (expected Keras' " + VGG16_NOTOP + ")");
        }
        Map<String, NamedWeights.Weight> out = new LinkedHashMap<>();
        try (HdfFile hdf = new HdfFile(file.toFile())) {
            Group root = hdf;
            if (root.getChild("model_weights") instanceof Group g) {
                root = g; // a whole saved model: the weights are one level down
            }
            for (Node layer : root.getChildren().values()) {
                if (layer instanceof Group g) {
                    for (Map.Entry<String, Dataset> e : datasets(g).entrySet()) {
                        String suffix = suffix(e.getKey());
                        if (suffix != null) {
                            out.put(g.getName() + suffix, weight(e.getValue()));
                        }
                    }
                }
            }
        } catch (EmotionArtException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EmotionArtException(file + " is not a readable HDF5 weights file (" + e.getMessage()
                    + "); expected Keras' " + VGG16_NOTOP, e);
        }
        if (out.isEmpty()) {
            throw new EmotionArtException(file + " holds no Keras layer weights (groups with kernel:0 and bias:0); "
                    + "expected Keras' " + VGG16_NOTOP);
        }
        return new KerasWeights(file, out);
    }

    /** Our variable name → weight, e.g. block1_conv1_w → [3, 3, 3, 64]. */
    public Map<String, NamedWeights.Weight> weights() {
        return weights;
    }

    /** Checks every variable of {@code layers} against the file by name and shape, then assigns them. */
    public void assignTo(Layers layers, Session session) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Variable<TFloat32>> e : layers.allVariables().entrySet()) {
            String name = e.getKey();
            String layer = name.substring(0, name.length() - 2);
            String what = name.endsWith("_w") ? "kernel" : "bias";
            NamedWeights.Weight w = weights.get(name);
            long[] need = e.getValue().shape().asArray();
            if (w == null) {
                problems.add("no " + what + " for layer " + layer);
            } else if (!Arrays.equals(w.shape(), need)) {
                problems.add(layer + " " + what + " is " + Arrays.toString(w.shape()) + " but the network needs "
                        + Arrays.toString(need));
            }
        }
        if (!problems.isEmpty()) {
            throw new EmotionArtException(file + " does not fit the network: " + String.join("; ",
                    problems.subList(0, Math.min(4, problems.size()))) + (problems.size() > 4 ? "; ..." : "")
                    + " (expected Keras' " + VGG16_NOTOP + ")");
        }
        NamedWeights.assign(layers, session, weights);
    }

    /**
     * {@code _w} for a kernel, {@code _b} for a bias, else null. Keras 2 names them
     * {@code block1_conv1/kernel:0} and {@code block1_conv1/bias:0}; Keras 1, which wrote the ImageNet
     * files that {@code keras.applications} still downloads, {@code block1_conv1_W_1:0} and
     * {@code block1_conv1_b_1:0} (Keras itself loads by position, so both work there).
     */
    static String suffix(String weightName) {
        String name = weightName.substring(weightName.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
        if (name.equals("kernel") || name.matches(".*_W(_\\d+)?")) {
            return "_w";
        }
        if (name.equals("bias") || name.matches(".*_b(_\\d+)?")) {
            return "_b";
        }
        return null;
    }

    private static Map<String, Dataset> datasets(Group layer) {
        Map<String, Dataset> found = new LinkedHashMap<>();
        Attribute names = layer.getAttribute("weight_names");
        if (names != null && names.getData() instanceof Object[] list) {
            for (Object n : list) {
                String path = n instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : n.toString();
                Node node = layer.getByPath(path);
                if (node instanceof Dataset d) {
                    found.put(path, d);
                }
            }
            return found;
        }
        walk(layer, "", found);
        return found;
    }

    static void walk(Group g, String prefix, Map<String, Dataset> found) {
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset d) {
                found.put(prefix + n.getName(), d);
            } else if (n instanceof Group sub) {
                walk(sub, prefix + n.getName() + "/", found);
            }
        }
    }

    static NamedWeights.Weight weight(Dataset d) {
        int[] dims = d.getDimensions();
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        Object flat = d.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] dd) {
            values = new float[dd.length];
            for (int i = 0; i < dd.length; i++) {
                values[i] = (float) dd[i];
            }
        } else {
            throw new EmotionArtException("dataset " + d.getPath() + " holds " + d.getJavaType().getSimpleName()
                    + ", expected float weights");
        }
        return new NamedWeights.Weight(shape, values);
    }
}
