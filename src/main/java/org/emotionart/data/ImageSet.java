package org.emotionart.data;

import java.util.List;
import org.emotionart.Emotion;

/**
 * Decoded training images in memory: {@code count} square RGB images of {@code size}×{@code size},
 * packed as uint8 HWC in {@code pixels} (image i starts at {@code i * size * size * 3}), each with
 * its emotion and its path relative to the data root.
 */
public record ImageSet(int size, byte[] pixels, List<String> paths, Emotion[] emotions) {
    public ImageSet {
        if (pixels.length != (long) paths.size() * size * size * 3 || emotions.length != paths.size()) {
            throw new IllegalArgumentException("inconsistent image set: " + paths.size() + " paths, "
                    + emotions.length + " labels, " + pixels.length + " bytes at size " + size);
        }
    }

    public int count() {
        return paths.size();
    }

    public int bytesPerImage() {
        return size * size * 3;
    }

    /** Number of images per emotion, indexed by {@link Emotion#index()}. */
    public int[] countsPerEmotion() {
        int[] counts = new int[Emotion.COUNT];
        for (Emotion e : emotions) {
            counts[e.index()]++;
        }
        return counts;
    }
}
