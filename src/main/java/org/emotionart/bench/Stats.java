package org.emotionart.bench;

import java.util.Arrays;

/** The statistics the benchmarks report: median, nearest-rank percentiles, minimum and maximum. */
public final class Stats {
    private Stats() {
    }

    /** The median (the mean of the two middle values for an even count); the values are not changed. */
    public static double median(double[] values) {
        double[] v = sorted(values);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The p-th percentile (nearest rank) of sorted values; NaN when there are none. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public static double min(double[] values) {
        return sorted(values)[0];
    }

    public static double max(double[] values) {
        double[] v = sorted(values);
        return v[v.length - 1];
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v;
    }
}
