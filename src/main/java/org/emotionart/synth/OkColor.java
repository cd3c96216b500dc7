package org.emotionart.synth;

/**
 * Colours from OKLCH (perceptual lightness, chroma, hue), so that a mood can set lightness and
 * colourfulness independently of hue. Out-of-gamut colours keep lightness and hue and lose chroma.
 * Uses {@link StrictMath} so that the same parameters give the same bytes on every machine.
 */
final class OkColor {
    private OkColor() {
    }

    /**
     * Packed 0xRRGGBB for OKLCH lightness {@code l} (0..1), chroma {@code c} (about 0..0.3) and hue
     * {@code hueDeg} (degrees, any value).
     */
    static int rgb(double l, double c, double hueDeg) {
        l = clamp(l, 0, 1);
        c = Math.max(0, c);
        double h = StrictMath.toRadians(hueDeg);
        double cos = StrictMath.cos(h);
        double sin = StrictMath.sin(h);
        double[] lin = linear(l, c * cos, c * sin);
        if (!inGamut(lin)) {
            double lo = 0;
            double hi = c;
            for (int i = 0; i < 14; i++) {
                double mid = (lo + hi) / 2;
                if (inGamut(linear(l, mid * cos, mid * sin))) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            lin = linear(l, lo * cos, lo * sin);
        }
        return (encode(lin[0]) << 16) | (encode(lin[1]) << 8) | encode(lin[2]);
    }

    private static double[] linear(double l, double a, double b) {
        double l1 = l + 0.3963377774 * a + 0.2158037573 * b;
        double m1 = l - 0.1055613458 * a - 0.0638541728 * b;
        double s1 = l - 0.0894841775 * a - 1.2914855480 * b;
        double lc = l1 * l1 * l1;
        double mc = m1 * m1 * m1;
        double sc = s1 * s1 * s1;
        return new double[] {
                4.0767416621 * lc - 3.3077115913 * mc + 0.2309699292 * sc,
                -1.2684380046 * lc + 2.6097574011 * mc - 0.3413193965 * sc,
                -0.0041960863 * lc - 0.7034186147 * mc + 1.7076147010 * sc};
    }

    private static boolean inGamut(double[] rgb) {
        for (double v : rgb) {
            if (v < -1e-4 || v > 1 + 1e-4) {
                return false;
            }
        }
        return true;
    }

    private static int encode(double linear) {
        double x = clamp(linear, 0, 1);
        double s = x <= 0.0031308 ? 12.92 * x : 1.055 * StrictMath.pow(x, 1 / 2.4) - 0.055;
        return (int) StrictMath.round(clamp(s, 0, 1) * 255);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** The hue {@code t} of the way from {@code hueA} to {@code hueB} along the shorter arc (degrees). */
    static double mixHue(double hueA, double hueB, double t) {
        double d = ((hueB - hueA) % 360 + 540) % 360 - 180;
        return hueA + d * t;
    }
}
