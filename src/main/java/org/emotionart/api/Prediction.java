package org.emotionart.api;

import java.util.Locale;
import org.emotionart.Emotion;

/**
 * The classifier's answer for one image: the most likely emotion and all three probabilities, and,
 * when the bundle is calibrated ({@link Domain}), whether the image looks like what the classifier was
 * trained on ({@code inDomain} null when the bundle cannot say; false: the answer is a guess).
 */
public record Prediction(Emotion emotion, float[] probabilities, Boolean inDomain, Double domainDistance) {
    public Prediction(Emotion emotion, float[] probabilities) {
        this(emotion, probabilities, null, null);
    }

    /** Whether the image is known to be unlike the classifier's training paintings. */
    public boolean outOfDomain() {
        return Boolean.FALSE.equals(inDomain);
    }

    public float probability(Emotion e) {
        return probabilities[e.index()];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (negative %.3f, neutral %.3f, positive %.3f)", emotion.label(),
                probabilities[0], probabilities[1], probabilities[2]);
    }
}
