package org.emotionart.synth;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;
import org.emotionart.Emotion;

/**
 * Renders one benchmark painting. The image is a pure function of (seed, style, emotion, index, size):
 * its random generator is seeded from those values alone (never from thread or call order), painters
 * are stateless, and geometry and colour use {@link StrictMath}.
 */
public final class PaintingRenderer {
    /** Smallest allowed image size in pixels. */
    public static final int MIN_SIZE = 32;
    /** Largest allowed image size in pixels. */
    public static final int MAX_SIZE = 256;

    private PaintingRenderer() {
    }

    /** The seed of image {@code index} (1-based) of (style, emotion) in a run seeded with {@code seed}. */
    public static long imageSeed(long seed, Style style, Emotion emotion, int index) {
        long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
        h = mix64(h + style.label().hashCode());
        h = mix64(h + (emotion.index() + 1) * 0xBF58476D1CE4E5B9L);
        return mix64(h + index * 0x94D049BB133111EBL);
    }

    /** Renders image {@code index} of (style, emotion) at {@code size}×{@code size} pixels (RGB). */
    public static BufferedImage render(long seed, Style style, Emotion emotion, int index, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("size " + size + " is outside " + MIN_SIZE + ".." + MAX_SIZE);
        }
        SplittableRandom rnd = new SplittableRandom(imageSeed(seed, style, emotion, index));
        Mood mood = Mood.draw(emotion, rnd);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.scale(size, size);
            style.painter().paint(new Canvas(g, mood, rnd));
        } finally {
            g.dispose();
        }
        grain(img, rnd);
        return img;
    }

    /** Canvas grain: a little per-pixel luminance noise, so flat areas are not perfectly flat. */
    private static void grain(BufferedImage img, SplittableRandom rnd) {
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int amp = 1 + rnd.nextInt(4);
        for (int i = 0; i < px.length; i++) {
            int d = rnd.nextInt(2 * amp + 1) - amp;
            int p = px[i];
            int r = clamp(((p >> 16) & 0xff) + d);
            int gr = clamp(((p >> 8) & 0xff) + d);
            int b = clamp((p & 0xff) + d);
            px[i] = (r << 16) | (gr << 8) | b;
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** SplitMix64 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
