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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            Budget budget = new Budget();
            for (Node layer : root.getChildren().values()) {
                if (layer instanceof Group g) {
                    for (Map.Entry<String, Dataset> e : datasets(g).entrySet()) {
                        String suffix = suffix(e.getKey());
                        if (suffix != null) {
                            out.put(g.getName() + suffix, weight(e.getValue(), budget));
                        }
                    }
                }
            }
        } catch (EmotionArtException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new EmotionArtException(file + " is not a readable HDF5 weights file (its groups or links nest too "
                    + "deeply or loop); expected Keras' " + VGG16_NOTOP);
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
        Map<String, long[]> need = new LinkedHashMap<>();
        for (Map.Entry<String, Variable<TFloat32>> e : layers.allVariables().entrySet()) {
            need.put(e.getKey(), e.getValue().shape().asArray());
        }
        checkFits(need);
        NamedWeights.assign(layers, session, weights);
    }

    /**
     * Checks the file against the variables {@code net} will have, before any graph is built or data
     * read (a command can refuse weights that do not fit at once, not after decoding its images).
     */
    public void checkFits(Vgg16 net) {
        Map<String, long[]> need = new LinkedHashMap<>();
        int cin = 3;
        for (int b = 0; b < net.blocks().length; b++) {
            for (int c = 0; c < net.blocks()[b].length; c++) {
                int cout = net.blocks()[b][c];
                need.put(Vgg16.layerName(b, c) + "_w", new long[] {3, 3, cin, cout});
                need.put(Vgg16.layerName(b, c) + "_b", new long[] {cout});
                cin = cout;
            }
        }
        checkFits(need);
    }

    /** Refuses, in one line, a file without a weight of each name and shape in {@code need}. */
    private void checkFits(Map<String, long[]> need) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : need.entrySet()) {
            String name = e.getKey();
            String layer = name.substring(0, name.length() - 2);
            String what = name.endsWith("_w") ? "kernel" : "bias";
            NamedWeights.Weight w = weights.get(name);
            if (w == null) {
                problems.add("no " + what + " for layer " + layer);
            } else if (!Arrays.equals(w.shape(), e.getValue())) {
                problems.add(layer + " " + what + " is " + Arrays.toString(w.shape()) + " but the network needs "
                        + Arrays.toString(e.getValue()));
            }
        }
        if (!problems.isEmpty()) {
            throw new EmotionArtException(file + " does not fit the network: " + String.join("; ",
                    problems.subList(0, Math.min(4, problems.size()))) + (problems.size() > 4 ? "; ..." : "")
                    + " (expected Keras' " + VGG16_NOTOP + ")");
        }
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
                if (byPath(layer, path) instanceof Dataset d) {
                    found.put(path, d);
                }
            }
            return found;
        }
        walk(layer, "", found);
        return found;
    }

    /**
     * The node at {@code path} below {@code layer}, one name at a time, without following links
     * (jhdf's getByPath follows soft links, which may loop, and external links, which open other
     * files): null if there is none.
     */
    private static Node byPath(Group layer, String path) {
        Node node = layer;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g) || name.equals(".") || name.equals("..")) {
                return null;
            }
            node = g.getChildren().get(name);
            if (node == null) {
                return null;
            }
            refuseLink(node);
        }
        return node == layer ? null : node;
    }

    /** Weights are datasets in the file itself: soft and external links where they are read are refused. */
    private static void refuseLink(Node node) {
        if (node.isLink()) {
            String kind = node instanceof io.jhdf.links.ExternalLink ? "an external link (to another file)"
                    : "a soft link";
            throw new EmotionArtException(node.getFileAsPath() + ": " + node.getPath() + " is " + kind + "; weights must be datasets in the "
                    + "weights file itself, not links");
        }
    }

    /** The most group levels below a layer's group; Keras writes one or two. */
    private static final int MAX_DEPTH = 8;

    /** Every dataset below {@code g}, by path; links, cycles and deep nesting are refused. */
    static void walk(Group g, String prefix, Map<String, Dataset> found) {
        walk(g, prefix, found, new HashSet<>(List.of(g.getAddress())), 0);
    }

    private static void walk(Group g, String prefix, Map<String, Dataset> found, Set<Long> open, int depth) {
        if (depth > MAX_DEPTH) {
            throw new EmotionArtException(g.getFileAsPath() + ": group " + g.getPath() + " is nested more than " + MAX_DEPTH
                    + " levels deep; a Keras weights file's layer groups hold one or two levels");
        }
        for (Node n : g.getChildren().values()) {
            refuseLink(n);
            if (n instanceof Dataset d) {
                found.put(prefix + n.getName(), d);
            } else if (n instanceof Group sub) {
                if (!open.add(sub.getAddress())) {
                    throw new EmotionArtException(g.getFileAsPath() + ": group " + g.getPath() + " holds " + n.getName() + ", a link back to "
                            + "a group that contains it (a cycle); a weights file's groups must form a tree");
                }
                walk(sub, prefix + n.getName() + "/", found, open, depth + 1);
                open.remove(sub.getAddress());
            }
        }
    }

    /**
     * The most float values a weights file may hold in all: VGG16 with its top layers has 138
     * million (its notop file 15 million, InceptionV3's 22 million).
     */
    static final long MAX_VALUES = 150_000_000;

    /** The values read so far from one file, against {@link #MAX_VALUES}. */
    static final class Budget {
        private final long max;
        private long used;

        Budget() {
            this(MAX_VALUES);
        }

        Budget(long max) {
            this.max = max;
        }

        void reserve(Dataset d, int[] dims) {
            long n = 1;
            for (int dim : dims) {
                n = dim < 0 || n > max ? Long.MAX_VALUE : n * dim; // max * int does not overflow
            }
            if (n > max - used) {
                throw new EmotionArtException(d.getFileAsPath() + ": dataset " + d.getPath() + " has shape " + Arrays.toString(dims) + ": "
                        + (n > max ? "more than " + max + " values" : n + " more values, " + (used + n)
                        + " in all") + ", more than a weights file may hold (at most " + max
                        + " values in all; VGG16 with its top layers has 138 million)");
            }
            used += n;
        }
    }

    static NamedWeights.Weight weight(Dataset d) {
        return weight(d, new Budget());
    }

    /** {@code d}'s values, checked for type, data and size before they are read. */
    static NamedWeights.Weight weight(Dataset d, Budget budget) {
        int[] dims = d.getDimensions();
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        Class<?> type = d.getJavaType();
        if (type != float.class && type != double.class) {
            throw new EmotionArtException("dataset " + d.getPath() + " holds " + type.getSimpleName()
                    + ", expected float weights");
        }
        if (d.isEmpty()) { // created but never written: jhdf would read an array of nulls
            throw new EmotionArtException(d.getFileAsPath() + ": dataset " + d.getPath() + " of shape "
                    + Arrays.toString(dims) + " has no data: it was never written (expected the layer's float weights)");
        }
        budget.reserve(d, dims);
        Object flat = d.getDataFlat();
        if (flat == null) {
            throw new EmotionArtException(d.getFileAsPath() + ": dataset " + d.getPath() + " has no data (expected the layer's float "
                    + "weights)");
        }
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
