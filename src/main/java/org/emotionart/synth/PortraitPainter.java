package org.emotionart.synth;

import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * {@code portrait}: a head-and-shoulders figure before a backdrop. The backdrop carries soft circles,
 * shards or panels; the torso has round, pointed or square shoulders; the head is an oval, an angular
 * polygon with a pointed chin, or a box; the hair is curls, spikes or a straight block; the mouth
 * smiles, frowns in a zigzag, or is a straight line. The head leans with the mood's tilt.
 */
final class PortraitPainter implements Painter {
    /** Skin hue (degrees): portraits mix it with the mood's hue so faces stay face-like. */
    private static final double SKIN_HUE = 55;

    @Override
    public void paint(Canvas c) {
        Mood m = c.mood();
        double back = c.u(-0.3, 0.8);
        c.gradient(Canvas.FULL, c.tone(back + 0.2, m.hue2(), 0.8), 0, c.tone(back - 0.2, m.hue2() + c.gauss(20), 0.8), 1);
        backdrop(c, back);

        double cx = 0.5 + c.gauss(0.07);
        double headR = c.u(0.12, 0.17);
        double headY = c.u(0.30, 0.42);
        double shoulderY = headY + headR + c.u(0.10, 0.16);
        torso(c, cx, shoulderY);

        double skinHue = OkColor.mixHue(m.hue(), SKIN_HUE, c.u(0.5, 0.8));
        Color skin = c.tone(c.u(0.0, 0.7), skinHue, 0.8);
        Color shade = c.tone(c.u(-0.6, -0.1), skinHue, 0.8);
        c.fill(Shapes.rect(cx, headY + headR + 0.04, headR * 0.6, 0.14), shade);

        AffineTransform saved = c.graphics().getTransform();
        c.graphics().rotate(-m.tilt() * 1.2 + c.gauss(0.08), cx, headY + headR);
        head(c, cx, headY, headR, skin);
        hair(c, cx, headY, headR);
        face(c, cx, headY, headR);
        c.graphics().setTransform(saved);
    }


    private static void backdrop(Canvas c, double back) {
        Mood m = c.mood();
        int n = c.between(3, 6);
        for (int i = 0; i < n; i++) {
            double x = c.u(0.0, 1.0);
            double y = c.u(0.0, 0.8);
            Color col = c.tone(back + c.u(-0.6, 0.6), m.hue2() + c.gauss(25), 1.0);
            switch (c.lang()) {
                case ROUND -> c.fill(Shapes.circle(x, y, c.u(0.05, 0.13)), Canvas.alpha(col, c.u(0.6, 0.9)));
                case JAGGED -> c.fill(c.chance(0.6) ? Shapes.shard(x, y, c.u(0.1, 0.2), c.rnd())
                        : Shapes.star(x, y, c.u(0.08, 0.13), 0.04, c.between(4, 6), c.u(0, 3), c.rnd()), col);
                case RECTILINEAR -> {
                    if (c.chance(0.4)) {
                        double w = c.u(0.2, 0.35);
                        double h = c.u(0.25, 0.4);
                        Rectangle2D win = new Rectangle2D.Double(x - w / 2, y - h / 2, w, h);
                        c.fill(win, col);
                        Color frame = c.tone(back - 0.8, m.hue2(), 0.5);
                        c.stroke(win, frame, 0.02);
                        c.stroke(Shapes.polyline(x, y - h / 2, x, y + h / 2), frame, 0.018);
                    } else {
                        c.fill(Shapes.rect(x, y, c.u(0.08, 0.25), c.u(0.1, 0.35)), col);
                    }
                }
            }
        }
    }

    private static void torso(Canvas c, double cx, double top) {
        Mood m = c.mood();
        Color cloth = c.tone(c.u(-1.0, 0.3), m.hue() + c.gauss(30), 1.2);
        double half = c.u(0.28, 0.38);
        switch (c.lang()) {
            case ROUND -> {
                c.fill(Shapes.ellipse(cx, top + c.u(0.28, 0.34), half * 1.05, c.u(0.32, 0.38)), cloth);
                Color trim = c.tone(c.u(0.2, 1.0), m.hue2(), 1.2);
                c.fill(Shapes.ellipse(cx, top + 0.02, 0.07, 0.05), trim);
            }
            case JAGGED -> {
                double sy = top + c.u(-0.03, 0.02);
                Path2D body = Shapes.polygon(cx - half * 1.25, 1.1, cx - half * 1.05, sy + 0.08,
                        cx - half * 1.2, sy - c.u(0.04, 0.08), cx - half * 0.6, sy + 0.01,
                        cx - 0.06, top - 0.02, cx, top + c.u(0.1, 0.16), cx + 0.06, top - 0.02,
                        cx + half * 0.6, sy + 0.01, cx + half * 1.2, sy - c.u(0.04, 0.08),
                        cx + half * 1.05, sy + 0.08, cx + half * 1.25, 1.1);
                c.fill(body, cloth);
            }
            case RECTILINEAR -> {
                c.fill(new Rectangle2D.Double(cx - half, top, 2 * half, 1.1 - top), cloth);
                Color trim = c.tone(c.u(0.2, 1.0), m.hue2(), 0.8);
                c.fill(new Rectangle2D.Double(cx - 0.05, top, 0.1, c.u(0.08, 0.2)), trim);
            }
        }
    }

    private static void head(Canvas c, double cx, double cy, double r, Color skin) {
        switch (c.lang()) {
            case ROUND -> c.fill(Shapes.ellipse(cx, cy, r * c.u(0.8, 0.9), r), skin);
            case JAGGED -> c.fill(Shapes.polygon(cx - r * 0.7, cy - r * 0.95, cx + r * 0.7, cy - r * 0.95,
                    cx + r * c.u(0.9, 1.0), cy - r * 0.1, cx + r * 0.55, cy + r * 0.55,
                    cx + c.gauss(0.01), cy + r * c.u(1.05, 1.2), cx - r * 0.55, cy + r * 0.55,
                    cx - r * c.u(0.9, 1.0), cy - r * 0.1), skin);
            case RECTILINEAR -> c.fill(Shapes.rect(cx, cy, r * c.u(1.5, 1.7), r * 2), skin);
        }
    }

    private static void hair(Canvas c, double cx, double cy, double r) {
        Mood m = c.mood();
        Color col = c.tone(c.u(-1.3, 0.2), OkColor.mixHue(m.hue2(), 40, 0.5), c.u(0.5, 1.4));
        switch (c.lang()) {
            case ROUND -> {
                int curls = c.between(5, 8);
                for (int i = 0; i < curls; i++) {
                    double a = Math.PI * (1.0 + (i + 0.5) / curls);
                    c.fill(Shapes.circle(cx + r * 0.9 * StrictMath.cos(a), cy + r * 0.85 * StrictMath.sin(a),
                            r * c.u(0.3, 0.42)), col);
                }
            }
            case JAGGED -> {
                int spikes = c.between(5, 8);
                double[] xy = new double[4 * spikes + 4];
                xy[0] = cx - r * 1.0;
                xy[1] = cy - r * 0.2;
                for (int i = 0; i < spikes; i++) {
                    double a = Math.PI * (1.0 + (i + 0.5) / spikes);
                    double len = r * c.u(1.4, 1.9);
                    xy[4 * i + 2] = cx + len * StrictMath.cos(a);
                    xy[4 * i + 3] = cy + len * StrictMath.sin(a);
                    double b = Math.PI * (1.0 + (i + 1.0) / spikes);
                    xy[4 * i + 4] = cx + r * 0.9 * StrictMath.cos(b);
                    xy[4 * i + 5] = cy + r * 0.75 * StrictMath.sin(b);
                }
                xy[4 * spikes + 2] = cx + r * 1.0;
                xy[4 * spikes + 3] = cy - r * 0.2;
                c.fill(Shapes.polygon(xy), col);
            }
            case RECTILINEAR -> {
                double w = r * c.u(1.7, 1.9);
                c.fill(new Rectangle2D.Double(cx - w / 2, cy - r * 1.15, w, r * c.u(0.55, 0.75)), col);
                if (c.chance(0.6)) {
                    double len = r * c.u(0.9, 1.6);
                    c.fill(new Rectangle2D.Double(cx - w / 2, cy - r, r * 0.25, len), col);
                    c.fill(new Rectangle2D.Double(cx + w / 2 - r * 0.25, cy - r, r * 0.25, len), col);
                }
            }
        }
    }

    private static void face(Canvas c, double cx, double cy, double r) {
        Color ink = c.tone(c.u(-1.6, -1.0), c.mood().hue(), 0.6);
        double ex = r * 0.38;
        double ey = cy - r * 0.1;
        double w = Math.max(0.016, r * 0.13);
        double my = cy + r * 0.45;
        switch (c.lang()) {
            case ROUND -> {
                c.fill(Shapes.circle(cx - ex, ey, w * 0.8), ink);
                c.fill(Shapes.circle(cx + ex, ey, w * 0.8), ink);
                c.stroke(new Arc2D.Double(cx - r * 0.4, my - r * 0.35, r * 0.8, r * 0.4, 200, 140, Arc2D.OPEN), ink, w);
            }
            case JAGGED -> {
                c.stroke(Shapes.polyline(cx - ex - r * 0.2, ey - r * 0.12, cx - ex + r * 0.15, ey + r * 0.05), ink, w);
                c.stroke(Shapes.polyline(cx + ex + r * 0.2, ey - r * 0.12, cx + ex - r * 0.15, ey + r * 0.05), ink, w);
                // a downturned zigzag mouth
                c.stroke(Shapes.polyline(cx - r * 0.35, my + r * 0.12, cx - r * 0.15, my - r * 0.04,
                        cx, my + r * 0.04, cx + r * 0.15, my - r * 0.04, cx + r * 0.35, my + r * 0.12), ink, w);
            }
            case RECTILINEAR -> {
                c.fill(Shapes.rect(cx - ex, ey, r * 0.3, w), ink);
                c.fill(Shapes.rect(cx + ex, ey, r * 0.3, w), ink);
                c.fill(Shapes.rect(cx, my, r * 0.6, w), ink);
            }
        }
    }
}
