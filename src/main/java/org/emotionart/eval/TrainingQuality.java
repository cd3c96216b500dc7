package org.emotionart.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.emotionart.Emotion;
import org.emotionart.api.EmotionClassifier;
import org.emotionart.api.Prediction;
import org.emotionart.data.ImageSet;
import org.emotionart.train.QualityProbe;

/**
 * What {@code train-gan --eval-every} measures: the style-level Fréchet distance, precision and
 * recall of {@code perEmotion} paintings per emotion (fixed seeds) against as many held-out real
 * paintings per emotion (real A) on the classifier's features, the FD between real A and as many
 * other real paintings (real B) as the baseline (the median over {@link Quality#BASELINE_SPLITS}
 * splits of A and B, as {@code evaluate}), and emotion adherence. Real A and B are drawn once,
 * so every measurement of a run compares with the same paintings.
 */
public final class TrainingQuality implements QualityProbe {
    private final EmotionClassifier classifier;
    private final ClassifierFeatures features;
    private final int perEmotion;
    private final long firstSeed;
    private final double[][] realA;
    private final double fdBaseline;

    /** {@code real}: held-out paintings of the style at the generator's size, at least 2 × perEmotion of each emotion. */
    public TrainingQuality(EmotionClassifier classifier, ImageSet real, int perEmotion, long firstSeed) {
        String lacking = GeneratorEvaluation.tooFewReal(real, "the style", perEmotion);
        if (lacking != null) {
            throw new IllegalArgumentException(lacking.replace("--features none", "a smaller --eval-per-emotion")
                    .replace("--per-emotion", "--eval-per-emotion"));
        }
        this.classifier = classifier;
        this.features = new ClassifierFeatures(classifier);
        this.perEmotion = perEmotion;
        this.firstSeed = firstSeed;
        Random rnd = new Random(firstSeed);
        int bpi = real.bytesPerImage();
        byte[] a = new byte[Emotion.COUNT * perEmotion * bpi];
        byte[] b = new byte[a.length];
        for (Emotion e : Emotion.values()) {
            byte[][] halves = GeneratorEvaluation.sample(real, e, perEmotion, 2, rnd);
            System.arraycopy(halves[0], 0, a, e.index() * perEmotion * bpi, perEmotion * bpi);
            System.arraycopy(halves[1], 0, b, e.index() * perEmotion * bpi, perEmotion * bpi);
        }
        this.realA = features.features(a, Emotion.COUNT * perEmotion, real.size());
        int[] strata = new int[Emotion.COUNT * perEmotion];
        for (int i = 0; i < strata.length; i++) {
            strata[i] = i / perEmotion;
        }
        this.fdBaseline = QualityMetrics.median(QualityMetrics.realVsRealFds(realA,
                features.features(b, Emotion.COUNT * perEmotion, real.size()), strata, strata,
                Quality.BASELINE_SPLITS, firstSeed));
    }

    @Override
    public int perEmotion() {
        return perEmotion;
    }

    @Override
    public long firstSeed() {
        return firstSeed;
    }

    @Override
    public Figures measure(byte[][] pixels, int size) {
        List<double[]> generated = new ArrayList<>();
        int asked = 0;
        for (Emotion e : Emotion.values()) {
            Collections.addAll(generated, features.features(pixels[e.index()], perEmotion, size));
            for (int from = 0; from < perEmotion; from += EmotionClassifier.MAX_BATCH) {
                int n = Math.min(EmotionClassifier.MAX_BATCH, perEmotion - from);
                List<Prediction> p = classifier.classifyPixels(
                        ClassifierFeatures.atClassifierSize(classifier, pixels[e.index()], from, n, size), n);
                asked += (int) p.stream().filter(x -> x.emotion() == e).count();
            }
        }
        double[][] g = generated.toArray(double[][]::new);
        QualityMetrics.PrecisionRecall pr = QualityMetrics.precisionRecall(realA, g, QualityMetrics.PR_K);
        return new Figures(QualityMetrics.frechetDistance(g, realA), fdBaseline, pr.precision(), pr.recall(),
                (double) asked / (Emotion.COUNT * perEmotion));
    }
}
