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
import org.emotionart.TestData;
import org.emotionart.EmotionArtException;
import org.emotionart.data.ImageSet;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Layers;
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
        return new GanRunConfig(GanRunConfig.ARCHITECTURE, TINY, "tiny", "mem", "mem", "test data",
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
        GanRunConfig c = new GanRunConfig(GanRunConfig.PROJECTION, TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, true), 3, 3, 3, 1);
        new GanTrainer(c, TestData.colouredSquares(16), dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        for (String line : Files.readAllLines(dir.resolve("loss.csv")).subList(1, 4)) {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        }
    }

    static GanRunConfig emaConfig(long steps, float ema) {
        return new GanRunConfig(GanRunConfig.ARCHITECTURE, TINY, "tiny", "mem", "mem", "test data",
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
        Path ema = org.emotionart.export.GanExport.export(dir, java.util.Optional.empty(), dir.resolve("m-ema"),
                java.util.Optional.empty());
        Path raw = org.emotionart.export.GanExport.export(dir, java.util.Optional.empty(), dir.resolve("m-raw"),
                java.util.Optional.empty(), org.emotionart.export.GanExport.Weights.raw);
        try (var a = org.emotionart.api.ArtGenerator.load(ema); var b = org.emotionart.api.ArtGenerator.load(raw)) {
            byte[] pa = org.emotionart.viz.Images.png(a.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            byte[] pb = org.emotionart.viz.Images.png(b.generate(org.emotionart.Emotion.POSITIVE, 1, 3).get(0));
            assertTrue(!java.util.Arrays.equals(pa, pb), "the average is not the raw generator");
            assertEquals("exponential moving average, decay 0.999",
                    a.metadata().architecture().get("generatorWeights"));
        }

        var other = assertThrows(EmotionArtException.class, () -> new GanTrainer(emaConfig(6, 0f), data, dir,
                ConfigProto.getDefaultInstance(), TestData.QUIET).train(true));
        assertEquals(dir + " was trained with --ema 0.999; this run asks for no --ema: resume with the same --ema, "
                + "or use another --out", other.getMessage());
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

        GanRunConfig wider = new GanRunConfig(GanRunConfig.ARCHITECTURE, new GanSpec(16, 8, 8, 4), "tiny", "mem",
                "mem", "test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7), 4, 2, 2, 3);
        var other = assertThrows(EmotionArtException.class,
                () -> new GanTrainer(wider, data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true));
        assertTrue(other.getMessage().contains("another architecture"), other.getMessage());
    }

    @Test
    void batchLargerThanTheDataIsAClearError() {
        GanRunConfig big = new GanRunConfig(GanRunConfig.ARCHITECTURE, TINY, "tiny", "mem", "mem", "test data",
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
        try (Graph g = new Graph()) {
            new GanGraph(g, TINY, settings);
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
