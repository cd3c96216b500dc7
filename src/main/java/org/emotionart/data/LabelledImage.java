package org.emotionart.data;

import org.emotionart.Emotion;

/**
 * One row of a labels file: an image path relative to the data root (forward slashes, e.g.
 * {@code landscape/x.png}), its style (the WikiArt folder name) and its emotion. Rows written by the
 * classifier's {@code label} command also carry the three class probabilities; other sources leave
 * {@code probabilities} null.
 */
public record LabelledImage(String path, String style, Emotion emotion, float[] probabilities) {
    public LabelledImage(String path, String style, Emotion emotion) {
        this(path, style, emotion, null);
    }
}
