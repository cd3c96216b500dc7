package org.emotionart.eval;

import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.ImageDecoder;
import org.emotionart.viz.Images;

/**
 * Features from the emotion classifier's penultimate layer (the MLP head's hidden activations, see
 * {@link EmotionClassifier#featuresPixels}). Images of another size are centre-cropped and resized
 * (antialiased) to the classifier's size first, as for classification.
 */
public final class ClassifierFeatures implements FeatureExtractor {
    private final EmotionClassifier classifier;
    private final int width;

    public ClassifierFeatures(EmotionClassifier classifier) {
        this.classifier = classifier;
        this.width = classifier.featureSize();
    }

    @Override
    public String description() {
        return String.format("classifier penultimate layer (%d-d, after the head's ReLU) of %s at %d px", width,
                classifier.path(), classifier.imageSize());
    }

    @Override
    public double[][] features(byte[] pixels, int count, int size) {
        double[][] out = new double[count][];
        for (int from = 0; from < count; from += EmotionClassifier.MAX_BATCH) {
            int n = Math.min(EmotionClassifier.MAX_BATCH, count - from);
            float[][] f = classifier.featuresPixels(atClassifierSize(classifier, pixels, from, n, size), n);
            for (int i = 0; i < n; i++) {
                double[] row = new double[f[i].length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = f[i][j];
                }
                out[from + i] = row;
            }
        }
        return out;
    }

    /** Images {@code from .. from+n-1} of {@code pixels} (at {@code size}) at the classifier's size. */
    static byte[] atClassifierSize(EmotionClassifier classifier, byte[] pixels, int from, int n, int size) {
        int s = classifier.imageSize();
        int bpi = s * s * 3;
        byte[] batch = new byte[n * bpi];
        for (int i = 0; i < n; i++) {
            if (size == s) {
                System.arraycopy(pixels, (from + i) * bpi, batch, i * bpi, bpi);
            } else {
                byte[] one = ImageDecoder.toSquareRgb(Images.fromHwc(pixels, from + i, size), s);
                System.arraycopy(one, 0, batch, i * bpi, bpi);
            }
        }
        return batch;
    }
}
