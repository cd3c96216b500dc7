package org.emotionart.train;

/**
 * Measures a generator's paintings while it trains ({@code train-gan --eval-every}). Implemented
 * outside training (by {@code org.emotionart.eval.TrainingQuality}, which judges with a classifier
 * bundle), so that training depends on no later stage.
 */
public interface QualityProbe {
    /** One measurement: Fréchet distance to real paintings and its real-vs-real baseline, precision, recall, adherence. */
    record Figures(double fd, double fdBaseline, double precision, double recall, double adherence) {
        public double fdRatio() {
            return fd / fdBaseline;
        }
    }

    /** Paintings per emotion to measure; they use seeds {@link #firstSeed()} .. + perEmotion − 1. */
    int perEmotion();

    long firstSeed();

    /**
     * {@code pixels[e]}: the {@link #perEmotion()} paintings of emotion index e, packed uint8 HWC at
     * {@code size}.
     */
    Figures measure(byte[][] pixels, int size);
}
