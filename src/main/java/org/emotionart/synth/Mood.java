package org.emotionart.synth;

import java.util.SplittableRandom;
import org.emotionart.Emotion;

/**
 * The per-image parameters that carry the emotion besides the shapes: a latent valence, from which
 * the palette (hue, lightness, chroma, contrast) and the composition (tilt) are derived, each with
 * its own random spread. Classes shift the means of these cues but their distributions overlap
 * widely, so that no single colour statistic tells the emotion; the shape language
 * ({@link ShapeLanguage}) is the cue that is always present.
 *
 * <p>All values are drawn from the image's own random generator, so a mood is a pure function of the
 * image seed.
 */
public final class Mood {
    /** Centre of the latent valence per class: negative -1, neutral 0, positive +1. */
    static final double[] VALENCE_CENTRE = {-1, 0, 1};
    /** Standard deviation of the latent valence around its class centre. */
    static final double VALENCE_SD = 0.5;

    private final Emotion emotion;
    private final ShapeLanguage shapes;
    private final double valence;
    private final double hue;
    private final double hue2;
    private final double chroma;
    private final double lightness;
    private final double contrast;
    private final double tilt;

    private Mood(Emotion emotion, double valence, double hue, double hue2, double chroma, double lightness,
            double contrast, double tilt) {
        this.emotion = emotion;
        this.shapes = ShapeLanguage.of(emotion);
        this.valence = valence;
        this.hue = hue;
        this.hue2 = hue2;
        this.chroma = chroma;
        this.lightness = lightness;
        this.contrast = contrast;
        this.tilt = tilt;
    }

    /** Draws the mood of one image of class {@code emotion}. */
    public static Mood draw(Emotion emotion, SplittableRandom rnd) {
        double v = VALENCE_CENTRE[emotion.index()] + VALENCE_SD * rnd.nextGaussian();
        // warm (orange, 50 deg) for high valence, green-teal in the middle, blue-violet (230 deg) for low
        double hue = 140 - 90 * v + 30 * rnd.nextGaussian();
        double harmony = rnd.nextDouble() < 0.25 ? 180 : (rnd.nextBoolean() ? 1 : -1) * (30 + 40 * rnd.nextDouble());
        double hue2 = hue + harmony;
        double chroma = OkColor.clamp(0.085 + 0.035 * v + 0.025 * rnd.nextGaussian(), 0.01, 0.2);
        double lightness = OkColor.clamp(0.60 + 0.10 * v + 0.06 * rnd.nextGaussian(), 0.3, 0.85);
        double contrast = OkColor.clamp(0.24 + 0.07 * Math.max(0, -v) + 0.03 * Math.max(0, v)
                + 0.05 * rnd.nextGaussian(), 0.1, 0.45);
        double tilt = 0.12 * v + 0.06 * rnd.nextGaussian();
        return new Mood(emotion, v, hue, hue2, chroma, lightness, contrast, tilt);
    }

    /** The class this mood was drawn for. */
    public Emotion emotion() {
        return emotion;
    }

    /** The shape vocabulary (fixed per class). */
    public ShapeLanguage shapes() {
        return shapes;
    }

    /** Latent valence: class centre (-1, 0, +1) plus Gaussian noise. */
    public double valence() {
        return valence;
    }

    /** Main hue in degrees. */
    public double hue() {
        return hue;
    }

    /** Second (harmonising) hue in degrees. */
    public double hue2() {
        return hue2;
    }

    /** Base OKLCH chroma. */
    public double chroma() {
        return chroma;
    }

    /** Base OKLCH lightness. */
    public double lightness() {
        return lightness;
    }

    /** Lightness difference between the lightest and the middle tone. */
    public double contrast() {
        return contrast;
    }

    /** Rise of the main lines over the canvas width (positive: rising to the right, upward). */
    public double tilt() {
        return tilt;
    }

    /**
     * A colour of this palette: {@code rel} is the tone's place between dark (-1) and light (+1),
     * {@code hue} its hue in degrees and {@code chromaScale} a multiplier of the base chroma.
     */
    public int rgb(double rel, double hue, double chromaScale) {
        double l = OkColor.clamp(lightness + contrast * rel, 0.06, 0.98);
        return OkColor.rgb(l, chroma * chromaScale, hue);
    }
}
