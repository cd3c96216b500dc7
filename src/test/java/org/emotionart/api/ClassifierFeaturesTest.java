package org.emotionart.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.emotionart.TestBundles;
import org.junit.jupiter.api.Test;

/** A new classifier bundle's features output is the tensor older bundles give from their graph. */
class ClassifierFeaturesTest {
    @Test
    void signatureOutputAndGraphTensorAgree() throws Exception {
        Path models = TestBundles.shared();
        try (EmotionClassifier c = EmotionClassifier.load(models.resolve("classifier"))) {
            int s = c.imageSize();
            byte[] pixels = new byte[3 * s * s * 3];
            new Random(1).nextBytes(pixels);
            float[][] bySignature = c.featuresPixels(pixels, 3, false);
            float[][] byGraph = c.featuresPixels(pixels, 3, true);
            assertEquals(3, bySignature.length);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(bySignature[i], byGraph[i], 1e-6f);
            }
            assertEquals(bySignature[0].length, c.featureSize());
        }
    }
}
