package org.emotionart.eval;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.emotionart.EmotionArtException;
import org.emotionart.api.Domain;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.data.ImageSet;

/**
 * Calibrates a classifier's {@link Domain}: the per-emotion means and shared covariance of its
 * penultimate features on the paintings it was trained on, and the distance within which
 * {@code quantile} of other paintings of the same distribution (held out from training) fall.
 */
public final class DomainCalibration {
    /** Shrinkage of the covariance towards its diagonal's mean (keeps it invertible with dead units). */
    static final double SHRINK = 0.05;
    private static final int BATCH = 128;

    private DomainCalibration() {
    }

    /** Features of every image of {@code set}, in batches. */
    public static float[][] features(EmotionClassifier c, ImageSet set) {
        float[][] out = new float[set.count()][];
        int bytes = set.bytesPerImage();
        for (int from = 0; from < set.count(); from += BATCH) {
            int n = Math.min(BATCH, set.count() - from);
            float[][] f = c.featuresPixels(Arrays.copyOfRange(set.pixels(), from * bytes, (from + n) * bytes), n);
            System.arraycopy(f, 0, out, from, n);
        }
        return out;
    }

    public static Domain calibrate(EmotionClassifier c, ImageSet train, ImageSet heldout, double quantile,
                                   String calibratedOn) {
        if (train.size() != c.imageSize() || heldout.size() != c.imageSize()) {
            throw new EmotionArtException("paintings at " + train.size() + " px for a classifier at " + c.imageSize());
        }
        float[][] x = features(c, train);
        int d = x[0].length;
        int classes = org.emotionart.Emotion.COUNT;
        double[][] means = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < x.length; i++) {
            int k = train.emotions()[i].index();
            counts[k]++;
            for (int j = 0; j < d; j++) {
                means[k][j] += x[i][j];
            }
        }
        for (int k = 0; k < classes; k++) {
            if (counts[k] < 2) {
                throw new EmotionArtException("too few " + org.emotionart.Emotion.of(k).label() + " paintings to "
                        + "calibrate on (" + counts[k] + ")");
            }
            for (int j = 0; j < d; j++) {
                means[k][j] /= counts[k];
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        for (int i = 0; i < x.length; i++) {
            double[] m = means[train.emotions()[i].index()];
            for (int a = 0; a < d; a++) {
                double da = x[i][a] - m[a];
                if (da == 0) {
                    continue;
                }
                for (int b = 0; b < d; b++) {
                    cov.add(a, b, da * (x[i][b] - m[b]));
                }
            }
        }
        CommonOps_DDRM.divide(cov, x.length - classes);
        double meanVariance = CommonOps_DDRM.trace(cov) / d;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov.set(a, b, (1 - SHRINK) * cov.get(a, b) + (a == b ? SHRINK * Math.max(meanVariance, 1e-6) : 0));
            }
        }
        DMatrixRMaj inv = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invertSPD(cov, inv)) {
            throw new EmotionArtException("the features' covariance cannot be inverted");
        }
        double[][] precision = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                precision[a][b] = inv.get(a, b);
            }
        }
        Domain uncalibrated = new Domain(means, precision, Double.POSITIVE_INFINITY, 0, quantile, calibratedOn);
        double[] distances = Arrays.stream(features(c, heldout)).mapToDouble(uncalibrated::distance).sorted().toArray();
        double[] flat = flatShares(heldout);
        Arrays.sort(flat);
        double each = 1 - (1 - quantile) / 2; // two tests: each lets through half of what may fail
        double threshold = distances[Math.min(distances.length - 1, (int) Math.ceil(each * distances.length) - 1)];
        double minFlat = flat[Math.max(0, (int) Math.floor((1 - each) * flat.length))];
        return new Domain(means, precision, threshold, minFlat, quantile, calibratedOn);
    }

    static double[] flatShares(ImageSet set) {
        double[] out = new double[set.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Domain.flatShare(set.pixels(), i * set.bytesPerImage(), set.size());
        }
        return out;
    }

    /** The share of {@code set}'s paintings within {@code domain}. */
    public static double inDomainShare(EmotionClassifier c, Domain domain, ImageSet set) {
        float[][] f = features(c, set);
        double[] flat = flatShares(set);
        int in = 0;
        for (int i = 0; i < f.length; i++) {
            in += domain.inDomain(domain.distance(f[i]), flat[i]) ? 1 : 0;
        }
        return in / (double) f.length;
    }
}
