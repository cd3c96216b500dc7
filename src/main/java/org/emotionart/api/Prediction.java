package org.emotionart.api;

import java.util.Locale;
import org.emotionart.Emotion;

/** The classifier's answer for one image: the most likely emotion and all three probabilities. */
public record Prediction(Emotion emotion, float[] probabilities) {
    public float probability(Emotion e) {
        return probabilities[e.index()];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (negative %.3f, neutral %.3f, positive %.3f)", emotion.label(),
                probabilities[0], probabilities[1], probabilities[2]);
    }
}
