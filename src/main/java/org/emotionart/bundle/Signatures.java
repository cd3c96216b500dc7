package org.emotionart.bundle;

/**
 * The signature names of emotion-art's bundles, which the exporter writes and the facade (and TF
 * Serving clients) call. {@code serving_default} is TensorFlow's own.
 */
public final class Signatures {
    /** Classifier: uint8 pixels [N, S, S, 3] → probabilities, emotion, features. */
    public static final String CLASSIFY_PIXELS = "classify_pixels";
    /** The classifier's penultimate layer, an output of {@link #CLASSIFY_PIXELS}. */
    public static final String FEATURES = "features";
    /** Generator: noise z and emotion → images. */
    public static final String GENERATE_FROM_Z = "generate_from_z";
    /** Generator: seed and emotion weights → images. */
    public static final String GENERATE_BLEND = "generate_blend";

    private Signatures() {
    }
}
