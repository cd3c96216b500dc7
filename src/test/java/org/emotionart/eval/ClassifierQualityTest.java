package org.emotionart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.emotionart.Emotion;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.synth.PaintingRenderer;
import org.emotionart.synth.Style;
import org.emotionart.viz.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality metrics on what {@code evaluate} feeds them: benchmark paintings through the shipped
 * classifier's features (an older bundle without a features output, so this also covers finding
 * them in its graph).
 */
class ClassifierQualityTest {
    static final int N = 120;
    static final int SIZE = 64;
    static EmotionClassifier classifier;
    static ClassifierFeatures features;
    static byte[] realA;
    static byte[] realB;

    @BeforeAll
    static void load() {
        classifier = EmotionClassifier.load(Path.of("savedmodels/classifier"));
        features = new ClassifierFeatures(classifier);
        realA = paintings(11, 0);
        realB = paintings(12, 0);
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    /** N landscapes, a third of each emotion, from one benchmark seed, each blurred {@code blur} times. */
    static byte[] paintings(long seed, int blur) {
        byte[] out = new byte[N * SIZE * SIZE * 3];
        for (int i = 0; i < N; i++) {
            BufferedImage img = PaintingRenderer.render(seed, Style.LANDSCAPE, Emotion.of(i % 3), i / 3, SIZE);
            for (int b = 0; b < blur; b++) {
                float[] box = new float[9];
                Arrays.fill(box, 1f / 9);
                img = new ConvolveOp(new Kernel(3, 3, box), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
            }
            Images.toHwc(img, out, i);
        }
        return out;
    }

    static double[][] f(byte[] pixels) {
        return features.features(pixels, N, SIZE);
    }

    @Test
    void featuresAreThePenultimateLayer() {
        assertEquals(128, classifier.featureSize(), "the shipped classifier's hidden layer");
        double[][] a = f(realA);
        assertEquals(N, a.length);
        assertTrue(Arrays.stream(a).flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0), "after a ReLU");
        assertEquals(0, QualityMetrics.frechetDistance(a, a), 1e-6, "FD of a set with itself");
    }

    @Test
    void fdAndKidRiseMonotonicallyAsTheRealPaintingsAreBlurredMore() {
        double[][] a = f(realA);
        double lastFd = QualityMetrics.frechetDistance(f(realB), a);
        double lastKid = QualityMetrics.kid(f(realB), a, 50, 1000, 1).mean();
        for (int blur = 1; blur <= 4; blur++) {
            double[][] blurred = f(paintings(12, blur));
            double fd = QualityMetrics.frechetDistance(blurred, a);
            double kid = QualityMetrics.kid(blurred, a, 50, 1000, 1).mean();
            assertTrue(fd > lastFd, "FD at blur " + blur + ": " + fd + " after " + lastFd);
            assertTrue(kid > lastKid, "KID at blur " + blur + ": " + kid + " after " + lastKid);
            lastFd = fd;
            lastKid = kid;
        }
    }

    @Test
    void kidOfTwoHalvesOfOneSetIsNearZero() {
        QualityMetrics.Kid kid = QualityMetrics.kid(f(realB), f(realA), 100, 1000, 1);
        QualityMetrics.Kid blurred = QualityMetrics.kid(f(paintings(12, 2)), f(realA), 100, 1000, 1);
        assertTrue(Math.abs(kid.mean()) < blurred.mean() / 20, kid + " vs blurred " + blurred);
    }

    @Test
    void precisionDropsForNoiseAndRecallDropsForOneRepeatedPainting() {
        double[][] a = f(realA);
        QualityMetrics.PrecisionRecall real = QualityMetrics.precisionRecall(a, f(realB), 3);
        assertTrue(real.precision() > 0.8 && real.recall() > 0.8, real.toString());

        byte[] noise = new byte[realB.length];
        new Random(5).nextBytes(noise);
        QualityMetrics.PrecisionRecall ofNoise = QualityMetrics.precisionRecall(a, f(noise), 3);
        assertTrue(ofNoise.precision() < real.precision() / 2, ofNoise + " vs " + real);

        byte[] one = new byte[realB.length];
        int bpi = SIZE * SIZE * 3;
        for (int i = 0; i < N; i++) {
            System.arraycopy(realB, 0, one, i * bpi, bpi);
        }
        QualityMetrics.PrecisionRecall ofOne = QualityMetrics.precisionRecall(a, f(one), 3);
        assertTrue(ofOne.recall() < 0.1, ofOne.toString());
    }
}
