package org.emotionart.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.emotionart.EmotionArtException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * How close a set of generated images is to a set of real ones, on feature vectors (one row per
 * image) from a feature extractor ({@link FeatureExtractor}). The three figures every GAN paper reports:
 *
 * <ul>
 *   <li><b>Fréchet distance</b> (FID's formula, Heusel et al. 2017) between Gaussians fitted to the two
 *       sets: {@code |μ1 − μ2|² + tr(Σ1 + Σ2 − 2 (Σ1 Σ2)^½)}, with unbiased covariances (numpy's
 *       {@code np.cov}). The trace of the square root is computed as the sum of the square roots of the
 *       eigenvalues of the symmetric positive semi-definite {@code Σ1^½ Σ2 Σ1^½} (its singular values), which has the same eigenvalues as
 *       {@code Σ1 Σ2} and avoids scipy's complex {@code sqrtm}.</li>
 *   <li><b>KID</b> (Bińkowski et al. 2018): the unbiased estimate of the squared MMD with the
 *       polynomial kernel {@code k(x, y) = (x·y / d + 1)³}, over random subsets of both sets, as mean
 *       and standard deviation (torchmetrics' and clean-fid's definition). Near 0 for two samples of one
 *       distribution, and unlike FD not biased by the sample size.</li>
 *   <li><b>Precision and recall</b> (Kynkäänniemi et al. 2019): each set's manifold is the union of
 *       balls around its points whose radius is the distance to the point's k-th nearest neighbour in
 *       its own set; precision is the share of generated points inside the real manifold (are the
 *       paintings realistic?), recall the share of real points inside the generated manifold (is all
 *       of the real variety covered?).</li>
 * </ul>
 */
public final class QualityMetrics {
    /** The neighbourhood size of precision / recall that Kynkäänniemi et al. recommend. */
    public static final int PR_K = 3;

    private QualityMetrics() {
    }

    /** The Fréchet distance between Gaussians fitted to {@code a} and {@code b} (rows: samples). */
    public static double frechetDistance(double[][] a, double[][] b) {
        int d = checkSets(a, b, 2);
        double[] mu1 = mean(a);
        double[] mu2 = mean(b);
        DMatrixRMaj s1 = covariance(a, mu1);
        DMatrixRMaj s2 = covariance(b, mu2);
        double diff = 0;
        for (int i = 0; i < d; i++) {
            diff += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
        }
        // eigen-decompositions on covariances scaled to a mean variance of 1, so that features of any
        // magnitude converge alike; tr sqrt(s1 s2) scales back linearly
        double scale = Math.max(CommonOps_DDRM.trace(s1), CommonOps_DDRM.trace(s2)) / d;
        double traceRoot = 0;
        if (scale > 0) {
            DMatrixRMaj n1 = s1.copy();
            DMatrixRMaj n2 = s2.copy();
            CommonOps_DDRM.scale(1 / scale, n1);
            CommonOps_DDRM.scale(1 / scale, n2);
            DMatrixRMaj root1 = sqrtPsd(n1);
            DMatrixRMaj tmp = new DMatrixRMaj(d, d);
            DMatrixRMaj product = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(root1, n2, tmp);
            CommonOps_DDRM.mult(tmp, root1, product);
            symmetrize(product);
            for (double ev : eigenvalues(product)) {
                traceRoot += Math.sqrt(Math.max(ev, 0));
            }
            traceRoot *= scale;
        }
        double fd = diff + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
        return Math.max(fd, 0);
    }

    /**
     * The real-vs-real Fréchet distances of {@code splits} splits of the pooled real rows (A ∪ B) into
     * two sets as large as {@code a} and {@code b}: the first is {@code b} against {@code a} as given,
     * the others seeded reshuffles within each stratum ({@code strataA}, {@code strataB}: one label per
     * row, e.g. the emotion; null: one stratum), so each set keeps its count of every stratum. One
     * split's figure moves a lot with which paintings fall on which side (seventeen-fold over 40
     * splits of one style's held-out benchmark paintings); the median over several is what a ratio
     * should be taken against.
     */
    public static double[] realVsRealFds(double[][] a, double[][] b, int[] strataA, int[] strataB, int splits,
                                         long seed) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, not " + splits);
        }
        int[] sa = strataA != null ? strataA : new int[a.length];
        int[] sb = strataB != null ? strataB : new int[b.length];
        if (sa.length != a.length || sb.length != b.length) {
            throw new IllegalArgumentException("one stratum label per row is needed");
        }
        double[] fds = new double[splits];
        fds[0] = frechetDistance(b, a);
        Map<Integer, List<double[]>> pools = new TreeMap<>();
        Map<Integer, Integer> countsA = new TreeMap<>();
        for (int i = 0; i < a.length; i++) {
            pools.computeIfAbsent(sa[i], k -> new ArrayList<>()).add(a[i]);
            countsA.merge(sa[i], 1, Integer::sum);
        }
        for (int i = 0; i < b.length; i++) {
            pools.computeIfAbsent(sb[i], k -> new ArrayList<>()).add(b[i]);
        }
        Random rnd = new Random(seed);
        for (int k = 1; k < splits; k++) {
            List<double[]> newA = new ArrayList<>();
            List<double[]> newB = new ArrayList<>();
            for (var pool : pools.entrySet()) {
                List<double[]> rows = new ArrayList<>(pool.getValue());
                Collections.shuffle(rows, rnd);
                int inA = countsA.getOrDefault(pool.getKey(), 0);
                newA.addAll(rows.subList(0, inA));
                newB.addAll(rows.subList(inA, rows.size()));
            }
            fds[k] = frechetDistance(newB.toArray(double[][]::new), newA.toArray(double[][]::new));
        }
        return fds;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** KID: mean and standard deviation of the unbiased MMD² over {@code subsets} random subsets. */
    public record Kid(double mean, double std, int subsets, int subsetSize) {
    }

    /**
     * KID between {@code a} and {@code b}: {@code subsets} draws of {@code subsetSize} rows from each
     * (without replacement within a draw), seeded. The subset size is capped at half the smaller set,
     * so that the subsets differ and the standard deviation says how much the figure varies.
     */
    public static Kid kid(double[][] a, double[][] b, int subsets, int subsetSize, long seed) {
        int d = checkSets(a, b, 2);
        int m = Math.min(Math.min(a.length, b.length), Math.max(2, Math.min(subsetSize, Math.min(a.length, b.length) / 2)));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs subsets of at least 2 images, got " + m);
        }
        double[][] kaa = kernelMatrix(a, a, d);
        double[][] kbb = kernelMatrix(b, b, d);
        double[][] kab = kernelMatrix(a, b, d);
        Random rnd = new Random(seed);
        double[] values = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            int[] ia = draw(a.length, m, rnd);
            int[] ib = draw(b.length, m, rnd);
            double kxx = 0;
            double kyy = 0;
            double kxy = 0;
            for (int i = 0; i < m; i++) {
                double[] rowA = kaa[ia[i]];
                double[] rowB = kbb[ib[i]];
                double[] rowAB = kab[ia[i]];
                for (int j = 0; j < m; j++) {
                    if (i != j) {
                        kxx += rowA[ia[j]];
                        kyy += rowB[ib[j]];
                    }
                    kxy += rowAB[ib[j]];
                }
            }
            values[s] = (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
        }
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        double var = subsets < 2 ? 0 : Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (subsets - 1);
        return new Kid(mean, Math.sqrt(var), subsets, m);
    }

    /** Precision and recall of {@code generated} against {@code real}, with k-nearest-neighbour manifolds. */
    public record PrecisionRecall(double precision, double recall, int k) {
    }

    public static PrecisionRecall precisionRecall(double[][] real, double[][] generated, int k) {
        checkSets(real, generated, k + 1);
        double[][] rr = squaredDistances(real, real);
        double[][] gg = squaredDistances(generated, generated);
        double[][] rg = squaredDistances(real, generated);
        double[] realRadius = kthNeighbour(rr, k);
        double[] genRadius = kthNeighbour(gg, k);
        int inReal = 0;
        for (int g = 0; g < generated.length; g++) {
            for (int r = 0; r < real.length; r++) {
                if (rg[r][g] <= realRadius[r]) {
                    inReal++;
                    break;
                }
            }
        }
        int inGenerated = 0;
        for (int r = 0; r < real.length; r++) {
            for (int g = 0; g < generated.length; g++) {
                if (rg[r][g] <= genRadius[g]) {
                    inGenerated++;
                    break;
                }
            }
        }
        return new PrecisionRecall((double) inReal / generated.length, (double) inGenerated / real.length, k);
    }

    // ---------------------------------------------------------------- pieces

    private static int checkSets(double[][] a, double[][] b, int minRows) {
        for (double[][] set : new double[][][] {a, b}) {
            for (double[] row : set) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new EmotionArtException("the feature extractor gave non-finite values (" + v + "): its "
                                + "weights do not suit these images");
                    }
                }
            }
        }
        if (a.length < minRows || b.length < minRows) {
            throw new IllegalArgumentException("need at least " + minRows + " feature vectors in each set, got "
                    + a.length + " and " + b.length);
        }
        int d = a[0].length;
        for (double[][] set : new double[][][] {a, b}) {
            for (double[] row : set) {
                if (row.length != d) {
                    throw new IllegalArgumentException("feature vectors of different sizes: " + d + " and " + row.length);
                }
            }
        }
        return d;
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int i = 0; i < mu.length; i++) {
                mu[i] += row[i];
            }
        }
        for (int i = 0; i < mu.length; i++) {
            mu[i] /= x.length;
        }
        return mu;
    }

    private static DMatrixRMaj covariance(double[][] x, double[] mu) {
        int n = x.length;
        int d = mu.length;
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                centred.unsafe_set(r, c, x[r][c] - mu[c]);
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centred, centred, cov);
        CommonOps_DDRM.scale(1.0 / (n - 1), cov);
        return cov;
    }

    private static void symmetrize(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) {
            for (int j = i + 1; j < m.numCols; j++) {
                double v = 0.5 * (m.get(i, j) + m.get(j, i));
                m.set(i, j, v);
                m.set(j, i, v);
            }
        }
    }

    /**
     * The eigenvalues of a symmetric positive semi-definite matrix: its singular values (an SVD, which
     * unlike the symmetric QR iteration also converges on the many repeated zero eigenvalues of
     * covariances estimated from fewer images than features).
     */
    private static double[] eigenvalues(DMatrixRMaj psd) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = svd(psd, false);
        return svd.getSingularValues().clone();
    }

    /** The symmetric square root of a positive semi-definite matrix, U √Σ Uᵀ from its SVD. */
    private static DMatrixRMaj sqrtPsd(DMatrixRMaj s) {
        int d = s.numRows;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = svd(s, true);
        double[] sigma = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int k = 0; k < sigma.length; k++) {
            double lambda = Math.sqrt(Math.max(sigma[k], 0));
            if (lambda == 0) {
                continue;
            }
            for (int i = 0; i < d; i++) {
                double vi = u.get(i, k) * lambda;
                for (int j = 0; j < d; j++) {
                    root.add(i, j, vi * u.get(j, k));
                }
            }
        }
        return root;
    }

    private static SingularValueDecomposition_F64<DMatrixRMaj> svd(DMatrixRMaj m, boolean needU) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, needU,
                false, true);
        if (!svd.decompose(m.copy())) {
            throw new EmotionArtException("the Fréchet distance cannot be computed: the SVD of a " + m.numRows + "x"
                    + m.numCols + " covariance did not converge");
        }
        return svd;
    }

    private static double[][] kernelMatrix(double[][] a, double[][] b, int d) {
        double[][] out = new double[a.length][b.length];
        IntStream.range(0, a.length).parallel().forEach(i -> {
            for (int j = 0; j < b.length; j++) {
                out[i][j] = kernel(a[i], b[j], d);
            }
        });
        return out;
    }

    private static double kernel(double[] x, double[] y, int d) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += x[i] * y[i];
        }
        double v = dot / d + 1;
        return v * v * v;
    }

    private static int[] draw(int n, int m, Random rnd) {
        int[] idx = IntStream.range(0, n).toArray();
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return Arrays.copyOf(idx, m);
    }

    private static double[][] squaredDistances(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b.length];
        IntStream.range(0, a.length).parallel().forEach(i -> {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int c = 0; c < a[i].length; c++) {
                    double t = a[i][c] - b[j][c];
                    s += t * t;
                }
                out[i][j] = s;
            }
        });
        return out;
    }

    /** For each row, the k-th smallest distance to another point of the same set (itself excluded). */
    private static double[] kthNeighbour(double[][] self, int k) {
        double[] out = new double[self.length];
        for (int i = 0; i < self.length; i++) {
            double[] row = self[i].clone();
            row[i] = Double.POSITIVE_INFINITY;
            Arrays.sort(row);
            out[i] = row[k - 1];
        }
        return out;
    }
}
