package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emotionart.train.GanRunConfig;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The generator's class-conditional batch norm ({@code --g-cbn}): each emotion's own scale and shift per channel. */
class GeneratorConditionalBatchNormTest {

    private static final GanSpec PLAIN = new GanSpec(32, 20, 4, 4, GanSpec.Upsampling.RESIZE);

    private record Painted(float[][] before, float[][] after, Map<String, long[]> variables) {
    }

    /**
     * One painting per emotion (negative, neutral, positive) from one noise vector, in inference mode;
     * with conditional batch norm, painted again after the positive row of every {@code G_cbn*} variable
     * was set to 0.3 (scale) and -0.2 (shift), the other rows left at their start (0).
     */
    private static Painted paint(GanSpec spec) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 3);
            Operand<TFloat32> one = tf.random.statelessRandomNormal(tf.constant(new long[] {1, spec.zDim()}),
                    tf.constant(new long[] {1, 2}));
            Operand<TFloat32> z = tf.concat(List.of(one, one, one), tf.constant(0));
            Operand<TFloat32> image = new Generator(spec).forward(layers, z,
                    Generator.oneHot(tf, tf.constant(new int[] {0, 1, 2})), Layers.Mode.INFERENCE);
            Map<String, long[]> shapes = new java.util.TreeMap<>();
            List<Op> assigns = new ArrayList<>();
            for (Map.Entry<String, Variable<TFloat32>> e : layers.trainableByName().entrySet()) {
                long[] shape = e.getValue().shape().asArray();
                shapes.put(e.getKey(), shape);
                if (e.getKey().startsWith("G_cbn")) {
                    float[] rows = new float[(int) (shape[0] * shape[1])];
                    for (int c = 0; c < shape[1]; c++) {
                        rows[(int) (2 * shape[1] + c)] = e.getKey().endsWith("_gamma") ? 0.3f : -0.2f;
                    }
                    assigns.add(tf.assign(e.getValue(), tf.reshape(tf.constant(rows), tf.constant(shape))));
                }
            }
            s.initialize();
            float[][] before = fetch(s, image);
            if (assigns.isEmpty()) {
                return new Painted(before, before, shapes);
            }
            Session.Runner r = s.runner();
            assigns.forEach(r::addTarget);
            r.run().close();
            return new Painted(before, fetch(s, image), shapes);
        }
    }

    private static float[][] fetch(Session s, Operand<TFloat32> image) {
        try (var result = s.runner().fetch(image).run(); TFloat32 t = (TFloat32) result.get(0)) {
            int n = (int) (t.shape().size() / 3);
            float[][] out = new float[3][n];
            for (int e = 0; e < 3; e++) {
                int i = 0;
                for (int y = 0; y < t.shape().get(1); y++) {
                    for (int x = 0; x < t.shape().get(2); x++) {
                        for (int c = 0; c < 3; c++) {
                            out[e][i++] = t.getFloat(e, y, x, c);
                        }
                    }
                }
            }
            return out;
        }
    }

    private static double meanAbsDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    @Test
    void aFreshGeneratorPaintsAsWithoutItAndHasOneScaleAndShiftPerEmotionAndChannelAtEveryBatchNorm() {
        Painted plain = paint(PLAIN);
        Painted cbn = paint(PLAIN.withConditionalBatchNorm(true));
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(plain.before()[e], cbn.before()[e], 1e-6f, "zero at the start: the same painting (to float rounding), emotion " + e);
        }
        // 32 px: batch norms after the 1 -> 4 layer (16 channels), 8 (8) and 16 (4); none after the last layer
        assertArrayEquals(new long[] {3, 16}, cbn.variables().get("G_cbn0_gamma"));
        assertArrayEquals(new long[] {3, 8}, cbn.variables().get("G_cbn1_beta"));
        assertArrayEquals(new long[] {3, 4}, cbn.variables().get("G_cbn2_gamma"));
        assertFalse(cbn.variables().containsKey("G_cbn3_gamma"));
        assertEquals(plain.variables().size() + 6, cbn.variables().size(), "a scale and a shift per batch norm, nothing else");
        assertTrue(plain.variables().keySet().stream().noneMatch(n -> n.startsWith("G_cbn")));
    }

    @Test
    void eachEmotionHasItsOwnModulation() {
        Painted cbn = paint(PLAIN.withConditionalBatchNorm(true));
        assertArrayEquals(cbn.before()[0], cbn.after()[0], 0f, "negative: its rows untouched, the same painting");
        assertArrayEquals(cbn.before()[1], cbn.after()[1], 0f, "neutral: the same painting");
        // a fresh generator paints near 0 (weights N(0, 0.02)), so the change is read against the painting's size
        double moved = meanAbsDifference(cbn.before()[2], cbn.after()[2]);
        double size = meanAbsDifference(cbn.before()[2], new float[cbn.before()[2].length]);
        assertTrue(moved > 0.2 * size, "positive's own rows change its painting: mean |difference| " + moved
                + " against a mean |pixel| of " + size);
    }

    @Test
    void runsFromBeforeTheChoiceReadWithoutItAndTheChoiceIsPartOfTheArchitecture() {
        GanSpec old = Json.read("""
                {"imageSize": 64, "zDim": 100, "gWidth": 16, "dWidth": 16, "upsampling": "RESIZE"}""", GanSpec.class);
        assertEquals(new GanSpec(64, 100, 16, 16, GanSpec.Upsampling.RESIZE, false), old);
        GanSpec cbn = Json.read(Json.write(old.withConditionalBatchNorm(true)), GanSpec.class);
        assertTrue(cbn.conditionalBatchNorm());
        assertEquals(GanSpec.Upsampling.RESIZE, cbn.upsampling());
        // resuming checks the architecture summary: a run with it does not resume as one without
        GanRunConfig a = config(old);
        GanRunConfig b = config(cbn);
        assertTrue(b.architectureSummary().endsWith(" conditional-bn"), b.architectureSummary());
        assertFalse(a.architectureSummary().contains("conditional-bn"), a.architectureSummary());
    }

    private static GanRunConfig config(GanSpec spec) {
        return new GanRunConfig(org.emotionart.train.Conditioning.PROJECTION, spec, "landscape", "d", "l", "t",
                new org.emotionart.train.GanSettings(64, 2e-4f, 0.5f, 0.999f, 0, false), 10, 5, 5, 2);
    }
}
