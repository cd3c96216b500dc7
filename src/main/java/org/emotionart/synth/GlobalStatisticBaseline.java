package org.emotionart.synth;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emotionart.Emotion;

/**
 * The baseline of global image statistics: how well a single statistic of a whole image (brightness,
 * hue, contrast, ...) tells the emotion. For each statistic, the best 3-class accuracy reachable by
 * two thresholds (three intervals, each assigned to any class). The benchmark is meant to need shapes,
 * so every such accuracy should stay well below what a classifier that sees shapes reaches.
 *
 * <p>Statistics are computed on the 8-bit RGB pixels scaled to 0..1:
 * <ul>
 *   <li>{@code brightness}: mean luma Y = 0.299 R + 0.587 G + 0.114 B;</li>
 *   <li>{@code value}: mean HSV value max(R,G,B);</li>
 *   <li>{@code saturation}: mean HSV saturation (max - min) / max (0 for black);</li>
 *   <li>{@code hue}: circular mean of the HSV hue weighted by saturation, i.e. the angle of
 *       sum(S·(cos H, sin H)), in degrees; grey pixels do not pull it. Because hue is an angle its
 *       "thresholds" are three cuts on the circle (three arcs), which finds any split a linear
 *       cut would and also the ones that wrap around 0/360;</li>
 *   <li>{@code contrast}: standard deviation of luma;</li>
 *   <li>{@code warmth}: mean R minus mean B;</li>
 *   <li>{@code colorfulness}: Hasler and Süsstrunk's M = sd(rg, yb) + 0.3·|mean(rg, yb)| with
 *       rg = R - G and yb = (R + G) / 2 - B;</li>
 *   <li>{@code edges}: mean absolute luma difference between horizontal and vertical neighbours.</li>
 * </ul>
 * The accuracy search is exhaustive over the sorted values (thresholds between distinct values), in
 * O(n log n) per statistic (O(n²) for the circular hue).
 */
public final class GlobalStatisticBaseline {
    private GlobalStatisticBaseline() {
    }

    /** The global statistics measured per image. */
    public enum Statistic {
        BRIGHTNESS("brightness"),
        VALUE("value"),
        SATURATION("saturation"),
        HUE("hue"),
        CONTRAST("contrast"),
        WARMTH("warmth"),
        COLORFULNESS("colorfulness"),
        EDGES("edges");

        private final String label;

        Statistic(String label) {
            this.label = label;
        }

        /** Short lower-case name used in reports. */
        public String label() {
            return label;
        }

        /** True for angles (hue), whose thresholds are cuts on a circle of 360. */
        public boolean circular() {
            return this == HUE;
        }
    }

    /** The statistics of one image, indexed by {@link Statistic#ordinal()}. */
    public static double[] measure(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        return measure(img.getRGB(0, 0, w, h, null, 0, w), w, h);
    }

    /** The statistics of packed 0xRRGGBB pixels of a {@code w}×{@code h} image, row by row. */
    public static double[] measure(int[] rgb, int w, int h) {
        int n = w * h;
        double[] luma = new double[n];
        double sumY = 0;
        double sumY2 = 0;
        double sumV = 0;
        double sumS = 0;
        double hx = 0;
        double hy = 0;
        double sumR = 0;
        double sumB = 0;
        double sumRg = 0;
        double sumRg2 = 0;
        double sumYb = 0;
        double sumYb2 = 0;
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            double r = ((p >> 16) & 0xff) / 255.0;
            double g = ((p >> 8) & 0xff) / 255.0;
            double b = (p & 0xff) / 255.0;
            double y = 0.299 * r + 0.587 * g + 0.114 * b;
            luma[i] = y;
            sumY += y;
            sumY2 += y * y;
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            sumV += max;
            double s = max > 0 ? (max - min) / max : 0;
            sumS += s;
            if (max > min) {
                double hue = hueDegrees(r, g, b, max, min);
                double a = Math.toRadians(hue);
                hx += s * Math.cos(a);
                hy += s * Math.sin(a);
            }
            sumR += r;
            sumB += b;
            double rg = r - g;
            double yb = (r + g) / 2 - b;
            sumRg += rg;
            sumRg2 += rg * rg;
            sumYb += yb;
            sumYb2 += yb * yb;
        }
        double meanY = sumY / n;
        double edges = 0;
        int pairs = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = luma[y * w + x];
                if (x + 1 < w) {
                    edges += Math.abs(luma[y * w + x + 1] - v);
                    pairs++;
                }
                if (y + 1 < h) {
                    edges += Math.abs(luma[(y + 1) * w + x] - v);
                    pairs++;
                }
            }
        }
        double mRg = sumRg / n;
        double mYb = sumYb / n;
        double varRg = Math.max(0, sumRg2 / n - mRg * mRg);
        double varYb = Math.max(0, sumYb2 / n - mYb * mYb);
        double[] out = new double[Statistic.values().length];
        out[Statistic.BRIGHTNESS.ordinal()] = meanY;
        out[Statistic.VALUE.ordinal()] = sumV / n;
        out[Statistic.SATURATION.ordinal()] = sumS / n;
        double hue = hx == 0 && hy == 0 ? 0 : StrictMath.toDegrees(StrictMath.atan2(hy, hx));
        out[Statistic.HUE.ordinal()] = hue < 0 ? hue + 360 : hue;
        out[Statistic.CONTRAST.ordinal()] = Math.sqrt(Math.max(0, sumY2 / n - meanY * meanY));
        out[Statistic.WARMTH.ordinal()] = (sumR - sumB) / n;
        out[Statistic.COLORFULNESS.ordinal()] = Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(mRg * mRg + mYb * mYb);
        out[Statistic.EDGES.ordinal()] = pairs == 0 ? 0 : edges / pairs;
        return out;
    }

    private static double hueDegrees(double r, double g, double b, double max, double min) {
        double d = max - min;
        double hue;
        if (max == r) {
            hue = 60 * ((g - b) / d);
        } else if (max == g) {
            hue = 60 * ((b - r) / d + 2);
        } else {
            hue = 60 * ((r - g) / d + 4);
        }
        return hue < 0 ? hue + 360 : hue;
    }

    /**
     * The best accuracy of a 3-class rule "class by interval" with two thresholds on {@code values};
     * {@code classes} holds class indices 0..2. Thresholds only fall between distinct values.
     */
    public static double bestAccuracy(double[] values, int[] classes) {
        checkInput(values, classes);
        if (values.length == 0) {
            return 0;
        }
        Integer[] order = sortedOrder(values);
        double[] v = new double[values.length];
        int[] y = new int[values.length];
        for (int k = 0; k < order.length; k++) {
            v[k] = values[order[k]];
            y[k] = classes[order[k]];
        }
        return (double) bestCount(v, y, new Work(v.length)) / values.length;
    }

    /**
     * Like {@link #bestAccuracy} for an angle with the given {@code period} (360 for hue): the rule is
     * three arcs of the circle, each assigned to any class, so splits that wrap around 0 count too.
     */
    public static double bestCircularAccuracy(double[] values, int[] classes, double period) {
        checkInput(values, classes);
        int n = values.length;
        if (n == 0) {
            return 0;
        }
        double[] wrapped = new double[n];
        for (int i = 0; i < n; i++) {
            double a = values[i] % period;
            wrapped[i] = a < 0 ? a + period : a;
        }
        Integer[] order = sortedOrder(wrapped);
        double[] v = new double[n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            v[k] = wrapped[order[k]];
            y[k] = classes[order[k]];
        }
        double[] rv = new double[n];
        int[] ry = new int[n];
        Work work = new Work(n);
        int best = 0;
        for (int start = 0; start < n; start++) {
            if (start > 0 && v[start - 1] == v[start]) {
                continue; // one cut of the three sits here; a cut needs distinct neighbours
            }
            for (int k = 0; k < n; k++) {
                int src = (start + k) % n;
                rv[k] = src >= start ? v[src] : v[src] + period;
                ry[k] = y[src];
            }
            best = Math.max(best, bestCount(rv, ry, work));
        }
        return (double) best / n;
    }

    private static void checkInput(double[] values, int[] classes) {
        if (values.length != classes.length) {
            throw new IllegalArgumentException(values.length + " values but " + classes.length + " classes");
        }
        for (int c : classes) {
            if (c < 0 || c >= Emotion.COUNT) {
                throw new IllegalArgumentException("class " + c + " is outside 0.." + (Emotion.COUNT - 1));
            }
        }
    }

    private static Integer[] sortedOrder(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }

    /** Scratch arrays for {@link #bestCount}. */
    private static final class Work {
        final int[][] prefix;

        Work(int n) {
            prefix = new int[Emotion.COUNT][n + 1];
        }
    }

    /**
     * Most points classified right by intervals [0,i), [i,j), [j,n) of the sorted values {@code v}
     * (labels {@code y}), over all cut positions i ≤ j allowed by ties. With P_c(k) the number of
     * class c among the first k points and S(j) = max_c (N_c - P_c(j)), the count for (i, j) is
     * max_c P_c(i) + max_c (P_c(j) - P_c(i)) + S(j); the best j for each i and c comes from a suffix
     * maximum of P_c(j) + S(j), so one backward pass suffices.
     */
    private static int bestCount(double[] v, int[] y, Work work) {
        int n = v.length;
        int classes = Emotion.COUNT;
        int[][] p = work.prefix;
        for (int c = 0; c < classes; c++) {
            p[c][0] = 0;
        }
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < classes; c++) {
                p[c][k + 1] = p[c][k] + (y[k] == c ? 1 : 0);
            }
        }
        int[] suffixBest = new int[classes];
        Arrays.fill(suffixBest, Integer.MIN_VALUE / 2);
        int best = 0;
        for (int k = n; k >= 0; k--) {
            boolean cut = k == 0 || k == n || v[k - 1] < v[k];
            if (!cut) {
                continue;
            }
            int tail = 0;
            for (int c = 0; c < classes; c++) {
                tail = Math.max(tail, p[c][n] - p[c][k]);
            }
            int head = 0;
            int middle = Integer.MIN_VALUE;
            for (int c = 0; c < classes; c++) {
                suffixBest[c] = Math.max(suffixBest[c], p[c][k] + tail);
                head = Math.max(head, p[c][k]);
            }
            for (int c = 0; c < classes; c++) {
                middle = Math.max(middle, suffixBest[c] - p[c][k]);
            }
            best = Math.max(best, head + middle);
        }
        return best;
    }

    /** One measured image: its style (group), emotion and statistics. */
    public record Measured(String style, Emotion emotion, double[] statistics) {
    }

    /**
     * Best single-statistic accuracies: {@code accuracy[statistic][group]}, where group 0 is all
     * images pooled and the others are the styles in {@code groups} order; {@code counts[group]} is
     * the number of images.
     */
    public record Table(List<String> groups, double[][] accuracy, int[] counts) {
        /** Name of the pooled group. */
        public static final String ALL = "all";

        /** Accuracy of a statistic in a group ("all" or a style). */
        public double accuracy(Statistic s, String group) {
            return accuracy[s.ordinal()][groupIndex(group)];
        }

        /** The statistic with the highest accuracy in a group. */
        public Statistic bestStatistic(String group) {
            int gi = groupIndex(group);
            Statistic best = Statistic.values()[0];
            for (Statistic s : Statistic.values()) {
                if (accuracy[s.ordinal()][gi] > accuracy[best.ordinal()][gi]) {
                    best = s;
                }
            }
            return best;
        }

        /** The highest accuracy of any statistic in a group. */
        public double best(String group) {
            return accuracy(bestStatistic(group), group);
        }

        /** The highest accuracy of any statistic in any group. */
        public double worstCase() {
            double m = 0;
            for (double[] row : accuracy) {
                for (double a : row) {
                    m = Math.max(m, a);
                }
            }
            return m;
        }

        private int groupIndex(String group) {
            int gi = groups.indexOf(group);
            if (gi < 0) {
                throw new IllegalArgumentException("no group '" + group + "': have " + groups);
            }
            return gi;
        }

        /** A plain-text table: statistics as rows, groups as columns, then the best per group. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            int width = 8;
            for (String g : groups) {
                width = Math.max(width, g.length() + 2);
            }
            String cell = "%" + width + "s";
            sb.append(String.format(Locale.ROOT, "%-14s", "statistic"));
            for (String g : groups) {
                sb.append(String.format(Locale.ROOT, cell, g));
            }
            sb.append('\n');
            for (Statistic s : Statistic.values()) {
                sb.append(String.format(Locale.ROOT, "%-14s", s.label()));
                for (int gi = 0; gi < groups.size(); gi++) {
                    sb.append(String.format(Locale.ROOT, cell, String.format(Locale.ROOT, "%.3f", accuracy[s.ordinal()][gi])));
                }
                sb.append('\n');
            }
            sb.append(String.format(Locale.ROOT, "%-14s", "best"));
            for (String g : groups) {
                sb.append(String.format(Locale.ROOT, cell, String.format(Locale.ROOT, "%.3f", best(g))));
            }
            sb.append('\n');
            sb.append(String.format(Locale.ROOT, "%-14s", "  (statistic)"));
            for (String g : groups) {
                sb.append(String.format(Locale.ROOT, cell, bestStatistic(g).label()));
            }
            sb.append('\n');
            sb.append(String.format(Locale.ROOT, "%-14s", "images"));
            for (int c : counts) {
                sb.append(String.format(Locale.ROOT, cell, c));
            }
            sb.append('\n');
            return sb.toString();
        }
    }

    /** The best single-statistic accuracy of every statistic, all images pooled and per style. */
    public static Table analyse(List<Measured> images) {
        Map<String, List<Measured>> groups = new LinkedHashMap<>();
        groups.put(Table.ALL, images);
        for (Measured m : images) {
            groups.computeIfAbsent(m.style(), k -> new ArrayList<>()).add(m);
        }
        List<String> names = new ArrayList<>(groups.keySet());
        Statistic[] stats = Statistic.values();
        double[][] acc = new double[stats.length][names.size()];
        int[] counts = new int[names.size()];
        for (int gi = 0; gi < names.size(); gi++) {
            List<Measured> members = groups.get(names.get(gi));
            counts[gi] = members.size();
            int[] classes = new int[members.size()];
            for (int i = 0; i < classes.length; i++) {
                classes[i] = members.get(i).emotion().index();
            }
            for (Statistic s : stats) {
                double[] values = new double[members.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = members.get(i).statistics()[s.ordinal()];
                }
                acc[s.ordinal()][gi] = s.circular() ? bestCircularAccuracy(values, classes, 360)
                        : bestAccuracy(values, classes);
            }
        }
        return new Table(List.copyOf(names), acc, counts);
    }
}
