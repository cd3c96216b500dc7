package org.emotionart.synth;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The shape kit shared by the painters, in unit coordinates (the canvas is [0,1]², y down). Each
 * element comes in the three shape languages: a motif is a circle or soft blob, a star or shard, or an
 * axis-aligned rectangle; a line is a smooth curve, a zigzag, or a horizontal/vertical segment; a ridge
 * is rolling hills, sharp peaks, or flat steps.
 */
final class Shapes {
    private Shapes() {
    }

    static Ellipse2D circle(double cx, double cy, double r) {
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }

    static Ellipse2D ellipse(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
    }

    static Rectangle2D rect(double cx, double cy, double w, double h) {
        return new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
    }

    /** A closed polygon through x0,y0,x1,y1,... */
    static Path2D polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    /** An open polyline through x0,y0,x1,y1,... */
    static Path2D polyline(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        return p;
    }

    /** A smooth closed curve through the points (Catmull-Rom spline as cubic Béziers). */
    static Path2D smoothClosed(double[] xs, double[] ys) {
        int n = xs.length;
        Path2D p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 0; i < n; i++) {
            int i0 = (i - 1 + n) % n;
            int i2 = (i + 1) % n;
            int i3 = (i + 2) % n;
            p.curveTo(xs[i] + (xs[i2] - xs[i0]) / 6, ys[i] + (ys[i2] - ys[i0]) / 6,
                    xs[i2] - (xs[i3] - xs[i]) / 6, ys[i2] - (ys[i3] - ys[i]) / 6, xs[i2], ys[i2]);
        }
        p.closePath();
        return p;
    }

    /** A smooth open curve through the points, appended to {@code p} (which must be at the first point). */
    static void smoothTo(Path2D p, double[] xs, double[] ys) {
        int n = xs.length;
        for (int i = 0; i < n - 1; i++) {
            int i0 = Math.max(0, i - 1);
            int i3 = Math.min(n - 1, i + 2);
            p.curveTo(xs[i] + (xs[i + 1] - xs[i0]) / 6, ys[i] + (ys[i + 1] - ys[i0]) / 6,
                    xs[i + 1] - (xs[i3] - xs[i]) / 6, ys[i + 1] - (ys[i3] - ys[i]) / 6, xs[i + 1], ys[i + 1]);
        }
    }

    /** A soft irregular blob of radius about {@code r}. */
    static Path2D blob(double cx, double cy, double r, SplittableRandom rnd) {
        int n = 6 + rnd.nextInt(3);
        double[] xs = new double[n];
        double[] ys = new double[n];
        double a0 = rnd.nextDouble() * 2 * Math.PI;
        double stretch = 0.75 + 0.5 * rnd.nextDouble();
        for (int i = 0; i < n; i++) {
            double a = a0 + 2 * Math.PI * (i + 0.3 * (rnd.nextDouble() - 0.5)) / n;
            double rr = r * (0.85 + 0.3 * rnd.nextDouble());
            xs[i] = cx + rr * StrictMath.cos(a) * stretch;
            ys[i] = cy + rr * StrictMath.sin(a) / stretch;
        }
        return smoothClosed(xs, ys);
    }

    /** A star with {@code points} spikes between radii {@code rOut} and {@code rIn}, slightly irregular. */
    static Path2D star(double cx, double cy, double rOut, double rIn, int points, double rotation,
            SplittableRandom rnd) {
        double[] xy = new double[4 * points];
        for (int i = 0; i < 2 * points; i++) {
            double a = rotation + Math.PI * (i + 0.25 * (rnd.nextDouble() - 0.5)) / points;
            double r = (i % 2 == 0 ? rOut : rIn) * (0.8 + 0.35 * rnd.nextDouble());
            xy[2 * i] = cx + r * StrictMath.cos(a);
            xy[2 * i + 1] = cy + r * StrictMath.sin(a);
        }
        return polygon(xy);
    }

    /** A thin sharp splinter (a skewed triangle or kite) about {@code 2r} long. */
    static Path2D shard(double cx, double cy, double r, SplittableRandom rnd) {
        double a = rnd.nextDouble() * Math.PI;
        double len = r * (0.9 + 0.5 * rnd.nextDouble());
        double wid = r * (0.25 + 0.35 * rnd.nextDouble());
        double ux = StrictMath.cos(a);
        double uy = StrictMath.sin(a);
        double off = (rnd.nextDouble() - 0.5) * len;
        double tipA = len * (0.8 + 0.4 * rnd.nextDouble());
        double tipB = len * (0.8 + 0.4 * rnd.nextDouble());
        if (rnd.nextBoolean()) {
            return polygon(cx + ux * tipA, cy + uy * tipA,
                    cx - uy * wid + ux * off, cy + ux * wid + uy * off,
                    cx - ux * tipB, cy - uy * tipB);
        }
        return polygon(cx + ux * tipA, cy + uy * tipA,
                cx - uy * wid + ux * off, cy + ux * wid + uy * off,
                cx - ux * tipB, cy - uy * tipB,
                cx + uy * wid * 0.7 - ux * off, cy - ux * wid * 0.7 - uy * off);
    }

    /** A closed motif of size about {@code r} in the given language. */
    static Shape motif(ShapeLanguage lang, double cx, double cy, double r, SplittableRandom rnd) {
        return switch (lang) {
            case ROUND -> rnd.nextBoolean()
                    ? ellipse(cx, cy, r * (0.8 + 0.4 * rnd.nextDouble()), r * (0.8 + 0.4 * rnd.nextDouble()))
                    : blob(cx, cy, r, rnd);
            case JAGGED -> rnd.nextDouble() < 0.55
                    ? star(cx, cy, r * 1.15, r * (0.35 + 0.2 * rnd.nextDouble()), 4 + rnd.nextInt(5),
                            rnd.nextDouble() * Math.PI, rnd)
                    : shard(cx, cy, r * 1.2, rnd);
            case RECTILINEAR -> {
                double aspect = 0.5 + rnd.nextDouble() * 1.5;
                double w = 2 * r * StrictMath.sqrt(aspect) * 0.85;
                double h = 2 * r / StrictMath.sqrt(aspect) * 0.85;
                yield rect(cx, cy, w, h);
            }
        };
    }

    /**
     * A line from (x0,y0) towards (x1,y1): a smooth curve bowing by up to {@code amp} (round), a zigzag
     * with teeth of height {@code amp} (jagged), or a horizontal or vertical segment, sometimes with one
     * right-angled step (rectilinear).
     */
    static Path2D line(ShapeLanguage lang, double x0, double y0, double x1, double y1, double amp,
            SplittableRandom rnd) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len = Math.max(1e-6, StrictMath.hypot(dx, dy));
        double nx = -dy / len;
        double ny = dx / len;
        Path2D p = new Path2D.Double();
        p.moveTo(x0, y0);
        switch (lang) {
            case ROUND -> {
                double s1 = amp * (0.5 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
                double s2 = rnd.nextDouble() < 0.6 ? s1 : -s1;
                p.curveTo(x0 + dx / 3 + nx * s1 * 1.5, y0 + dy / 3 + ny * s1 * 1.5,
                        x0 + 2 * dx / 3 + nx * s2 * 1.5, y0 + 2 * dy / 3 + ny * s2 * 1.5, x1, y1);
            }
            case JAGGED -> {
                int teeth = Math.max(3, (int) Math.round(len / (0.045 + 0.035 * rnd.nextDouble())));
                for (int i = 1; i < teeth; i++) {
                    double t = (i + 0.3 * (rnd.nextDouble() - 0.5)) / teeth;
                    double o = amp * (0.6 + 0.4 * rnd.nextDouble()) * (i % 2 == 0 ? 1 : -1);
                    p.lineTo(x0 + dx * t + nx * o, y0 + dy * t + ny * o);
                }
                p.lineTo(x1, y1);
            }
            case RECTILINEAR -> {
                boolean horizontal = Math.abs(dx) >= Math.abs(dy);
                if (rnd.nextDouble() < 0.3) {
                    if (horizontal) {
                        double xm = x0 + dx * (0.3 + 0.4 * rnd.nextDouble());
                        p.lineTo(xm, y0);
                        p.lineTo(xm, y1);
                        p.lineTo(x1, y1);
                    } else {
                        double ym = y0 + dy * (0.3 + 0.4 * rnd.nextDouble());
                        p.lineTo(x0, ym);
                        p.lineTo(x1, ym);
                        p.lineTo(x1, y1);
                    }
                } else if (horizontal) {
                    p.lineTo(x1, y0);
                } else {
                    p.lineTo(x0, y1);
                }
            }
        }
        return p;
    }

    /**
     * A ridge across the canvas whose base line goes from {@code yLeft} to {@code yRight}, closed down to
     * below the bottom edge: rolling hills (round), sharp peaks (jagged) or flat-topped steps
     * (rectilinear), up to {@code amp} above the base line.
     */
    static Path2D ridge(ShapeLanguage lang, double yLeft, double yRight, double amp, SplittableRandom rnd) {
        Path2D p = new Path2D.Double();
        switch (lang) {
            case ROUND -> {
                int n = 4 + rnd.nextInt(3);
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = -0.15 + 1.3 * (i + 0.3 * (rnd.nextDouble() - 0.5)) / (n - 1);
                    double base = yLeft + (yRight - yLeft) * xs[i];
                    ys[i] = base - amp * (i % 2 == 0 ? 0.55 + 0.45 * rnd.nextDouble() : 0.1 * rnd.nextDouble());
                }
                p.moveTo(xs[0], ys[0]);
                smoothTo(p, xs, ys);
            }
            case JAGGED -> {
                double x = -0.05;
                boolean peak = rnd.nextBoolean();
                p.moveTo(x, yLeft - amp * 0.2);
                while (x < 1.05) {
                    x += 0.05 + 0.09 * rnd.nextDouble();
                    double base = yLeft + (yRight - yLeft) * x;
                    p.lineTo(x, base - amp * (peak ? 0.55 + 0.6 * rnd.nextDouble() : 0.25 * rnd.nextDouble()));
                    peak = !peak;
                }
            }
            case RECTILINEAR -> {
                double x = -0.05;
                double y = yLeft - amp * rnd.nextDouble();
                p.moveTo(x, y);
                while (x < 1.05) {
                    double next = x + 0.12 + 0.22 * rnd.nextDouble();
                    p.lineTo(next, y);
                    double base = yLeft + (yRight - yLeft) * next;
                    y = base - amp * (0.15 + 0.85 * rnd.nextDouble());
                    p.lineTo(next, y);
                    x = next;
                }
            }
        }
        p.lineTo(1.2, 1.2);
        p.lineTo(-0.2, 1.2);
        p.closePath();
        return p;
    }
}
