package org.emotionart.synth;

import java.awt.image.BufferedImage;

/**
 * Local shape features of an image that no global colour statistic sees: how edge orientations are
 * distributed (axis-aligned or not, few dominant directions or all of them) and how edge orientation
 * changes between neighbouring edge pixels (straight runs, smooth turns, sharp corners). A stand-in
 * for a small CNN in the tests: if a nearest-centroid rule on these separates the emotions, the shape
 * cue is there.
 */
final class ShapeFeatures {
    static final int BINS = 12;

    private ShapeFeatures() {
    }

    static double[] of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        double[] y = new double[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = img.getRGB(i, j);
                double r = ((p >> 16) & 0xff) / 255.0;
                double g = ((p >> 8) & 0xff) / 255.0;
                double b = (p & 0xff) / 255.0;
                y[j * w + i] = 0.299 * r + 0.587 * g + 0.114 * b;
            }
        }
        double[] gx = new double[w * h];
        double[] gy = new double[w * h];
        double[] mag = new double[w * h];
        for (int j = 1; j < h - 1; j++) {
            for (int i = 1; i < w - 1; i++) {
                int k = j * w + i;
                double dx = (y[k - w + 1] + 2 * y[k + 1] + y[k + w + 1]) - (y[k - w - 1] + 2 * y[k - 1] + y[k + w - 1]);
                double dy = (y[k + w - 1] + 2 * y[k + w] + y[k + w + 1]) - (y[k - w - 1] + 2 * y[k - w] + y[k - w + 1]);
                gx[k] = dx;
                gy[k] = dy;
                mag[k] = Math.hypot(dx, dy);
            }
        }
        double threshold = 0.06; // Sobel magnitude of a luma step of about 0.015
        double[] hist = new double[BINS];
        double total = 0;
        double[] theta = new double[w * h];
        boolean[] edge = new boolean[w * h];
        for (int k = 0; k < w * h; k++) {
            if (mag[k] > threshold) {
                edge[k] = true;
                double t = Math.atan2(gy[k], gx[k]);
                if (t < 0) {
                    t += Math.PI;
                }
                if (t >= Math.PI) {
                    t -= Math.PI;
                }
                theta[k] = t;
                // soft binning centred on 0, 15, 30, ... degrees
                double pos = t / Math.PI * BINS;
                int b0 = (int) Math.floor(pos + 0.5) % BINS;
                hist[b0] += mag[k];
                total += mag[k];
            }
        }
        double[] f = new double[BINS + 8];
        if (total > 0) {
            for (int b = 0; b < BINS; b++) {
                hist[b] /= total;
            }
        }
        double[] sorted = hist.clone();
        java.util.Arrays.sort(sorted);
        for (int b = 0; b < BINS; b++) {
            f[b] = sorted[BINS - 1 - b];
        }
        f[BINS] = hist[0] + hist[BINS / 2]; // axis-aligned share
        f[BINS + 1] = hist[BINS / 4] + hist[3 * BINS / 4]; // diagonal share
        // orientation change between 8-neighbouring edge pixels
        double[] turns = new double[4];
        double pairs = 0;
        for (int j = 1; j < h - 1; j++) {
            for (int i = 1; i < w - 1; i++) {
                int k = j * w + i;
                if (!edge[k]) {
                    continue;
                }
                int[] nb = {k + 1, k + w, k + w + 1, k + w - 1};
                for (int q : nb) {
                    if (!edge[q]) {
                        continue;
                    }
                    double d = Math.abs(theta[k] - theta[q]);
                    d = Math.min(d, Math.PI - d);
                    double deg = Math.toDegrees(d);
                    double wgt = Math.min(mag[k], mag[q]);
                    int bin = deg < 4 ? 0 : deg < 15 ? 1 : deg < 40 ? 2 : 3;
                    turns[bin] += wgt;
                    pairs += wgt;
                }
            }
        }
        for (int b = 0; b < 4; b++) {
            f[BINS + 2 + b] = pairs > 0 ? turns[b] / pairs : 0;
        }
        f[BINS + 6] = total / (w * h);
        f[BINS + 7] = pairs / Math.max(1e-9, total);
        return f;
    }
}
