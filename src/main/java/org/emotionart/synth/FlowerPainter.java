package org.emotionart.synth;

import java.awt.Color;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * {@code flower-painting}: a still life (flowers in a vase on a table before a wall) or a field of
 * flowers under a sky. Stems are gentle upward curves, bent zigzags that droop, or straight verticals;
 * heads are rings of round petals, spiky stars (thistles), or squares; vases are round-bellied,
 * faceted, or boxes.
 */
final class FlowerPainter implements Painter {
    @Override
    public void paint(Canvas c) {
        Mood m = c.mood();
        double baseX;
        double baseY;
        double spread;
        int heads;
        if (c.chance(0.6)) {
            double table = c.u(0.72, 0.86);
            c.gradient(Canvas.FULL, c.tone(c.u(0.2, 0.9), m.hue2(), 0.6), 0,
                    c.tone(c.u(-0.1, 0.6), m.hue2() + c.gauss(20), 0.6), table);
            wallpaper(c);
            c.fill(new Rectangle2D.Double(-0.1, table, 1.2, 0.5), c.tone(c.u(-0.9, -0.1), m.hue2() + 30, 0.8));
            baseX = 0.5 + c.gauss(0.08);
            double vh = c.u(0.2, 0.3);
            baseY = table + 0.03 - vh;
            spread = 0.25;
            heads = c.between(3, 6);
            stemsAndHeads(c, baseX, baseY + 0.02, spread, heads, baseY - 0.08);
            vase(c, baseX, table + 0.03, vh, c.u(0.14, 0.22));
        } else {
            double ground = c.u(0.45, 0.62);
            c.gradient(Canvas.FULL, c.tone(c.u(0.5, 1.1), m.hue(), 0.7), 0, c.tone(c.u(0.1, 0.7), m.hue(), 0.9), ground);
            c.fill(Shapes.ridge(c.lang(), ground + m.tilt() / 2, ground - m.tilt() / 2, c.u(0.04, 0.1), c.rnd()),
                    c.tone(c.u(-0.8, 0.0), m.hue2() + c.gauss(25), 1.0));
            heads = c.between(4, 8);
            for (int i = 0; i < heads; i++) {
                double x = c.u(0.06, 0.94);
                double bottom = c.u(0.9, 1.1);
                double top = ground + c.u(-0.3, 0.15) - m.tilt() * (x - 0.5);
                stemAndHead(c, x, bottom, x + c.gauss(0.05), Math.min(top, bottom - 0.15), c.u(0.06, 0.095));
            }
        }
    }

    private static void wallpaper(Canvas c) {
        Color col = Canvas.alpha(c.tone(c.u(-0.4, 0.8), c.mood().hue2() + c.gauss(30), 1.0), 0.5);
        int n = c.between(2, 4);
        for (int i = 0; i < n; i++) {
            double y = c.u(0.05, 0.5);
            if (c.lang() == ShapeLanguage.ROUND) {
                c.fill(Shapes.circle(c.u(0, 1), y, c.u(0.03, 0.08)), col);
            } else {
                double x0 = c.u(-0.1, 0.5);
                c.stroke(Shapes.line(c.lang(), x0, y, x0 + c.u(0.3, 0.7), y, 0.03, c.rnd()), col, c.u(0.015, 0.03));
            }
        }
    }

    private static void stemsAndHeads(Canvas c, double x, double y, double spread, int n, double maxTop) {
        for (int i = 0; i < n; i++) {
            double tx = x + spread * ((i + 0.5) / n - 0.5) * 2 + c.gauss(0.04);
            double ty = c.u(0.08, Math.max(0.12, maxTop));
            stemAndHead(c, x + c.gauss(0.02), y, tx, ty, c.u(0.06, 0.095));
        }
    }

    /** One stem from (x0,y0) up to a flower head at (x1,y1) of radius r, with a leaf. */
    private static void stemAndHead(Canvas c, double x0, double y0, double x1, double y1, double r) {
        Mood m = c.mood();
        ShapeLanguage lang = c.lang();
        Color green = c.tone(c.u(-1.0, -0.3), OkColor.mixHue(m.hue2(), 130, 0.5), 1.0);
        double hx = x1;
        double hy = y1;
        Path2D stem;
        switch (lang) {
            case ROUND -> stem = Shapes.line(lang, x0, y0, x1, y1, 0.03, c.rnd());
            case JAGGED -> {
                // bent stem whose head droops to one side
                double dir = x1 >= x0 ? 1 : -1;
                double kx = x1;
                double ky = y1 + c.u(0.02, 0.06);
                hx = kx + dir * c.u(0.04, 0.08);
                hy = ky + c.u(0.04, 0.09);
                stem = Shapes.polyline(x0, y0, (x0 + kx) / 2 + c.gauss(0.03), (y0 + ky) / 2, kx, ky, hx, hy);
            }
            default -> {
                hx = x0 + (x1 - x0) * 0.3;
                stem = Shapes.polyline(hx, y0, hx, y1);
            }
        }
        c.stroke(stem, green, c.u(0.016, 0.024));
        double lx = (x0 + hx) / 2;
        double ly = (y0 + hy) / 2 + c.u(0, 0.1);
        double side = c.chance(0.5) ? 1 : -1;
        switch (lang) {
            case ROUND -> c.fill(Shapes.ellipse(lx + side * 0.035, ly, 0.035, 0.018), green);
            case JAGGED -> c.fill(Shapes.polygon(lx, ly, lx + side * 0.08, ly + c.u(-0.05, 0.03),
                    lx + side * 0.03, ly + 0.015, lx + side * 0.05, ly + 0.03), green);
            case RECTILINEAR -> c.fill(new Rectangle2D.Double(side > 0 ? lx : lx - 0.05, ly, 0.05, 0.022), green);
        }
        head(c, hx, hy, r);
    }

    private static void head(Canvas c, double x, double y, double r) {
        Mood m = c.mood();
        double hue = (c.chance(0.6) ? m.hue() : m.hue2()) + c.gauss(20);
        Color petal = c.tone(c.u(-0.4, 1.1), hue, c.u(1.2, 1.8));
        Color centre = c.tone(c.u(-1.2, 1.2), hue + 60, 1.2);
        switch (c.lang()) {
            case ROUND -> {
                int petals = c.between(5, 7);
                double a0 = c.u(0, Math.PI);
                for (int k = 0; k < petals; k++) {
                    double a = a0 + 2 * Math.PI * k / petals;
                    c.fill(Shapes.circle(x + r * 0.6 * StrictMath.cos(a), y + r * 0.6 * StrictMath.sin(a), r * 0.45), petal);
                }
                c.fill(Shapes.circle(x, y, r * 0.38), centre);
            }
            case JAGGED -> {
                c.fill(Shapes.star(x, y, r * 1.2, r * 0.35, c.between(6, 9), c.u(0, Math.PI), c.rnd()), petal);
                c.fill(Shapes.star(x, y, r * 0.45, r * 0.2, 5, c.u(0, Math.PI), c.rnd()), centre);
            }
            case RECTILINEAR -> {
                double s = r * c.u(1.6, 2.0);
                c.fill(Shapes.rect(x, y, s, s * c.u(0.8, 1.2)), petal);
                c.fill(Shapes.rect(x, y, s * 0.4, s * 0.4), centre);
            }
        }
    }

    private static void vase(Canvas c, double x, double bottom, double h, double w) {
        Mood m = c.mood();
        Color col = c.tone(c.u(-0.9, 0.9), m.hue() + 180 + c.gauss(40), 1.1);
        switch (c.lang()) {
            case ROUND -> {
                c.fill(Shapes.ellipse(x, bottom - h * 0.38, w * 0.55, h * 0.4), col);
                c.fill(Shapes.rect(x, bottom - h * 0.85, w * 0.35, h * 0.3), col);
                c.fill(Shapes.ellipse(x, bottom - h, w * 0.28, h * 0.07), col);
            }
            case JAGGED -> {
                double s = c.u(0.3, 0.55);
                c.fill(Shapes.polygon(x - w * 0.25, bottom, x - w * 0.6, bottom - h * s, x - w * 0.15, bottom - h * 0.8,
                        x - w * 0.35, bottom - h, x + w * 0.35, bottom - h, x + w * 0.15, bottom - h * 0.8,
                        x + w * 0.6, bottom - h * s, x + w * 0.25, bottom), col);
                if (c.chance(0.5)) {
                    c.stroke(Shapes.line(ShapeLanguage.JAGGED, x - w * 0.1, bottom - h * 0.8, x + w * 0.1, bottom - h * 0.2,
                            0.015, c.rnd()), c.tone(-1.2, m.hue(), 0.5), 0.016);
                }
            }
            case RECTILINEAR -> {
                c.fill(new Rectangle2D.Double(x - w / 2, bottom - h, w, h), col);
                c.fill(new Rectangle2D.Double(x - w / 2, bottom - h * c.u(0.5, 0.7), w, h * 0.08),
                        c.tone(c.u(-1.0, 1.0), m.hue2(), 1.0));
            }
        }
    }

}
