package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.emotionart.Emotion;
import org.emotionart.EmotionArtException;
import org.emotionart.TestData;
import org.emotionart.TinyModels;
import org.emotionart.data.ImageSet;
import org.emotionart.model.ClassifierSpec;
import org.emotionart.model.KerasWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

class ClassifierTrainerTest {
    static final ClassifierSpec TINY = new ClassifierSpec(ClassifierSpec.COMPACT, 16, 4, 8, 0.2f);

    static ClassifierRunConfig config(int epochs) {
        return new ClassifierRunConfig(TINY, "mem", "mem", "coloured squares", null, 8, 3e-3f, epochs, 50, 0.25f, 1, 5);
    }

    @Test
    void tinyClassifierLearnsWithFallingLossAndWritesItsReport(@TempDir Path dir) throws Exception {
        var outcome = new ClassifierTrainer(config(6), TestData.colouredSquares(16), dir, ConfigProto.getDefaultInstance(),
                TestData.QUIET, null).train(false);
        List<String> rows = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals(7, rows.size());
        double first = Double.parseDouble(rows.get(1).split(",")[1]);
        double last = Double.parseDouble(rows.get(6).split(",")[1]);
        assertTrue(last < first, "train loss falls: " + first + " -> " + last);
        assertTrue(outcome.validation().accuracy() >= 0.9, "colour-coded classes are easy: " + outcome.validation().toMarkdown());
        for (String f : List.of("learning-curve.png", "confusion-matrix.png", "report.md", "report.json", "split.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| negative |"));
    }

    @Test
    void frozenTinyVgg16WithKerasWeightsTrainsItsHeadOnCachedFeatures(@TempDir Path dir) throws Exception {
        ClassifierRunConfig config = new ClassifierRunConfig(TinyModels.TINY_VGG, "mem", "mem", "coloured squares",
                TinyModels.keras(TinyModels.W4).toString(), 8, 1e-2f, 5, 50, 0.25f, 2, 5);
        KerasWeights weights = KerasWeights.read(TinyModels.keras(TinyModels.W4));
        var outcome = new ClassifierTrainer(config, TestData.colouredSquares(32), dir, ConfigProto.getDefaultInstance(),
                TestData.QUIET, weights::assignTo).train(false);
        List<String> rows = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals(6, rows.size());
        double first = Double.parseDouble(rows.get(1).split(",")[1]);
        double last = Double.parseDouble(rows.get(5).split(",")[1]);
        assertTrue(last < first, "train loss falls: " + first + " -> " + last);
        assertTrue(outcome.bestValidationLoss() < Double.parseDouble(rows.get(1).split(",")[3]), rows.toString());
        // a few epochs of a head on 32 raw (unnormalised) features: well above chance, not yet perfect
        assertTrue(outcome.validation().accuracy() > 0.5, rows + outcome.validation().toMarkdown());
        try (var files = Files.list(dir.resolve("feature-cache"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(3, names.size(), names.toString()); // two training views and the validation images
            assertTrue(names.get(0).startsWith("train-view0-") && names.get(2).startsWith("validation-"), names.toString());
        }
        // a frozen backbone without weights is refused
        var e = assertThrows(EmotionArtException.class, () -> new ClassifierTrainer(config, TestData.colouredSquares(32),
                dir.resolve("other"), ConfigProto.getDefaultInstance(), TestData.QUIET, null));
        assertTrue(e.getMessage().contains("needs its weights"), e.getMessage());
    }

    @Test
    void featureCacheReadsBackWhatItComputed(@TempDir Path dir) throws Exception {
        ClassifierRunConfig config = new ClassifierRunConfig(TinyModels.TINY_VGG, "mem", "mem", "coloured squares",
                TinyModels.keras(TinyModels.W4).toString(), 8, 1e-2f, 2, 50, 0.25f, 2, 5);
        ImageSet data = TestData.colouredSquares(32);
        StratifiedSplit split = StratifiedSplit.of(data.emotions(), config.validationFraction(), config.seed());
        try (Graph graph = new Graph()) {
            ClassifierGraph net = new ClassifierGraph(graph, config.spec(), split.classWeights(data.emotions()),
                    config.learningRate(), config.seed());
            try (Session session = new Session(graph)) {
                session.initialize();
                KerasWeights.read(TinyModels.keras(TinyModels.W4)).assignTo(net.backboneLayers, session);
                FeatureCache computed = FeatureCache.load(session, net, config, data, split, dir);
                Map<String, FileTime> written = modified(dir.resolve("feature-cache"));
                assertEquals(3, written.size(), written.toString()); // two training views and the validation images
                FeatureCache read = FeatureCache.load(session, net, config, data, split, dir);
                assertEquals(written, modified(dir.resolve("feature-cache"))); // read, not computed again
                int[] train = java.util.stream.IntStream.range(0, split.train().length).toArray();
                for (int epoch = 1; epoch <= 3; epoch++) {
                    assertArrayEquals(floats(computed.trainBatch(train, epoch)), floats(read.trainBatch(train, epoch)));
                }
                int[] val = java.util.stream.IntStream.range(0, split.validation().length).toArray();
                assertArrayEquals(floats(computed.validationBatch(val)), floats(read.validationBatch(val)));
            }
        }
        // another number of views is another key, so other files
        ClassifierRunConfig threeViews = new ClassifierRunConfig(config.spec(), "mem", "mem", "coloured squares",
                config.weights(), 8, 1e-2f, 2, 50, 0.25f, 3, 5);
        assertNotEquals(FeatureCache.key(config, data, 2), FeatureCache.key(threeViews, data, 3));
        assertEquals(FeatureCache.key(config, data, 2), FeatureCache.key(config, data, 2));
    }

    private static float[] floats(Tensor t) {
        try (t) {
            return ClassifierTrainer.floats((TFloat32) t);
        }
    }

    private static Map<String, FileTime> modified(Path folder) throws Exception {
        Map<String, FileTime> out = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path p : files.toList()) {
                out.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    @Test
    void splitIsStratifiedAndRepeatable() {
        Emotion[] emotions = new Emotion[100];
        for (int i = 0; i < 100; i++) {
            emotions[i] = i < 60 ? Emotion.NEGATIVE : i < 90 ? Emotion.NEUTRAL : Emotion.POSITIVE;
        }
        StratifiedSplit a = StratifiedSplit.of(emotions, 0.2, 3);
        StratifiedSplit b = StratifiedSplit.of(emotions, 0.2, 3);
        assertEquals(java.util.Arrays.toString(a.validation()), java.util.Arrays.toString(b.validation()));
        assertEquals(80, a.train().length);
        long valNeg = java.util.Arrays.stream(a.validation()).filter(i -> i < 60).count();
        long valPos = java.util.Arrays.stream(a.validation()).filter(i -> i >= 90).count();
        assertEquals(12, valNeg);
        assertEquals(2, valPos);
        float[] w = a.classWeights(emotions);
        assertEquals(80f / (3 * 48), w[0], 1e-6);
        assertEquals(80f / (3 * 8), w[2], 1e-6);
    }

    @Test
    void resumesAndRefusesAnotherArchitecture(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        new ClassifierTrainer(config(2), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET, null).train(false);
        var more = new ClassifierTrainer(config(3), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET, null)
                .train(true);
        assertEquals(3, more.epochsRun());
        assertEquals(4, Files.readAllLines(dir.resolve("epochs.csv")).size());
        ClassifierRunConfig other = new ClassifierRunConfig(new ClassifierSpec(ClassifierSpec.COMPACT, 16, 8, 8, 0.2f),
                "mem", "mem", "x", null, 8, 3e-3f, 4, 5, 0.25f, 1, 5);
        var e = assertThrows(EmotionArtException.class,
                () -> new ClassifierTrainer(other, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET, null).train(true));
        assertTrue(e.getMessage().contains("another classifier"), e.getMessage());
    }
}
