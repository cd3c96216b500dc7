package org.emotionart.synth;

import java.awt.Color;

/**
 * {@code abstract}: a two-tone ground, a few large soft fields, then overlapping motifs and strokes
 * scattered along the composition's diagonal: circles, blobs and curves (positive), stars, shards and
 * zigzags (negative), or rectangles and a horizontal/vertical grid (neutral).
 */
final class AbstractPainter implements Painter {
    @Override
    public void paint(Canvas c) {
        Mood m = c.mood();
        ShapeLanguage lang = c.lang();
        c.gradient(Canvas.FULL, c.tone(c.u(0.1, 0.9), m.hue(), 0.7), 0,
                c.tone(c.u(-0.4, 0.5), m.hue2(), 0.8), 1);

        // large, low-contrast fields behind everything
        int fields = c.between(1, 3);
        for (int i = 0; i < fields; i++) {
            c.fill(Shapes.motif(lang, c.u(0.1, 0.9), c.u(0.1, 0.9), c.u(0.22, 0.35), c.rnd()),
                    c.tone(c.u(-0.3, 0.6), c.chance(0.5) ? m.hue() : m.hue2(), 0.8));
        }
        if (lang == ShapeLanguage.RECTILINEAR) {
            grid(c);
        }

        // motifs along the diagonal that rises (positive tilt) or falls (negative tilt)
        int motifs = c.between(5, 9);
        for (int i = 0; i < motifs; i++) {
            double x = c.u(0.05, 0.95);
            double y = 0.5 - m.tilt() * 2.5 * (x - 0.5) + c.gauss(0.2);
            double r = c.u(0.06, 0.15);
            double hue = (c.chance(0.6) ? m.hue() : m.hue2()) + c.gauss(15);
            Color col = c.tone(c.u(-1, 1), hue, c.u(0.9, 1.6));
            if (c.chance(0.25)) {
                c.stroke(Shapes.motif(lang, x, y, r, c.rnd()), col, c.u(0.02, 0.035));
            } else {
                c.fill(Shapes.motif(lang, x, y, r, c.rnd()), col);
            }
        }

        // gestural strokes
        int strokes = c.between(2, 4);
        for (int i = 0; i < strokes; i++) {
            double x0 = c.u(-0.05, 0.5);
            double y0 = c.u(0.1, 0.9);
            double len = c.u(0.4, 0.9);
            double x1 = x0 + len;
            double y1 = y0 - m.tilt() * len * 2 + c.gauss(0.15);
            if (lang == ShapeLanguage.RECTILINEAR && c.chance(0.5)) {
                x1 = x0 + c.gauss(0.02);
                y1 = y0 + (c.chance(0.5) ? 1 : -1) * len;
            }
            c.stroke(Shapes.line(lang, x0, y0, x1, y1, c.u(0.03, 0.06), c.rnd()),
                    c.tone(c.chance(0.5) ? c.u(-1.2, -0.4) : c.u(0.5, 1.1), m.hue2(), 1.2), c.u(0.02, 0.04));
        }
    }

    /** Neutral only: a few full-length horizontal and vertical bars, Mondrian-like. */
    private static void grid(Canvas c) {
        int lines = c.between(2, 4);
        Color dark = c.tone(c.u(-1.2, -0.5), c.mood().hue2(), 0.5);
        for (int i = 0; i < lines; i++) {
            double p = c.u(0.1, 0.9);
            if (i % 2 == 0) {
                c.stroke(Shapes.polyline(-0.1, p, 1.1, p), dark, c.u(0.015, 0.03));
            } else {
                c.stroke(Shapes.polyline(p, -0.1, p, 1.1), dark, c.u(0.015, 0.03));
            }
        }
    }
}
