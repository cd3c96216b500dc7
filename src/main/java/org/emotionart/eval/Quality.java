package org.emotionart.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image-quality figures of one comparison: generated paintings against real ones ({@code real A}),
 * and beside each the same figure between two disjoint halves of the real paintings ({@code real A}
 * against {@code real B}, as many as generated), so that a figure means something on any data set:
 * a generator whose paintings are as close to real A as real B is has an FD ratio of 1.
 */
public record Quality(int generated, int real, double fd, double fdBaseline, int baselineSplits,
                      double fdBaselineMin, double fdBaselineMax, QualityMetrics.Kid kid,
                      QualityMetrics.Kid kidBaseline, QualityMetrics.PrecisionRecall pr,
                      QualityMetrics.PrecisionRecall prBaseline) {
    /**
     * Splits of the real paintings whose median real-vs-real FD is the baseline (see
     * {@link QualityMetrics#realVsRealFds}): over 40 splits of landscape's held-out paintings one
     * split's figure ranged from 0.04 to 0.66, and the ratio of one generator with it from 4 to 71.
     */
    public static final int BASELINE_SPLITS = 31;
    /** KID subsets, as torchmetrics and clean-fid. */
    public static final int KID_SUBSETS = 100;
    /** KID subset size cap, as torchmetrics and clean-fid (smaller sets use all they have). */
    public static final int KID_SUBSET_SIZE = 1000;

    /** Generated FD / real-vs-real FD: 1 means as close to the real paintings as other real paintings are. */
    public double fdRatio() {
        return fd / fdBaseline;
    }

    /**
     * Compares {@code generated} with {@code realA}, and {@code realB} with {@code realA} as the baseline
     * (all rows: feature vectors; realA and realB disjoint, each as large as generated), on one split.
     */
    public static Quality compare(double[][] generated, double[][] realA, double[][] realB, long seed) {
        return compare(generated, realA, realB, null, null, seed, 1);
    }

    /**
     * As above, with the FD baseline the median over {@code splits} splits of real A ∪ B within each
     * stratum (one label per row, e.g. the emotion; null: one), the first being A and B as given
     * ({@link QualityMetrics#realVsRealFds}). KID and precision / recall compare A and B as given.
     */
    public static Quality compare(double[][] generated, double[][] realA, double[][] realB, int[] strataA,
                                  int[] strataB, long seed, int splits) {
        double[] baselines = QualityMetrics.realVsRealFds(realA, realB, strataA, strataB, splits, seed);
        return new Quality(generated.length, realA.length, QualityMetrics.frechetDistance(generated, realA),
                QualityMetrics.median(baselines), splits, Arrays.stream(baselines).min().orElseThrow(),
                Arrays.stream(baselines).max().orElseThrow(),
                QualityMetrics.kid(generated, realA, KID_SUBSETS, KID_SUBSET_SIZE, seed),
                QualityMetrics.kid(realB, realA, KID_SUBSETS, KID_SUBSET_SIZE, seed),
                QualityMetrics.precisionRecall(realA, generated, QualityMetrics.PR_K),
                QualityMetrics.precisionRecall(realA, realB, QualityMetrics.PR_K));
    }

    /** As JSON for evaluation.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generatedImages", generated);
        m.put("realImages", real);
        m.put("fd", fd);
        m.put("fdRealVsReal", fdBaseline);
        m.put("fdRealVsRealSplits", baselineSplits);
        m.put("fdRealVsRealRange", List.of(fdBaselineMin, fdBaselineMax));
        m.put("fdRatio", fdRatio());
        m.put("kidMean", kid.mean());
        m.put("kidStd", kid.std());
        m.put("kidRealVsRealMean", kidBaseline.mean());
        m.put("kidRealVsRealStd", kidBaseline.std());
        m.put("kidSubsets", kid.subsets() + " subsets of " + kid.subsetSize());
        m.put("precision", pr.precision());
        m.put("recall", pr.recall());
        m.put("precisionRealVsReal", prBaseline.precision());
        m.put("recallRealVsReal", prBaseline.recall());
        m.put("k", pr.k());
        return m;
    }
}
