package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.emotionart.EmotionArtException;
import org.emotionart.eval.InceptionFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InceptionV3 bound to a weights file in Keras' layout ({@code conv2d_N/conv2d_N/kernel:0},
 * {@code batch_normalization_N/batch_normalization_N/beta:0}, ...), written here with jhdf for a
 * network 16 times narrower than the real one (128 features instead of 2,048).
 */
public class InceptionV3Test {
    static final int DIVISOR = 16;

    @TempDir
    Path dir;

    /** Writes a Keras-layout file; kernels all {@code k}, BN beta {@code beta}, mean 0, variance 1 − eps. */
    public static Path write(Path file, boolean fromZero, float k, float beta, int skipLayer, int wrongLayer) {
        List<long[]> shapes = InceptionV3.kernelShapes(DIVISOR);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            for (int i = 1; i <= shapes.size(); i++) {
                int n = fromZero ? i - 1 : i;
                String conv = n == 0 ? "conv2d" : "conv2d_" + n;
                String bn = n == 0 ? "batch_normalization" : "batch_normalization_" + n;
                long[] s = shapes.get(i - 1).clone();
                if (i == wrongLayer) {
                    s[3] += 1;
                }
                int out = (int) s[3];
                if (i != skipLayer) {
                    float[][][][] kernel = new float[(int) s[0]][(int) s[1]][(int) s[2]][out];
                    for (float[][][] a : kernel) {
                        for (float[][] b : a) {
                            for (float[] c : b) {
                                Arrays.fill(c, k);
                            }
                        }
                    }
                    hdf.putGroup(conv).putGroup(conv).putDataset("kernel:0", kernel);
                }
                WritableGroup g = hdf.putGroup(bn).putGroup(bn);
                float[] b = new float[out];
                Arrays.fill(b, beta);
                float[] mean = new float[out];
                float[] var = new float[out];
                Arrays.fill(var, 1f - InceptionV3.BN_EPSILON);
                g.putDataset("beta:0", b);
                g.putDataset("moving_mean:0", mean);
                g.putDataset("moving_variance:0", var);
            }
        }
        return file;
    }

    static byte[] grey(int count, int size, int value) {
        byte[] px = new byte[count * size * size * 3];
        Arrays.fill(px, (byte) value);
        return px;
    }

    @Test
    void theNetworkHas94ConvBnLayersEndingIn2048Features() {
        List<long[]> shapes = InceptionV3.kernelShapes(1);
        assertEquals(94, shapes.size());
        assertArrayEquals(new long[] {3, 3, 3, 32}, shapes.get(0));
        assertArrayEquals(new long[] {3, 3, 288, 384}, shapes.get(26), "mixed3's 3x3/2 branch after mixed2 (288)");
        assertArrayEquals(new long[] {1, 1, 2048, 192}, shapes.get(93), "mixed10's pool branch reads mixed9 (2048)");
    }

    @Test
    void bindsKerasNamesAndComputesThePooledFeatures() {
        // zero kernels, beta 1: every conv2d_bn gives relu(0 + 1) = 1, so every pooled feature is exactly 1
        Path file = write(dir.resolve("ones.h5"), false, 0f, 1f, 0, 0);
        try (InceptionFeatures f = new InceptionFeatures(file)) {
            double[][] out = f.features(grey(2, 64, 200), 2, 64);
            assertEquals(2, out.length);
            assertEquals(2048 / DIVISOR, out[0].length);
            for (double v : out[1]) {
                assertEquals(1.0, v, 1e-6);
            }
            assertTrue(f.description().startsWith("InceptionV3 pooled features (128-d)"), f.description());
        }
        // positive kernels, no offset: brighter images give larger features, whatever their size
        Path mean = write(dir.resolve("mean.h5"), true, 0.01f, 0f, 0, 0);
        try (InceptionFeatures f = new InceptionFeatures(mean)) {
            double dark = Arrays.stream(f.features(grey(1, 64, 150), 1, 64)[0]).sum();
            double bright = Arrays.stream(f.features(grey(1, 32, 250), 1, 32)[0]).sum();
            assertTrue(bright > dark && dark > 0, dark + " vs " + bright);
        }
    }

    @Test
    void weightsThatDoNotFitAreRefusedWithTheLayer() {
        EmotionArtException missing = assertThrows(EmotionArtException.class,
                () -> InceptionWeights.read(write(dir.resolve("m.h5"), false, 0f, 1f, 12, 0)));
        assertTrue(missing.getMessage().contains("does not fit InceptionV3: no kernel for layer conv2d_12"),
                missing.getMessage());
        EmotionArtException wrong = assertThrows(EmotionArtException.class,
                () -> InceptionWeights.read(write(dir.resolve("w.h5"), false, 0f, 1f, 0, 5)));
        assertTrue(wrong.getMessage().contains("conv2d_5 kernel is [3, 3, 5, 13] but InceptionV3 needs [3, 3, 5, 12]"),
                wrong.getMessage());
        EmotionArtException absent = assertThrows(EmotionArtException.class,
                () -> InceptionWeights.read(dir.resolve("nope.h5")));
        assertTrue(absent.getMessage().startsWith("weights file not found: "), absent.getMessage());
    }
}
