package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.emotionart.TestData;
import org.emotionart.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** {@code train-gan --lr-decay-from}: both learning rates fall linearly to 0 at the last step. */
class LearningRateDecayTest {
    static GanSettings decaying(long from, long to) {
        return new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0f, GanSettings.BCE, 0f, from, to);
    }

    static GanRunConfig config(long steps, GanSettings settings) {
        return new GanRunConfig(Conditioning.CONCAT, GanTrainerTest.TINY, "tiny", "mem", "mem", "test data",
                settings, steps, 2, 2, 3);
    }

    @Test
    void theScaleIsOneBeforeTheDecayThenFallsLinearlyToZero() {
        GanSettings s = decaying(100, 300);
        assertEquals(1.0, s.learningRateScale(0));
        assertEquals(1.0, s.learningRateScale(100));
        assertEquals(0.5, s.learningRateScale(200), 1e-12);
        assertEquals(1.0 / 200, s.learningRateScale(299), 1e-12);
        assertEquals(0.0, s.learningRateScale(300));
        assertEquals(1.0, GanSettings.defaults(0).learningRateScale(1_000_000), "no decay: always 1");
        assertThrows(IllegalArgumentException.class, () -> decaying(300, 300));
    }

    @Test
    void aStepMovesTheWeightsByTheScaledRateAndNotAtAllAtTheEnd() {
        // Adam's first update moves every weight by lr·m/(√v + ε) ≈ lr·sign(g): scale 0.5 moves half as far
        ImageSet data = TestData.colouredSquares(16);
        float[] constant = firstStepDelta(data, new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7), 0);
        float[] half = firstStepDelta(data, decaying(10, 30), 20);
        float[] none = firstStepDelta(data, decaying(10, 30), 30);
        double sumC = 0;
        double sumH = 0;
        for (int i = 0; i < constant.length; i++) {
            sumC += Math.abs(constant[i]);
            sumH += Math.abs(half[i]);
            assertEquals(0f, none[i], 0f, "rate 0 at the decay's end leaves weight " + i);
        }
        assertEquals(0.5, sumH / sumC, 0.02, "half the rate, half the move");
    }

    /** G's first deconvolution kernel after one step fed as step {@code step}, minus before it. */
    private static float[] firstStepDelta(ImageSet data, GanSettings settings, long step) {
        try (Graph g = new Graph()) {
            GanGraph net = new GanGraph(g, GanTrainerTest.TINY, settings);
            try (Session s = new Session(g)) {
                s.initialize();
                Variable<TFloat32> w = net.generatorLayers.trainableByName().get("G_deconv0_w");
                float[] before = read(s, w);
                GanTrainer.Batches batches = new GanTrainer.Batches(data, settings.batch(), settings.seed());
                // the same real batch and noise in every call; only the step (and so the rate) differs
                GanGraph.StepInputs in = GanTrainer.stepInputs(data, batches, settings, GanTrainerTest.TINY.zDim(), 0);
                net.run(s, new GanGraph.StepInputs(in.size(), in.real(), in.labels(), in.z(),
                        new long[] {settings.seed(), step}));
                float[] after = read(s, w);
                for (int i = 0; i < after.length; i++) {
                    after[i] -= before[i];
                }
                return after;
            }
        }
    }

    private static float[] read(Session s, Variable<TFloat32> v) {
        try (var r = s.runner().fetch(v).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] out = new float[(int) t.size()];
            t.asRawTensor().data().asFloats().read(out);
            return out;
        }
    }

    @Test
    void aConstantRunResumedWithADecayEqualsOneDecayingRunFromTheStart(@TempDir Path dir) throws Exception {
        ImageSet data = TestData.colouredSquares(16);
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        GanSettings decay = decaying(2, 6);
        new GanTrainer(config(6, decay), data, straight, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        new GanTrainer(GanTrainerTest.config(2), data, resumed, ConfigProto.getDefaultInstance(), TestData.QUIET)
                .train(false);
        new GanTrainer(config(6, decay), data, resumed, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);

        Map<String, float[]> a = GanTrainerTest.variables(straight.resolve("checkpoints/step-00000006/ckpt"), decay);
        Map<String, float[]> b = GanTrainerTest.variables(resumed.resolve("checkpoints/step-00000006/ckpt"), decay);
        assertEquals(a.keySet(), b.keySet(), "the same variable names as tensorflow-framework's Adam");
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), 1e-6f, name);
        }
        Map<String, float[]> constant = GanTrainerTest.variables(resumed.resolve("checkpoints/step-00000002/ckpt"));
        assertEquals(constant.keySet(), a.keySet());
    }
}
