package org.emotionart.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.emotionart.Emotion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's promise: colour statistics alone do not tell the emotion (no single global statistic
 * beats 0.80 with two thresholds, pooled or per style), while shapes do (local edge features reach
 * well above that with a nearest-centroid rule on held-out images).
 */
class BenchmarkCuesTest {
    static final int PER_CLASS = 150;
    static final int SIZE = 64;
    static final long SEED = 11;

    static final List<GlobalStatisticBaseline.Measured> STATS = new ArrayList<>();
    static final List<double[]> FEATURES = new ArrayList<>();

    @BeforeAll
    static void render() {
        Style[] styles = Style.values();
        int perStyle = Emotion.COUNT * PER_CLASS;
        int total = styles.length * perStyle;
        GlobalStatisticBaseline.Measured[] stats = new GlobalStatisticBaseline.Measured[total];
        double[][] features = new double[total][];
        IntStream.range(0, total).parallel().forEach(job -> {
            Style style = styles[job / perStyle];
            Emotion emotion = Emotion.of(job % perStyle / PER_CLASS);
            BufferedImage img = PaintingRenderer.render(SEED, style, emotion, job % PER_CLASS + 1, SIZE);
            stats[job] = new GlobalStatisticBaseline.Measured(style.label(), emotion,
                    GlobalStatisticBaseline.measure(img));
            features[job] = ShapeFeatures.of(img);
        });
        STATS.addAll(List.of(stats));
        FEATURES.addAll(List.of(features));
    }

    @Test
    void noSingleGlobalStatisticTellsTheEmotion() {
        GlobalStatisticBaseline.Table t = GlobalStatisticBaseline.analyse(STATS);
        for (String group : t.groups()) {
            for (GlobalStatisticBaseline.Statistic s : GlobalStatisticBaseline.Statistic.values()) {
                double acc = t.accuracy(s, group);
                assertTrue(acc <= 0.80, s.label() + " reaches " + acc + " on " + group + "\n" + t.format());
            }
        }
        // the palette still leans with the emotion: the best statistic is clearly above chance
        assertTrue(t.best(GlobalStatisticBaseline.Table.ALL) > 0.45, t.format());
    }

    @Test
    void localShapeFeaturesTellTheEmotion() {
        // per style, and pooled over all styles; train on odd indices, test on even ones
        List<String> groups = new ArrayList<>();
        groups.add(null);
        for (Style s : Style.values()) {
            groups.add(s.label());
        }
        StringBuilder report = new StringBuilder();
        double worst = 1;
        for (String group : groups) {
            List<double[]> trainX = new ArrayList<>();
            List<double[]> testX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            List<Integer> testY = new ArrayList<>();
            for (int i = 0; i < STATS.size(); i++) {
                GlobalStatisticBaseline.Measured m = STATS.get(i);
                if (group != null && !group.equals(m.style())) {
                    continue;
                }
                boolean train = i % 2 == 1;
                (train ? trainX : testX).add(FEATURES.get(i));
                (train ? trainY : testY).add(m.emotion().index());
            }
            double acc = Classifiers.nearestCentroid(trainX, trainY.stream().mapToInt(x -> x).toArray(), testX,
                    testY.stream().mapToInt(x -> x).toArray(), Emotion.COUNT);
            report.append(group == null ? "all" : group).append(": ").append(acc).append('\n');
            worst = Math.min(worst, acc);
        }
        assertTrue(worst >= 0.85, "nearest centroid on shape features:\n" + report);
    }
}
