package org.emotionart.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emotionart.Emotion;
import org.junit.jupiter.api.Test;

class GlobalStatisticBaselineTest {

    @Test
    void perfectlySeparatingStatisticGivesFullAccuracy() {
        // classes in the order 2, 0, 1 along the axis: needs a non-trivial assignment of intervals
        double[] v = new double[90];
        int[] y = new int[90];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 90; i++) {
            y[i] = i % 3;
            double base = y[i] == 2 ? 0 : y[i] == 0 ? 10 : 20;
            v[i] = base + rnd.nextDouble() * 5;
        }
        assertEquals(1.0, GlobalStatisticBaseline.bestAccuracy(v, y), 1e-12);
        assertEquals(1.0, GlobalStatisticBaseline.bestCircularAccuracy(v, y, 360), 1e-12);
    }

    @Test
    void hiddenClassesCanOnlyBeGuessedNearChance() {
        double[] v = new double[300];
        int[] y = new int[300];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
            y[i] = i % 3;
        }
        double acc = GlobalStatisticBaseline.bestAccuracy(v, y);
        assertTrue(acc >= 1.0 / 3 && acc < 0.45, "accuracy " + acc);
    }

    @Test
    void smallCaseMatchesBruteForce() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(12);
            double[] v = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(6); // ties on purpose
                y[i] = rnd.nextInt(3);
            }
            assertEquals(bruteForce(v, y), GlobalStatisticBaseline.bestAccuracy(v, y), 1e-12, "trial " + trial);
        }
    }

    /** Every pair of thresholds at candidate values, every assignment of the three intervals. */
    private static double bruteForce(double[] v, int[] y) {
        double[] cuts = new double[v.length + 2];
        cuts[0] = Double.NEGATIVE_INFINITY;
        cuts[1] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            cuts[i + 2] = v[i] + 0.5; // between integer values
        }
        int best = 0;
        for (double a : cuts) {
            for (double b : cuts) {
                if (a > b) {
                    continue;
                }
                for (int ca = 0; ca < 3; ca++) {
                    for (int cb = 0; cb < 3; cb++) {
                        for (int cc = 0; cc < 3; cc++) {
                            int right = 0;
                            for (int i = 0; i < v.length; i++) {
                                int guess = v[i] < a ? ca : v[i] < b ? cb : cc;
                                right += guess == y[i] ? 1 : 0;
                            }
                            best = Math.max(best, right);
                        }
                    }
                }
            }
        }
        return (double) best / v.length;
    }

    @Test
    void hueSplitsWrapAroundTheCircle() {
        // class 0 straddles 0/360, classes 1 and 2 sit at 120 and 240
        double[] v = {350, 355, 5, 10, 115, 120, 125, 235, 240, 245};
        int[] y = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
        assertEquals(1.0, GlobalStatisticBaseline.bestCircularAccuracy(v, y, 360), 1e-12);
        // a straight line needs four cuts for this; two thresholds miss two points
        assertEquals(0.8, GlobalStatisticBaseline.bestAccuracy(v, y), 1e-12);
    }

    @Test
    void analyseReportsPooledAndPerStyle() {
        List<GlobalStatisticBaseline.Measured> images = new ArrayList<>();
        int n = GlobalStatisticBaseline.Statistic.values().length;
        for (int i = 0; i < 60; i++) {
            Emotion e = Emotion.of(i % 3);
            double[] s = new double[n];
            s[GlobalStatisticBaseline.Statistic.BRIGHTNESS.ordinal()] = e.index() + 0.1 * (i % 7); // separates
            s[GlobalStatisticBaseline.Statistic.CONTRAST.ordinal()] = i % 5; // unrelated
            images.add(new GlobalStatisticBaseline.Measured(i < 30 ? "a" : "b", e, s));
        }
        GlobalStatisticBaseline.Table t = GlobalStatisticBaseline.analyse(images);
        assertEquals(List.of("all", "a", "b"), t.groups());
        assertEquals(1.0, t.accuracy(GlobalStatisticBaseline.Statistic.BRIGHTNESS, "all"), 1e-12);
        assertEquals(1.0, t.accuracy(GlobalStatisticBaseline.Statistic.BRIGHTNESS, "b"), 1e-12);
        assertEquals(GlobalStatisticBaseline.Statistic.BRIGHTNESS, t.bestStatistic("a"));
        assertTrue(t.accuracy(GlobalStatisticBaseline.Statistic.CONTRAST, "all") < 0.6);
        assertTrue(t.format().contains("brightness"));
    }

    @Test
    void measuresKnownImage() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 0, 0));
        g.fillRect(0, 0, 4, 2);
        g.setColor(new Color(0, 0, 255));
        g.fillRect(0, 2, 4, 2);
        g.dispose();
        double[] s = GlobalStatisticBaseline.measure(img);
        double yRed = 0.299;
        double yBlue = 0.114;
        assertEquals((yRed + yBlue) / 2, s[GlobalStatisticBaseline.Statistic.BRIGHTNESS.ordinal()], 1e-9);
        assertEquals(1.0, s[GlobalStatisticBaseline.Statistic.VALUE.ordinal()], 1e-9);
        assertEquals(1.0, s[GlobalStatisticBaseline.Statistic.SATURATION.ordinal()], 1e-9);
        assertEquals(0.0, s[GlobalStatisticBaseline.Statistic.WARMTH.ordinal()], 1e-9);
        assertEquals((yRed - yBlue) / 2, s[GlobalStatisticBaseline.Statistic.CONTRAST.ordinal()], 1e-9);
        // circular mean of 0 (red) and 240 (blue) with equal weight: 300 degrees
        assertEquals(300, s[GlobalStatisticBaseline.Statistic.HUE.ordinal()], 1e-6);
        // one horizontal edge between rows 1 and 2: 4 of the 24 neighbour pairs differ
        assertEquals((yRed - yBlue) * 4 / 24, s[GlobalStatisticBaseline.Statistic.EDGES.ordinal()], 1e-9);
    }
}
