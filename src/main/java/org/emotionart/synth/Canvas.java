package org.emotionart.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * What a {@link Painter} draws with: the graphics (in unit coordinates, [0,1]², y down), the image's
 * mood and its random generator, plus small helpers for random numbers, palette colours and strokes in
 * the mood's shape language. One canvas per image; not thread-safe.
 */
public final class Canvas {
    /** The whole canvas with a margin, for backgrounds. */
    static final Rectangle2D FULL = new Rectangle2D.Double(-0.1, -0.1, 1.2, 1.2);

    private final Graphics2D g;
    private final Mood mood;
    private final SplittableRandom rnd;

    Canvas(Graphics2D g, Mood mood, SplittableRandom rnd) {
        this.g = g;
        this.mood = mood;
        this.rnd = rnd;
    }

    /** The image's mood. */
    public Mood mood() {
        return mood;
    }

    /** The mood's shape language. */
    public ShapeLanguage lang() {
        return mood.shapes();
    }

    /** The image's random generator (draw from it only, in a fixed order). */
    public SplittableRandom rnd() {
        return rnd;
    }

    /** Uniform in [a, b). */
    public double u(double a, double b) {
        return a + (b - a) * rnd.nextDouble();
    }

    /** Uniform integer in [a, b], both included. */
    public int between(int a, int b) {
        return a + rnd.nextInt(b - a + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    /** Gaussian with mean 0 and standard deviation {@code sd}. */
    public double gauss(double sd) {
        return sd * rnd.nextGaussian();
    }

    /**
     * A palette colour at tone {@code rel} (-1 dark .. +1 light) with hue {@code hue} and chroma scale
     * {@code chromaScale}, jittered a little so that no two elements are exactly alike.
     */
    public Color tone(double rel, double hue, double chromaScale) {
        return new Color(mood.rgb(rel + gauss(0.06), hue + gauss(8), chromaScale * u(0.85, 1.15)));
    }

    /** A tone in the mood's main hue. */
    public Color tone(double rel) {
        return tone(rel, mood.hue(), 1);
    }

    /** The same colour with opacity {@code alpha} (0..1). */
    public static Color alpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(OkColor.clamp(alpha, 0, 1) * 255));
    }

    /** Fills a shape. */
    public void fill(Shape s, Color c) {
        g.setPaint(c);
        g.fill(s);
    }

    /** Fills a shape with a vertical gradient from {@code top} at y0 to {@code bottom} at y1. */
    public void gradient(Shape s, Color top, double y0, Color bottom, double y1) {
        g.setPaint(new GradientPaint(0f, (float) y0, top, 0f, (float) y1, bottom));
        g.fill(s);
    }

    /**
     * Strokes a shape with width {@code w}; caps and joins follow the shape language (round, mitred or
     * square).
     */
    public void stroke(Shape s, Color c, double w) {
        int cap;
        int join;
        switch (lang()) {
            case ROUND -> {
                cap = BasicStroke.CAP_ROUND;
                join = BasicStroke.JOIN_ROUND;
            }
            case JAGGED -> {
                cap = BasicStroke.CAP_BUTT;
                join = BasicStroke.JOIN_MITER;
            }
            default -> {
                cap = BasicStroke.CAP_SQUARE;
                join = BasicStroke.JOIN_MITER;
            }
        }
        g.setStroke(new BasicStroke((float) w, cap, join, 10f));
        g.setPaint(c);
        g.draw(s);
    }

    /** The underlying graphics, for transforms. */
    public Graphics2D graphics() {
        return g;
    }
}
