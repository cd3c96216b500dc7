package org.emotionart.model;

import io.jhdf.HdfFile;
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

/**
 * Keras' InceptionV3 weights file ({@value #NOTOP}, the layout of {@code model.save_weights}), read
 * with jhdf and checked against {@link InceptionV3}'s 94 conv2d_bn layers by name and shape:
 * {@code conv2d_N/kernel:0} [kh, kw, in, out] and {@code batch_normalization_N/} {@code beta:0},
 * {@code moving_mean:0}, {@code moving_variance:0} (Keras' BN there has no scale). Files from Keras
 * 2.0 number the layers from 1 ({@code conv2d_1}); later ones from 0 ({@code conv2d},
 * {@code conv2d_1}, …): both are read.
 */
public final class InceptionWeights {
    public static final String NOTOP = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5";
    public static final int LAYERS = 94;

    /** One conv2d_bn layer's weights. */
    public record ConvBn(float[] kernel, float[] beta, float[] mean, float[] variance) {
    }

    private final List<ConvBn> layers;
    private final int divisor;

    private InceptionWeights(List<ConvBn> layers, int divisor) {
        this.layers = layers;
        this.divisor = divisor;
    }

    /** Layer {@code number}, 1..94 in creation order. */
    ConvBn layer(int number) {
        return layers.get(number - 1);
    }

    /** 1 for the real network; a test file's narrowing factor. */
    public int divisor() {
        return divisor;
    }

    public int featureSize() {
        return InceptionV3.FEATURES / divisor;
    }

    public static InceptionWeights read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EmotionArtException("weights file not found: " + file + " (expected Keras' " + NOTOP + ")");
        }
        Map<String, Map<String, NamedWeights.Weight>> groups = new LinkedHashMap<>();
        try (HdfFile hdf = new HdfFile(file.toFile())) {
            Group root = hdf;
            if (root.getChild("model_weights") instanceof Group g) {
                root = g;
            }
            KerasWeights.Budget budget = new KerasWeights.Budget();
            for (Node layer : root.getChildren().values()) {
                if (layer instanceof Group g) {
                    Map<String, Dataset> found = new LinkedHashMap<>();
                    KerasWeights.walk(g, "", found);
                    Map<String, NamedWeights.Weight> named = new LinkedHashMap<>();
                    for (Map.Entry<String, Dataset> e : found.entrySet()) {
                        String last = e.getKey().substring(e.getKey().lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
                        named.put(last, KerasWeights.weight(e.getValue(), budget));
                    }
                    groups.put(g.getName(), named);
                }
            }
        } catch (EmotionArtException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new EmotionArtException(file + " is not a readable HDF5 weights file (its groups or links nest too "
                    + "deeply or loop); expected Keras' " + NOTOP);
        } catch (RuntimeException e) {
            throw new EmotionArtException(file + " is not a readable HDF5 weights file (" + e.getMessage()
                    + "); expected Keras' " + NOTOP, e);
        }
        boolean fromZero = groups.containsKey("conv2d");
        String first = fromZero ? "conv2d" : "conv2d_1";
        NamedWeights.Weight firstKernel = groups.getOrDefault(first, Map.of()).get("kernel");
        if (firstKernel == null || firstKernel.shape().length != 4 || firstKernel.shape()[3] < 1
                || 32 % firstKernel.shape()[3] != 0) {
            throw new EmotionArtException(file + " does not hold Keras' InceptionV3 weights (no " + first
                    + " kernel of 32 filters); expected Keras' " + NOTOP);
        }
        int divisor = (int) (32 / firstKernel.shape()[3]);
        List<long[]> shapes = InceptionV3.kernelShapes(divisor);
        List<String> problems = new ArrayList<>();
        List<ConvBn> layers = new ArrayList<>();
        for (int i = 1; i <= LAYERS; i++) {
            int n = fromZero ? i - 1 : i;
            String conv = n == 0 ? "conv2d" : "conv2d_" + n;
            String bn = n == 0 ? "batch_normalization" : "batch_normalization_" + n;
            long[] need = shapes.get(i - 1);
            NamedWeights.Weight k = groups.getOrDefault(conv, Map.of()).get("kernel");
            Map<String, NamedWeights.Weight> b = groups.getOrDefault(bn, Map.of());
            if (k == null) {
                problems.add("no kernel for layer " + conv);
                continue;
            }
            if (!Arrays.equals(k.shape(), need)) {
                problems.add(conv + " kernel is " + Arrays.toString(k.shape()) + " but InceptionV3 needs "
                        + Arrays.toString(need));
                continue;
            }
            float[][] bnValues = new float[3][];
            String[] names = {"beta", "moving_mean", "moving_variance"};
            for (int j = 0; j < 3; j++) {
                NamedWeights.Weight w = b.get(names[j]);
                if (w == null || w.values().length != need[3]) {
                    problems.add(w == null ? "no " + names[j] + " for layer " + bn : bn + " " + names[j] + " has "
                            + w.values().length + " values but InceptionV3 needs " + need[3]);
                } else {
                    bnValues[j] = w.values();
                }
            }
            layers.add(new ConvBn(k.values(), bnValues[0], bnValues[1], bnValues[2]));
        }
        if (!problems.isEmpty()) {
            throw new EmotionArtException(file + " does not fit InceptionV3: " + String.join("; ",
                    problems.subList(0, Math.min(3, problems.size()))) + (problems.size() > 3 ? "; ..." : "")
                    + " (expected Keras' " + NOTOP + ")");
        }
        return new InceptionWeights(layers, divisor);
    }
}
