package org.emotionart.synth;

import java.util.List;

/** A tiny classifier for the tests: nearest centroid on standardised features. */
final class Classifiers {
    private Classifiers() {
    }

    /** Accuracy on (testX, testY) of nearest centroid fitted on (trainX, trainY), z-scored features. */
    static double nearestCentroid(List<double[]> trainX, int[] trainY, List<double[]> testX, int[] testY, int classes) {
        int d = trainX.get(0).length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        standardiser(trainX, mean, sd);
        double[][] centroid = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < trainX.size(); i++) {
            double[] z = z(trainX.get(i), mean, sd);
            for (int k = 0; k < d; k++) {
                centroid[trainY[i]][k] += z[k];
            }
            count[trainY[i]]++;
        }
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < d; k++) {
                centroid[c][k] /= Math.max(1, count[c]);
            }
        }
        int right = 0;
        for (int i = 0; i < testX.size(); i++) {
            double[] z = z(testX.get(i), mean, sd);
            int best = 0;
            double bestDist = Double.MAX_VALUE;
            for (int c = 0; c < classes; c++) {
                double dist = 0;
                for (int k = 0; k < d; k++) {
                    dist += (z[k] - centroid[c][k]) * (z[k] - centroid[c][k]);
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            right += best == testY[i] ? 1 : 0;
        }
        return (double) right / testX.size();
    }

    private static void standardiser(List<double[]> xs, double[] mean, double[] sd) {
        int d = mean.length;
        for (double[] x : xs) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[k] / xs.size();
            }
        }
        for (double[] x : xs) {
            for (int k = 0; k < d; k++) {
                sd[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / xs.size();
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = Math.sqrt(sd[k]) + 1e-9;
        }
    }

    private static double[] z(double[] x, double[] mean, double[] sd) {
        double[] z = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            z[k] = (x[k] - mean[k]) / sd[k];
        }
        return z;
    }
}
