package org.emotionart.synth;

import java.awt.Color;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * {@code landscape}: a sky graded towards the horizon, a sun (round, with a halo), a crescent moon with
 * sharp horns, or a pale disc behind flat cloud bands; clouds that are puffs, torn shards or bands; two
 * ridges of rolling hills, sharp peaks or flat mesas whose base line rises or falls with the mood's
 * tilt; trees with round crowns, bare zigzag branches or spiky firs, or rectangular poplars and posts;
 * and foreground strokes.
 */
final class LandscapePainter implements Painter {
    @Override
    public void paint(Canvas c) {
        Mood m = c.mood();
        ShapeLanguage lang = c.lang();
        double horizon = c.u(0.40, 0.60);
        double t = m.tilt();

        c.gradient(Canvas.FULL, c.tone(c.u(0.6, 1.1), m.hue() + c.gauss(20), 0.8), 0,
                c.tone(c.u(0.2, 0.8), m.hue() + c.gauss(30), 1.0), horizon);
        celestial(c, horizon);
        clouds(c, horizon);

        double amp = c.u(0.10, 0.22);
        c.fill(Shapes.ridge(lang, horizon + t / 2, horizon - t / 2, amp, c.rnd()),
                c.tone(c.u(-0.2, 0.4), m.hue2() + c.gauss(20), 0.9));
        double near = horizon + c.u(0.12, 0.22);
        c.fill(Shapes.ridge(lang, near + t * 0.4, near - t * 0.4, amp * 0.6, c.rnd()),
                c.tone(c.u(-0.9, -0.2), m.hue2() + c.gauss(25), 1.1));

        int trees = c.between(2, 5);
        for (int i = 0; i < trees; i++) {
            double x = c.u(0.05, 0.95);
            double ground = near - t * 0.8 * (x - 0.5) + c.u(0.0, 0.15);
            tree(c, x, ground, c.u(0.16, 0.30));
        }
        foreground(c, near);
    }

    private static void celestial(Canvas c, double horizon) {
        Mood m = c.mood();
        double x = c.u(0.12, 0.88);
        double y = c.u(0.1, Math.max(0.15, horizon - 0.15));
        double r = c.u(0.05, 0.09);
        Color light = c.tone(c.u(1.0, 1.6), m.hue() + c.gauss(30), 1.3);
        switch (c.lang()) {
            case ROUND -> {
                c.fill(Shapes.circle(x, y, r * c.u(1.6, 2.2)), Canvas.alpha(light, 0.35));
                c.fill(Shapes.circle(x, y, r), light);
            }
            case JAGGED -> {
                Area moon = new Area(Shapes.circle(x, y, r * 1.2));
                double a = c.u(0, 2 * Math.PI);
                moon.subtract(new Area(Shapes.circle(x + r * 0.6 * StrictMath.cos(a),
                        y + r * 0.6 * StrictMath.sin(a), r * 1.1)));
                c.fill(moon, light);
                if (c.chance(0.5)) {
                    double bx = c.u(0.15, 0.85);
                    c.stroke(Shapes.line(ShapeLanguage.JAGGED, bx, c.u(0.0, 0.1), bx + c.gauss(0.1),
                            horizon, c.u(0.03, 0.05), c.rnd()), light, c.u(0.015, 0.025));
                }
            }
            case RECTILINEAR -> {
                if (c.chance(0.5)) {
                    c.fill(Shapes.circle(x, y, r), Canvas.alpha(light, 0.6));
                }
            }
        }
    }

    private static void clouds(Canvas c, double horizon) {
        Mood m = c.mood();
        int n = c.between(1, 3);
        for (int i = 0; i < n; i++) {
            double x = c.u(0.0, 1.0);
            double y = c.u(0.06, Math.max(0.1, horizon - 0.12));
            double w = c.u(0.18, 0.4);
            Color col = c.tone(c.u(0.3, 1.2), m.hue() + c.gauss(20), 0.4);
            switch (c.lang()) {
                case ROUND -> {
                    int puffs = c.between(3, 5);
                    for (int k = 0; k < puffs; k++) {
                        double px = x - w / 2 + w * (k + 0.5) / puffs;
                        c.fill(Shapes.circle(px, y - c.u(0, 0.03), c.u(0.035, 0.06)), col);
                    }
                }
                case JAGGED -> {
                    Path2D shard = new Path2D.Double();
                    int teeth = c.between(4, 7);
                    shard.moveTo(x - w / 2, y);
                    for (int k = 1; k <= teeth; k++) {
                        shard.lineTo(x - w / 2 + w * (k - 0.5) / teeth, y - (k % 2 == 0 ? c.u(0.02, 0.05) : 0));
                    }
                    shard.lineTo(x + w / 2, y + c.u(-0.01, 0.02));
                    for (int k = teeth; k >= 1; k--) {
                        shard.lineTo(x - w / 2 + w * (k - 0.5) / teeth, y + (k % 2 == 0 ? c.u(0.01, 0.04) : 0.005));
                    }
                    shard.closePath();
                    c.fill(shard, col);
                }
                case RECTILINEAR -> c.fill(new Rectangle2D.Double(x - w / 2, y, w * 1.5, c.u(0.025, 0.05)), col);
            }
        }
    }

    private static void tree(Canvas c, double x, double ground, double h) {
        Mood m = c.mood();
        Color trunk = c.tone(c.u(-1.3, -0.6), m.hue2() + 40 + c.gauss(20), 0.6);
        Color leaves = c.tone(c.u(-0.7, 0.3), m.hue2() + c.gauss(30), 1.2);
        double w = Math.max(0.018, h * 0.09);
        switch (c.lang()) {
            case ROUND -> {
                c.fill(Shapes.rect(x, ground - h * 0.3, w, h * 0.6), trunk);
                double r = h * c.u(0.28, 0.4);
                c.fill(c.chance(0.5) ? Shapes.circle(x, ground - h * 0.65, r)
                        : Shapes.blob(x, ground - h * 0.65, r, c.rnd()), leaves);
            }
            case JAGGED -> {
                if (c.chance(0.5)) {
                    // bare tree: trunk and zigzag branches, drooping when the mood falls
                    c.stroke(Shapes.line(ShapeLanguage.JAGGED, x, ground, x + c.gauss(0.02), ground - h,
                            0.012, c.rnd()), trunk, w);
                    int branches = c.between(3, 5);
                    for (int k = 0; k < branches; k++) {
                        double by = ground - h * c.u(0.35, 0.9);
                        double dir = c.chance(0.5) ? 1 : -1;
                        double len = h * c.u(0.25, 0.45);
                        c.stroke(Shapes.line(ShapeLanguage.JAGGED, x, by, x + dir * len,
                                by - len * c.u(-0.4, 0.5) - m.tilt() * 0.5, 0.012, c.rnd()), trunk, Math.max(0.016, w * 0.6));
                    }
                } else {
                    // spiky fir: stacked sharp triangles
                    c.fill(Shapes.rect(x, ground - h * 0.1, w, h * 0.2), trunk);
                    int tiers = c.between(2, 3);
                    for (int k = 0; k < tiers; k++) {
                        double top = ground - h * (0.45 + 0.55 * (k + 1) / tiers);
                        double base = ground - h * (0.15 + 0.55 * k / tiers);
                        double half = h * c.u(0.18, 0.26) * (1 - 0.2 * k);
                        c.fill(Shapes.polygon(x - half, base, x - half * 0.3, base - h * 0.05, x, top,
                                x + half * 0.3, base - h * 0.05, x + half, base), leaves);
                    }
                }
            }
            case RECTILINEAR -> {
                c.fill(Shapes.rect(x, ground - h * 0.15, w, h * 0.3), trunk);
                if (c.chance(0.7)) {
                    double cw = h * c.u(0.18, 0.3);
                    c.fill(new Rectangle2D.Double(x - cw / 2, ground - h, cw, h * 0.75), leaves);
                } else {
                    // a small house: box and flat roof
                    double bw = h * c.u(0.4, 0.6);
                    c.fill(new Rectangle2D.Double(x - bw / 2, ground - h * 0.5, bw, h * 0.5), leaves);
                    c.fill(new Rectangle2D.Double(x - bw * 0.6, ground - h * 0.6, bw * 1.2, h * 0.12), trunk);
                }
            }
        }
    }

    private static void foreground(Canvas c, double near) {
        Mood m = c.mood();
        int n = c.between(3, 6);
        Color col = c.tone(c.u(-1.2, -0.4), m.hue2() + c.gauss(25), 1.0);
        for (int i = 0; i < n; i++) {
            double x = c.u(-0.05, 0.95);
            double y = c.u(Math.min(0.95, near + 0.08), 1.0);
            double len = c.u(0.1, 0.25);
            double rise = c.lang() == ShapeLanguage.RECTILINEAR ? 0 : m.tilt() * len * 2;
            c.stroke(Shapes.line(c.lang(), x, y, x + len, y - rise, 0.025, c.rnd()), col, c.u(0.016, 0.028));
        }
    }
}
