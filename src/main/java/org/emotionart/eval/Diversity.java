package org.emotionart.eval;

import java.util.stream.IntStream;

/**
 * How different a set of images is from itself: the mean, over all pairs, of the root-mean-square
 * pixel difference, with pixels scaled to [0, 1]:
 *
 * <pre>
 * d(a, b)   = sqrt( mean over every pixel and channel of (a - b)^2 )
 * diversity = mean of d(a, b) over all pairs a &lt; b
 * </pre>
 *
 * 0 means all images are identical; two images of independent uniform noise are about 0.41 apart.
 * A generator whose images of one emotion are much closer to each other than real paintings of that
 * style and emotion (say, under half the real figure) is likely collapsing to a few modes. Being pixel-based it is blind to content (a shifted copy counts as
 * different), which is acceptable for this purpose: mode collapse shows as near-copies.
 */
public final class Diversity {
    private Diversity() {
    }

    /** Mean pairwise RMS distance of {@code count} images packed as uint8 in {@code pixels}, {@code bytesPerImage} each. */
    public static double meanPairwiseRms(byte[] pixels, int count, int bytesPerImage) {
        if (count < 2) {
            return Double.NaN;
        }
        double sum = IntStream.range(0, count).parallel().mapToDouble(i -> {
            double s = 0;
            int a = i * bytesPerImage;
            for (int j = i + 1; j < count; j++) {
                int b = j * bytesPerImage;
                long sq = 0;
                for (int k = 0; k < bytesPerImage; k++) {
                    int d = (pixels[a + k] & 0xff) - (pixels[b + k] & 0xff);
                    sq += d * d;
                }
                s += Math.sqrt((double) sq / bytesPerImage) / 255.0;
            }
            return s;
        }).sum();
        return sum / ((long) count * (count - 1) / 2);
    }
}
