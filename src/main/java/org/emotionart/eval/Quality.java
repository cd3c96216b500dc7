package org.emotionart.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image-quality figures of one comparison: generated paintings against real ones ({@code real A}),
 * and beside each the same figure between two disjoint halves of the real paintings ({@code real A}
 * against {@code real B}, as many as generated), so that a figure means something on any data set:
 * a generator whose paintings are as close to real A as real B is has an FD ratio of 1.
 */
public record Quality(int generated, int real, double fd, double fdBaseline, QualityMetrics.Kid kid,
                      QualityMetrics.Kid kidBaseline, QualityMetrics.PrecisionRecall pr,
                      QualityMetrics.PrecisionRecall prBaseline) {
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
     * (all rows: feature vectors; realA and realB disjoint, each as large as generated).
     */
    public static Quality compare(double[][] generated, double[][] realA, double[][] realB, long seed) {
        return new Quality(generated.length, realA.length,
                QualityMetrics.frechetDistance(generated, realA), QualityMetrics.frechetDistance(realB, realA),
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
