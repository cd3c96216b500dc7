package org.emotionart.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metrics' formulas on Gaussian samples, where the answers are known. */
class QualityMetricsTest {
    static double[][] gaussian(int n, int d, double mean, double std, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = mean + std * r.nextGaussian();
            }
        }
        return x;
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void realVsRealBaselineStartsWithTheGivenSplitAndKeepsEachStratumsCount() {
        // two clusters far apart: a re-split that moved rows of one cluster from set to set would show at once
        double[][] a = concat(gaussian(60, 4, 0, 1, 11), gaussian(60, 4, 100, 1, 12));
        double[][] b = concat(gaussian(60, 4, 0, 1, 13), gaussian(60, 4, 100, 1, 14));
        int[] strata = new int[120];
        java.util.Arrays.fill(strata, 60, 120, 1);
        double[] fds = QualityMetrics.realVsRealFds(a, b, strata, strata, 9, 5);
        assertEquals(9, fds.length);
        assertEquals(QualityMetrics.frechetDistance(b, a), fds[0], 1e-12);
        org.junit.jupiter.api.Assertions.assertArrayEquals(fds, QualityMetrics.realVsRealFds(a, b, strata, strata, 9, 5));
        double[] unstratified = QualityMetrics.realVsRealFds(a, b, null, null, 9, 5);
        assertTrue(QualityMetrics.median(unstratified) > 5 * QualityMetrics.median(fds),
                QualityMetrics.median(unstratified) + " against " + QualityMetrics.median(fds));
        assertThrows(IllegalArgumentException.class, () -> QualityMetrics.realVsRealFds(a, b, strata, strata, 0, 5));
    }

    @Test
    void theMedianBaselineMovesLessWithTheDrawThanOneSplit() {
        // heavy-tailed features, as a classifier's are: a few paintings far out weigh on one split's covariances
        double[][] pool = gaussian(400, 8, 0, 1, 21);
        Random r = new Random(22);
        for (int i = 0; i < 12; i++) {
            double[] row = pool[r.nextInt(pool.length)];
            for (int j = 0; j < row.length; j++) {
                row[j] *= 6;
            }
        }
        double[] single = new double[8];
        double[] median = new double[8];
        for (int draw = 0; draw < single.length; draw++) {
            java.util.List<double[]> rows = new java.util.ArrayList<>(java.util.Arrays.asList(pool));
            java.util.Collections.shuffle(rows, new Random(100 + draw));
            double[][] a = rows.subList(0, 200).toArray(double[][]::new);
            double[][] b = rows.subList(200, 400).toArray(double[][]::new);
            double[] fds = QualityMetrics.realVsRealFds(a, b, null, null, 31, draw);
            single[draw] = fds[0];
            median[draw] = QualityMetrics.median(fds);
        }
        // relative ranges over the eight draws: (max - min) / min
        double singleSpread = max(single) / min(single) - 1;
        double medianSpread = max(median) / min(median) - 1;
        assertTrue(medianSpread < singleSpread / 2, medianSpread + " against " + singleSpread);
        assertEquals(2.5, QualityMetrics.median(new double[] {4, 1, 2, 3}), 1e-12);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    @Test
    void frechetDistanceOfASetWithItselfIsZero() {
        double[][] a = gaussian(300, 16, 0, 1, 1);
        assertEquals(0, QualityMetrics.frechetDistance(a, a), 1e-8);
    }

    @Test
    void frechetDistanceInOneDimensionIsMeanAndStdDifference() {
        double[][] a = gaussian(500, 1, 0, 1, 2);
        double[][] b = gaussian(400, 1, 3, 2, 3);
        double[] ma = QualityMetrics.mean(a);
        double[] mb = QualityMetrics.mean(b);
        double sa = std(a, ma[0]);
        double sb = std(b, mb[0]);
        double expected = Math.pow(ma[0] - mb[0], 2) + Math.pow(sa - sb, 2);
        assertEquals(expected, QualityMetrics.frechetDistance(a, b), 1e-9);
    }

    @Test
    void frechetDistanceIgnoresARotationOfBothSets() {
        double[][] a = gaussian(200, 2, 0, 1, 4);
        double[][] b = gaussian(200, 2, 1, 3, 5);
        for (double[] row : b) {
            row[1] += 0.8 * row[0]; // correlated, so that the covariances do not commute
        }
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] ra = rotate(a, c, s);
        double[][] rb = rotate(b, c, s);
        assertEquals(QualityMetrics.frechetDistance(a, b), QualityMetrics.frechetDistance(ra, rb), 1e-9);
    }

    /**
     * Two 2-D sets whose covariances do not commute, against the closed form: for 2×2 positive
     * semi-definite A and B, tr √(AB) = √(tr(AB) + 2 √(det A · det B)). A formula that took
     * tr(√A √B) instead, exact when the covariances commute, fails here.
     */
    @Test
    void frechetDistanceMatchesTheClosedFormForCovariancesThatDoNotCommute() {
        Random r = new Random(21);
        int n = 500;
        double[][] a = new double[n][2];
        double[][] b = new double[n][2];
        for (int i = 0; i < n; i++) {
            a[i][0] = 3 * r.nextGaussian();
            a[i][1] = 0.5 * r.nextGaussian() + 1;
            double u = r.nextGaussian(), v = r.nextGaussian();
            b[i][0] = 2 * u + 0.8 * v - 0.5;     // correlated, tilted against a's axes
            b[i][1] = 1.5 * u - 0.3 * v + 2;
        }
        double[] ma = mean2(a), mb = mean2(b);
        double[][] ca = cov2(a, ma), cb = cov2(b, mb);
        double[][] p = {{ca[0][0] * cb[0][0] + ca[0][1] * cb[1][0], ca[0][0] * cb[0][1] + ca[0][1] * cb[1][1]},
                {ca[1][0] * cb[0][0] + ca[1][1] * cb[1][0], ca[1][0] * cb[0][1] + ca[1][1] * cb[1][1]}};
        assertTrue(Math.abs(p[0][1] - (cb[0][0] * ca[0][1] + cb[0][1] * ca[1][1])) > 0.5, "the covariances must not commute");
        double det = (ca[0][0] * ca[1][1] - ca[0][1] * ca[1][0]) * (cb[0][0] * cb[1][1] - cb[0][1] * cb[1][0]);
        double traceRoot = Math.sqrt(p[0][0] + p[1][1] + 2 * Math.sqrt(det));
        double expected = Math.pow(ma[0] - mb[0], 2) + Math.pow(ma[1] - mb[1], 2)
                + ca[0][0] + ca[1][1] + cb[0][0] + cb[1][1] - 2 * traceRoot;
        assertEquals(expected, QualityMetrics.frechetDistance(a, b), 1e-9 * expected);
    }

    static double[] mean2(double[][] x) {
        double[] m = new double[2];
        for (double[] row : x) { m[0] += row[0] / x.length; m[1] += row[1] / x.length; }
        return m;
    }

    /** The unbiased covariance (n − 1), as FID's reference code (numpy.cov) takes it. */
    static double[][] cov2(double[][] x, double[] m) {
        double[][] c = new double[2][2];
        for (double[] row : x) {
            for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) c[i][j] += (row[i] - m[i]) * (row[j] - m[j]) / (x.length - 1);
        }
        return c;
    }

    /**
     * Precision and recall counted by hand on a line, k = 3 (each point's radius: the distance to its
     * third nearest other point of its own set; a point is covered when within some radius, inclusive).
     * Real 0, 1, ..., 9 has radii 3, 2, ..., 2, 3; generated {0, 1, 2, 3.4} has radii 3.4, 2.4, 2, 3.4, so
     * its balls cover [−3.4, 6.8]: every generated point is among the real ones (precision 1) and 7 of
     * the 10 real ones, 0..6, are among the generated (recall 0.7). Swapping the sets swaps the figures.
     * A radius that counted the point itself (k off by one) or a strict comparison gives other numbers.
     */
    @Test
    void precisionAndRecallCountedByHandOnALine() {
        double[][] real = new double[10][1];
        for (int i = 0; i < 10; i++) real[i][0] = i;
        double[][] gen = {{0}, {1}, {2}, {3.4}};
        QualityMetrics.PrecisionRecall pr = QualityMetrics.precisionRecall(real, gen, 3);
        assertEquals(1.0, pr.precision(), 1e-12, pr.toString());
        assertEquals(0.7, pr.recall(), 1e-12, pr.toString());
        QualityMetrics.PrecisionRecall swapped = QualityMetrics.precisionRecall(gen, real, 3);
        assertEquals(0.7, swapped.precision(), 1e-12, swapped.toString());
        assertEquals(1.0, swapped.recall(), 1e-12, swapped.toString());
    }

    @Test
    void kidIsNearZeroForTwoSamplesOfOneDistributionAndPositiveOtherwise() {
        double[][] a = gaussian(400, 8, 0, 1, 6);
        double[][] b = gaussian(400, 8, 0, 1, 7);
        double[][] far = gaussian(400, 8, 0.5, 1, 8);
        QualityMetrics.Kid same = QualityMetrics.kid(a, b, 50, 1000, 1);
        QualityMetrics.Kid other = QualityMetrics.kid(a, far, 50, 1000, 1);
        assertEquals(200, same.subsetSize(), "capped at half the smaller set");
        // unbiased: the estimate is within its own spread of 0 (a biased MMD would sit above 0)
        assertTrue(Math.abs(same.mean()) < 2 * same.std(), same.toString());
        assertTrue(other.mean() > 10 * same.std(), same + " vs " + other);
    }

    @Test
    void precisionAndRecallOfTwoSamplesOfOneDistributionAreHigh() {
        double[][] a = gaussian(300, 4, 0, 1, 9);
        double[][] b = gaussian(300, 4, 0, 1, 10);
        QualityMetrics.PrecisionRecall pr = QualityMetrics.precisionRecall(a, b, 3);
        assertTrue(pr.precision() > 0.8 && pr.recall() > 0.8, pr.toString());
        // a generator that paints far away: nothing realistic; one that covers a corner only: low recall
        double[][] elsewhere = gaussian(300, 4, 5, 1, 11);
        assertTrue(QualityMetrics.precisionRecall(a, elsewhere, 3).precision() < 0.05);
        double[][] narrow = gaussian(300, 4, 0, 0.1, 12);
        QualityMetrics.PrecisionRecall n = QualityMetrics.precisionRecall(a, narrow, 3);
        assertTrue(n.precision() > 0.9 && n.recall() < 0.2, n.toString());
    }

    @Test
    void frechetDistanceScalesQuadraticallyEvenForTinyFeatures() {
        double[][] a = gaussian(100, 32, 0, 1, 13);
        double[][] b = gaussian(100, 32, 0.3, 1.5, 14);
        double fd = QualityMetrics.frechetDistance(a, b);
        double s = 1e-10;
        double[][] sa = java.util.Arrays.stream(a).map(r -> java.util.Arrays.stream(r).map(v -> v * s).toArray())
                .toArray(double[][]::new);
        double[][] sb = java.util.Arrays.stream(b).map(r -> java.util.Arrays.stream(r).map(v -> v * s).toArray())
                .toArray(double[][]::new);
        assertEquals(fd, QualityMetrics.frechetDistance(sa, sb) / (s * s), 1e-6 * fd);
        // rank-deficient: fewer samples than dimensions
        assertEquals(0, QualityMetrics.frechetDistance(gaussian(5, 32, 0, 1, 15), gaussian(5, 32, 0, 1, 15)), 1e-8);
    }

    @Test
    void nonFiniteFeaturesAreRefusedInWords() {
        double[][] a = gaussian(10, 3, 0, 1, 1);
        a[4][1] = Double.NaN;
        var e = assertThrows(org.emotionart.EmotionArtException.class,
                () -> QualityMetrics.frechetDistance(a, gaussian(10, 3, 0, 1, 2)));
        assertEquals("the feature extractor gave non-finite values (NaN): its weights do not suit these images",
                e.getMessage());
    }

    @Test
    void setsOfDifferentWidthsOrTooSmallAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QualityMetrics.frechetDistance(gaussian(10, 3, 0, 1, 1), gaussian(10, 4, 0, 1, 2)));
        assertEquals("feature vectors of different sizes: 3 and 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> QualityMetrics.precisionRecall(gaussian(3, 3, 0, 1, 1), gaussian(10, 3, 0, 1, 2), 3));
        assertEquals("need at least 4 feature vectors in each set, got 3 and 10", e.getMessage());
    }

    private static double std(double[][] x, double mean) {
        double s = 0;
        for (double[] row : x) {
            s += (row[0] - mean) * (row[0] - mean);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private static double[][] rotate(double[][] x, double c, double s) {
        double[][] out = new double[x.length][2];
        for (int i = 0; i < x.length; i++) {
            out[i][0] = c * x[i][0] - s * x[i][1];
            out[i][1] = s * x[i][0] + c * x[i][1];
        }
        return out;
    }
}
