package org.emotionart.eval;

/**
 * Turns images into feature vectors that image-quality metrics ({@link QualityMetrics}) compare.
 * Implementations: {@link ClassifierFeatures} (the emotion classifier's penultimate layer).
 */
public interface FeatureExtractor {
    /** What the features are, for reports: e.g. "classifier penultimate layer (128-d) of BUNDLE". */
    String description();

    /** Images packed uint8 HWC, {@code count × size × size × 3} bytes, to one feature row each. */
    double[][] features(byte[] pixels, int count, int size);
}
