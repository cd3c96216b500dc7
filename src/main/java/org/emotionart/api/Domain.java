package org.emotionart.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.emotionart.util.Json;

/**
 * What a classifier was trained on, as its penultimate features saw it, to say when an image is
 * unlike all of it: the Mahalanobis distance (Lee et al. 2018) of an image's features to the nearest
 * emotion's mean, under the training features' shared covariance (shrunk towards its diagonal so that
 * dead ReLU units do not make it singular), against a threshold calibrated on held-out paintings of the
 * training distribution. A second, pixel-level test catches what the features miss: the share of
 * flat pixels ({@link #flatShare}: mean |Laplacian| under 3 of 255), which a painting of the training
 * kind does not go below ({@code minFlatShare}); the procedural benchmark's flat-colour paintings have
 * many, a photographed oil painting few. Each test is calibrated at half of {@code 1 - quantile}, so that
 * {@code quantile} of the held-out paintings pass both. Kept beside the bundle's metadata as
 * {@code assets.extra/domain.json}; bundles without it say nothing about their domain.
 *
 * @param means      per emotion, the training features' mean [3][d]
 * @param precision  the inverse of the shrunk shared covariance [d][d]
 * @param threshold  distances above it are out of domain
 * @param minFlatShare images with a smaller share of flat pixels are out of domain
 * @param quantile   the share of the calibration paintings within the threshold
 * @param calibratedOn what the threshold was calibrated on, in words
 */
public record Domain(double[][] means, double[][] precision, double threshold, double minFlatShare, double quantile,
                     String calibratedOn) {
    public static final String FILE = "assets.extra/domain.json";

    /** The squared Mahalanobis distance of {@code x} to the nearest emotion's mean. */
    public double distance(float[] x) {
        double best = Double.POSITIVE_INFINITY;
        int d = x.length;
        double[] diff = new double[d];
        for (double[] mean : means) {
            for (int i = 0; i < d; i++) {
                diff[i] = x[i] - mean[i];
            }
            double sum = 0;
            for (int i = 0; i < d; i++) {
                double row = 0;
                double[] p = precision[i];
                for (int j = 0; j < d; j++) {
                    row += p[j] * diff[j];
                }
                sum += diff[i] * row;
            }
            best = Math.min(best, sum);
        }
        return best;
    }

    /** Whether an image with these features' {@code distance} and this {@code flatShare} is like the training paintings. */
    /** Refuses a calibration whose shapes do not fit together (a damaged or hand-edited file). */
    void check(Path versionDir) {
        int d = means == null || means.length != org.emotionart.Emotion.COUNT || means[0] == null ? -1 : means[0].length;
        boolean ok = d > 0 && precision != null && precision.length == d && Double.isFinite(threshold);
        for (int k = 0; ok && k < means.length; k++) {
            ok = means[k] != null && means[k].length == d;
        }
        for (int i = 0; ok && i < d; i++) {
            ok = precision[i] != null && precision[i].length == d;
        }
        if (!ok) {
            throw new IllegalArgumentException("means must be 3 rows of d values and precision d x d, with a finite "
                    + "threshold");
        }
    }

    public boolean inDomain(double distance, double flatShare) {
        return distance <= threshold && flatShare >= minFlatShare;
    }

    /**
     * The share of pixels of one {@code size}×{@code size} RGB image (uint8 HWC at {@code offset}) whose
     * mean absolute 4-neighbour Laplacian over the channels is under 3 (of 255): flat colour.
     */
    public static double flatShare(byte[] pixels, int offset, int size) {
        int flat = 0;
        int n = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int sum = 0;
                for (int c = 0; c < 3; c++) {
                    int at = offset + (y * size + x) * 3 + c;
                    int l = 4 * (pixels[at] & 255) - (pixels[at - size * 3] & 255) - (pixels[at + size * 3] & 255)
                            - (pixels[at - 3] & 255) - (pixels[at + 3] & 255);
                    sum += Math.abs(l);
                }
                flat += sum < 9 ? 1 : 0;
                n++;
            }
        }
        return n == 0 ? 1 : flat / (double) n;
    }

    /** The calibration of the bundle version folder {@code versionDir}, if it has one. */
    static Optional<Domain> read(Path versionDir) {
        Path file = versionDir.resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(Json.read(file, Domain.class)) : Optional.empty();
    }
}
