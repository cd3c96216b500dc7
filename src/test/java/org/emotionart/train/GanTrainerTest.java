package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.emotionart.api.ArtGenerator;
import org.emotionart.data.ImageSet;
import org.emotionart.export.GanExport;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Layers;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

class GanTrainerTest {
    static final GanSpec TINY = new GanSpec(16, 8, 4, 4);

    static GanRunConfig config(long steps) {
        return new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7), steps, 2, 2, 3);
    }

    @Test
    void tinyGanTrainsWithFiniteLossesAndWritesItsRunFolder(@TempDir Path dir) throws Exception {
        long reached = new GanTrainer(config(4), TestData.colouredSquares(16), dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        assertEquals(4, reached);
        List<String> lines = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(5, lines.size(), "header and one row per step");
        for (String line : lines.subList(1, lines.size())) {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        }
        for (String f : List.of("config.json", "loss.png", "samples.gif", "samples/step-00000000.png",
                "samples/step-00000004.png", "checkpoints/step-00000004/state.json")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void withDiffAugmentAndTheProjectionDiscriminatorTooLossesStayFinite(@TempDir Path dir) throws Exception {
        GanRunConfig c = new GanRunConfig(Conditioning.PROJECTION, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, true), 3, 3, 3, 1);
        new GanTrainer(c, TestData.colouredSquares(16), dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        for (String line : Files.readAllLines(dir.resolve("loss.csv")).subList(1, 4)) {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        }
    }

    /** DiffAugment reaches the training graph: with it the discriminator's first step sees other images. */
    @Test
    void diffAugmentChangesWhatTheDiscriminatorSeesAndNothingElseDoes(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        Map<String, double[]> first = new LinkedHashMap<>();
        for (String run : List.of("off", "off-again", "on")) {
            GanRunConfig c = new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "test data",
                    new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, run.equals("on")), 1, 2, 2, 3);
            new GanTrainer(c, data, dir.resolve(run), ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
            String row = Files.readAllLines(dir.resolve(run).resolve("loss.csv")).get(1);
            first.put(run, java.util.Arrays.stream(row.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        double same = 0, augmented = 0;
        for (int i = 1; i < first.get("off").length; i++) { // column 0: the step
            same = Math.max(same, Math.abs(first.get("off")[i] - first.get("off-again")[i]));
            augmented = Math.max(augmented, Math.abs(first.get("off")[i] - first.get("on")[i]));
        }
        assertTrue(same < 1e-4, "two runs without it agree: " + same);
        assertTrue(augmented > 1e-3, "with it the losses of the first step differ: " + augmented);
    }

    static GanRunConfig lossConfig(long steps, String loss, float dLr) {
        return new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 1e-4f, 0.5f, 0.999f, 7, false, 0f, loss, dLr), steps, 2, 2, 3);
    }

    @Test
    void theHingeLossStartsNearTwoAndTheDiscriminatorStepsAtItsOwnLearningRate(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        new GanTrainer(lossConfig(1, GanSettings.HINGE, 4e-4f), data, dir.resolve("a"), ConfigProto.getDefaultInstance(),
                TestData.QUIET).train(false);
        new GanTrainer(lossConfig(1, GanSettings.HINGE, 8e-4f), data, dir.resolve("b"), ConfigProto.getDefaultInstance(),
                TestData.QUIET).train(false);
        // relu(1 - D(x)) + relu(1 + D(G(z))) with logits near 0 at the start: about 2 (BCE's would be ln 2)
        float d = Float.parseFloat(Files.readAllLines(dir.resolve("a/loss.csv")).get(1).split(",")[1]);
        assertTrue(d > 1.5f && d < 2.5f, "first hinge D loss " + d);
        // Adam's first step moves each weight by a fixed multiple of its learning rate (m/sqrt(v) is the sign
        // of the gradient): from the same start, D lr 4e-4, 8e-4 and 1.2e-3 end equally spaced in every D weight
        new GanTrainer(lossConfig(1, GanSettings.HINGE, 12e-4f), data, dir.resolve("c"), ConfigProto.getDefaultInstance(),
                TestData.QUIET).train(false);
        GanSettings s = lossConfig(1, GanSettings.HINGE, 4e-4f).settings();
        float[] a = variables(dir.resolve("a/checkpoints/step-00000001/ckpt"), s).get("D_conv1_w");
        float[] b = variables(dir.resolve("b/checkpoints/step-00000001/ckpt"), s).get("D_conv1_w");
        float[] c = variables(dir.resolve("c/checkpoints/step-00000001/ckpt"), s).get("D_conv1_w");
        int moved = 0;
        for (int i = 0; i < a.length; i++) {
            float ab = b[i] - a[i];
            float bc = c[i] - b[i];
            assertEquals(ab, bc, 1e-6f, "D_conv1_w[" + i + "]");
            moved += Math.abs(ab) > 1e-4f ? 1 : 0;
        }
        assertTrue(moved > a.length / 2, moved + " of " + a.length + " D weights moved with the D learning rate");
        assertEquals(GanSettings.BCE, GanSettings.defaults(0).loss());
        assertEquals(2e-4f, GanSettings.defaults(0).discriminatorLearningRate());
        // config.json of a run before --loss and --d-lr: the original's
        GanRunConfig old = Json.read("{\"architecture\":\"conditional-dcgan/concat\",\"spec\":"
                + "{\"imageSize\":16,\"zDim\":8,\"gWidth\":4,\"dWidth\":4},\"settings\":{\"batch\":8,"
                + "\"learningRate\":2.0E-4,\"beta1\":0.5,\"beta2\":0.999,\"seed\":7}}", GanRunConfig.class);
        assertEquals(GanSettings.BCE, old.settings().loss());
        assertEquals(2e-4f, old.settings().discriminatorLearningRate());
    }

    static GanRunConfig emaConfig(long steps, float ema) {
        return new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, ema), steps, 2, 2, 3);
    }

    @Test
    void emaKeepsAMovingAverageOfTheGeneratorWeightsWhichExportGanExports(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        GanRunConfig one = emaConfig(1, 0.999f);
        new GanTrainer(one, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        Map<String, float[]> v = variables(dir.resolve("checkpoints/step-00000001/ckpt"), one.settings());
        // step 0: decay min(0.999, 1/10) = 0.1 from zeros, so the average is 0.9 of the weights after the step
        for (String name : List.of("G_deconv0_w", "G_bn0_gamma")) {
            float[] raw = v.get(name);
            float[] avg = v.get("EMA_" + name);
            assertEquals(raw.length, avg.length, name);
            for (int i = 0; i < raw.length; i++) {
                assertEquals(0.9f * raw[i], avg[i], 1e-6f, name + "[" + i + "]");
            }
        }
        assertTrue(v.keySet().stream().noneMatch(n -> n.startsWith("EMA_D") || n.startsWith("EMA_G_bn0_mean")),
                "only the generator's trainable variables are averaged: " + v.keySet());

        GanRunConfig more = emaConfig(4, 0.999f);
        new GanTrainer(more, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);
        Path ema = GanExport.export(dir, Optional.empty(), dir.resolve("m-ema"),
                Optional.empty());
        Path raw = GanExport.export(dir, Optional.empty(), dir.resolve("m-raw"),
                Optional.empty(), GanExport.Weights.raw);
        try (var a = ArtGenerator.load(ema); var b = ArtGenerator.load(raw)) {
            byte[] pa = org.emotionart.viz.Images.png(a.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            byte[] pb = org.emotionart.viz.Images.png(b.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            assertTrue(!java.util.Arrays.equals(pa, pb), "the average is not the raw generator");
            assertEquals("exponential moving average, decay 0.999",
                    a.metadata().architecture().get("generatorWeights"));
            assertEquals("raw (the run also kept a moving average, decay 0.999)",
                    b.metadata().architecture().get("generatorWeights"));
        }

        var other = assertThrows(EmotionArtException.class, () -> new GanTrainer(emaConfig(6, 0f), data, dir,
                ConfigProto.getDefaultInstance(), TestData.QUIET).train(true));
        assertEquals(dir + " was trained with --ema 0.999; this run asks for no --ema: resume with the same --ema, "
                + "or use another --out", other.getMessage());
    }

    @Test
    void conditionalBatchNormIsTrainedAveragedResumedAndExported(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        GanSpec cbn = TINY.withConditionalBatchNorm(true);
        GanRunConfig one = new GanRunConfig(Conditioning.CONCAT, cbn, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0.999f), 1, 2, 2, 3);
        new GanTrainer(one, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        Map<String, float[]> v = variables(dir.resolve("checkpoints/step-00000001/ckpt"), cbn, one.settings());
        for (String name : List.of("G_cbn0_gamma", "G_cbn0_beta", "G_cbn1_gamma", "G_cbn1_beta")) {
            float[] raw = v.get(name);
            float[] avg = v.get("EMA_" + name);
            assertEquals(3 * (name.startsWith("G_cbn0") ? 8 : 4), raw.length, name);
            float largest = 0;
            for (float x : raw) {
                largest = Math.max(largest, Math.abs(x));
            }
            assertTrue(largest > 0, name + " moved from 0 in one step");
            for (int i = 0; i < raw.length; i++) {
                assertEquals(0.9f * raw[i], avg[i], 1e-6f, "EMA_" + name + "[" + i + "]");
            }
        }
        GanRunConfig more = new GanRunConfig(Conditioning.CONCAT, cbn, "tiny", "mem", "mem", "test data",
                one.settings(), 3, 2, 2, 3);
        new GanTrainer(more, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);
        Path ema = GanExport.export(dir, Optional.empty(), dir.resolve("m-ema"), Optional.empty());
        Path raw = GanExport.export(dir, Optional.empty(), dir.resolve("m-raw"), Optional.empty(), GanExport.Weights.raw);
        try (var a = ArtGenerator.load(ema); var b = ArtGenerator.load(raw)) {
            assertEquals("one-hot input and class-conditional batch norm",
                    a.metadata().architecture().get("generatorConditioning"));
            byte[] pa = org.emotionart.viz.Images.png(a.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            byte[] pb = org.emotionart.viz.Images.png(b.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            assertTrue(!java.util.Arrays.equals(pa, pb), "the average is not the raw generator");
        }
    }

    @Test
    void aRunWithoutAnAverageStartsOneOnResumeFromItsWeightsWithoutChangingTheTraining(@TempDir Path dir)
            throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        Path plain = dir.resolve("plain");
        Path started = dir.resolve("started");
        new GanTrainer(emaConfig(3, 0f), data, plain, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        new GanTrainer(emaConfig(2, 0f), data, started, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        java.io.StringWriter said = new java.io.StringWriter();
        new GanTrainer(emaConfig(3, 0.999f), data, started, ConfigProto.getDefaultInstance(),
                new java.io.PrintWriter(said)).train(true);
        assertTrue(said.toString().contains("the moving average of the generator's weights (--ema 0.999) starts "
                + "here, from its weights"), said.toString());
        assertEquals(2, Json.read(started.resolve("config.json"), GanRunConfig.class)
                .settings().emaFrom());

        GanSettings averaged = emaConfig(3, 0.999f).settings();
        Map<String, float[]> at2 = variables(started.resolve("checkpoints/step-00000002/ckpt"));
        Map<String, float[]> at3 = variables(started.resolve("checkpoints/step-00000003/ckpt"), averaged);
        Map<String, float[]> never = variables(plain.resolve("checkpoints/step-00000003/ckpt"));
        // the average only watches: every other variable is what the run without it reached
        for (String name : never.keySet()) {
            assertArrayEquals(never.get(name), at3.get(name), 1e-6f, name);
        }
        // one update (step 2, decay min(0.999, 3/12) = 0.25) from step 2's weights, not from zeros
        for (String name : List.of("G_deconv0_w", "G_bn0_gamma")) {
            float[] avg = at3.get("EMA_" + name);
            for (int i = 0; i < avg.length; i++) {
                assertEquals(0.25f * at2.get(name)[i] + 0.75f * at3.get(name)[i], avg[i], 1e-6f, name + "[" + i + "]");
            }
        }

        // resumed again with the same decay, it keeps where the average started; its export says so
        new GanTrainer(emaConfig(4, 0.999f), data, started, ConfigProto.getDefaultInstance(), TestData.QUIET)
                .train(true);
        assertEquals(2, Json.read(started.resolve("config.json"), GanRunConfig.class)
                .settings().emaFrom());
        Path bundle = GanExport.export(started, Optional.empty(),
                dir.resolve("m"), Optional.empty());
        try (var g = ArtGenerator.load(bundle)) {
            assertEquals("exponential moving average, decay 0.999, from step 2",
                    g.metadata().architecture().get("generatorWeights"));
        }
        // a checkpoint from before the average started exports its raw weights, and says so
        Path before = GanExport.export(started, Optional.of(2L),
                dir.resolve("m2"), Optional.empty());
        try (var g = ArtGenerator.load(before)) {
            assertEquals("raw (the run's moving average started later, at step 2)",
                    g.metadata().architecture().get("generatorWeights"));
        }
    }

    @Test
    void aRunThatStartedAnAverageButSavedNothingSinceResumesEitherWay(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        new GanTrainer(emaConfig(2, 0f), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        // as a run stopped right after it started the average on --resume: config.json has it, no checkpoint does
        Json.writeFile(dir.resolve("config.json"),
                emaConfig(2, 0.999f).withSettings(emaConfig(2, 0.999f).settings().withEmaFrom(2)));
        new GanTrainer(emaConfig(3, 0f), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);
        assertEquals(0f, Json.read(dir.resolve("config.json"), GanRunConfig.class).settings().ema());

        Json.writeFile(dir.resolve("config.json"),
                emaConfig(3, 0.999f).withSettings(emaConfig(3, 0.999f).settings().withEmaFrom(3)));
        new GanTrainer(emaConfig(4, 0.999f), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);
        assertEquals(3, Json.read(dir.resolve("config.json"), GanRunConfig.class)
                .settings().emaFrom());
        assertTrue(variables(dir.resolve("checkpoints/step-00000004/ckpt"), emaConfig(4, 0.999f).settings())
                .containsKey("EMA_G_deconv0_w"));
    }

    @Test
    void resumingGivesTheSameWeightsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        new GanTrainer(config(6), data, straight, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        new GanTrainer(config(2), data, resumed, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        new GanTrainer(config(6), data, resumed, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);

        Map<String, float[]> a = variables(straight.resolve("checkpoints/step-00000006/ckpt"));
        Map<String, float[]> b = variables(resumed.resolve("checkpoints/step-00000006/ckpt"));
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().containsAll(List.of("G_deconv0_w", "G_bn0_mean", "D_conv0_w")), a.keySet().toString());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), 1e-6f, name);
        }
    }

    @Test
    void refusesToOverwriteARunOrToResumeAnotherArchitecture(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        new GanTrainer(config(2), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        var again = assertThrows(EmotionArtException.class,
                () -> new GanTrainer(config(4), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false));
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());

        GanRunConfig wider = new GanRunConfig(Conditioning.CONCAT, new GanSpec(16, 8, 8, 4), "tiny", "mem",
                "mem", "test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7), 4, 2, 2, 3);
        var other = assertThrows(EmotionArtException.class,
                () -> new GanTrainer(wider, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true));
        assertTrue(other.getMessage().contains("another architecture"), other.getMessage());
    }

    @Test
    void batchLargerThanTheDataIsAClearError() {
        GanRunConfig big = new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(64, 2e-4f, 0.5f, 0.999f, 7), 4, 2, 2, 3);
        var e = assertThrows(EmotionArtException.class,
                () -> new GanTrainer(big, TestData.colouredSquares(16), Path.of("unused"), ConfigProto.getDefaultInstance(), TestData.QUIET));
        assertTrue(e.getMessage().contains("larger than the data"), e.getMessage());
    }

    /** Every variable of a checkpoint, read back through a freshly built training graph. */
    static Map<String, float[]> variables(Path prefix) {
        return variables(prefix, config(1).settings());
    }

    static Map<String, float[]> variables(Path prefix, GanSettings settings) {
        return variables(prefix, TINY, settings);
    }

    static Map<String, float[]> variables(Path prefix, GanSpec spec, GanSettings settings) {
        try (Graph g = new Graph()) {
            new GanGraph(g, spec, settings);
            Map<String, float[]> out = new LinkedHashMap<>();
            try (Session s = new Session(g)) {
                s.restore(prefix.toString());
                List<String> names = new ArrayList<>();
                g.operations().forEachRemaining(op -> {
                    if (op.type().equals("VariableV2")) {
                        names.add(op.name());
                    }
                });
                for (String name : names) {
                    try (Result r = s.runner().fetch(name).run()) {
                        if (r.get(0) instanceof TFloat32 t) {
                            float[] v = new float[(int) t.size()];
                            t.asRawTensor().data().asFloats().read(v);
                            out.put(name, v);
                        }
                    }
                }
            }
            return out;
        }
    }
}
