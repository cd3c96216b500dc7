package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.emotionart.train.Conditioning;
import org.emotionart.train.GanRunConfig;
import org.emotionart.train.GanSettings;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The generator's full-resolution layer before the colours ({@code --g-rgb-conv}), as SNGAN's generator ends. */
class GeneratorRgbConvTest {

    private static final GanSpec PLAIN = new GanSpec(32, 20, 4, 4, GanSpec.Upsampling.RESIZE);

    private record Built(long[] imageShape, float min, float max, Map<String, long[]> variables) {
    }

    /** Three paintings in inference mode: their shape, their smallest and largest value, and the variables' shapes. */
    private static Built build(GanSpec spec) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 5);
            Operand<TFloat32> z = tf.random.statelessRandomNormal(tf.constant(new long[] {3, spec.zDim()}),
                    tf.constant(new long[] {3, 4}));
            Operand<TFloat32> image = new Generator(spec).forward(layers, z,
                    Generator.oneHot(tf, tf.constant(new int[] {0, 1, 2})), Layers.Mode.INFERENCE);
            Map<String, long[]> shapes = new TreeMap<>();
            layers.trainableByName().forEach((name, v) -> shapes.put(name, v.shape().asArray()));
            s.initialize();
            try (var result = s.runner().fetch(image).run(); TFloat32 t = (TFloat32) result.get(0)) {
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (long n = 0; n < t.shape().size(); n++) {
                    float v = t.getFloat(n / (32 * 32 * 3), n / (32 * 3) % 32, n / 3 % 32, n % 3);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                return new Built(t.shape().asArray(), min, max, shapes);
            }
        }
    }

    @Test
    void theLastDoublingKeepsHalfTheLastWidthAtFullResolutionAndAThreeByThreeConvolutionPaintsTheColours() {
        Built plain = build(PLAIN);
        Built rgb = build(PLAIN.withRgbConv(true));
        // 32 px, gWidth 4: 16 → 8 → 4 channels at 4, 8, 16 px; the last doubling (G_conv3) to 32 px
        assertArrayEquals(new long[] {3, 3, 4, 3}, plain.variables().get("G_conv3_w"), "without: the colours directly");
        assertArrayEquals(new long[] {3, 3, 4, 2}, rgb.variables().get("G_conv3_w"), "with: gWidth / 2 hidden channels");
        assertArrayEquals(new long[] {2}, rgb.variables().get("G_bn3_gamma"), "batch norm at full resolution");
        assertArrayEquals(new long[] {3, 3, 2, 3}, rgb.variables().get("G_rgb_w"));
        assertFalse(plain.variables().containsKey("G_rgb_w") || plain.variables().containsKey("G_bn3_gamma"));
        assertEquals(plain.variables().size() + 3, rgb.variables().size(), "a batch norm's scale and shift and the colours' filter");
        for (Built b : new Built[] {plain, rgb}) {
            assertArrayEquals(new long[] {3, 32, 32, 3}, b.imageShape());
            assertTrue(b.min() >= -1f && b.max() <= 1f && b.max() > b.min(), b.min() + " .. " + b.max());
        }
        // with the original's transposed convolutions, and with the emotion at every batch norm
        Built deconv = build(new GanSpec(32, 20, 4, 4).withRgbConv(true));
        assertArrayEquals(new long[] {4, 4, 2, 4}, deconv.variables().get("G_deconv3_w"), "[4, 4, out, in]");
        assertArrayEquals(new long[] {3, 3, 2, 3}, deconv.variables().get("G_rgb_w"));
        Built cbn = build(PLAIN.withRgbConv(true).withConditionalBatchNorm(true));
        assertArrayEquals(new long[] {3, 2}, cbn.variables().get("G_cbn3_gamma"), "the full-resolution batch norm too");
        assertEquals(3, PLAIN.rgbChannels());
        assertEquals(1, new GanSpec(32, 20, 1, 4, GanSpec.Upsampling.RESIZE).withRgbConv(true).rgbChannels(),
                "at least one hidden channel");
    }

    @Test
    void runsFromBeforeTheChoiceReadWithoutItAndTheChoiceIsPartOfTheArchitecture() {
        GanSpec old = Json.read("""
                {"imageSize": 64, "zDim": 100, "gWidth": 16, "dWidth": 16, "upsampling": "RESIZE",
                 "conditionalBatchNorm": false}""", GanSpec.class);
        assertEquals(new GanSpec(64, 100, 16, 16, GanSpec.Upsampling.RESIZE, false, false), old);
        GanSpec rgb = Json.read(Json.write(old.withRgbConv(true)), GanSpec.class);
        assertTrue(rgb.rgbConv());
        assertEquals(8, rgb.rgbChannels());
        assertEquals(old.withRgbConv(true), rgb.withUpsampling(GanSpec.Upsampling.RESIZE).withConditionalBatchNorm(false),
                "the other withers keep it");
        String with = config(rgb).architectureSummary();
        String without = config(old).architectureSummary();
        assertTrue(with.endsWith(" rgb-conv") && !without.contains("rgb-conv"), with + " / " + without);
    }

    private static GanRunConfig config(GanSpec spec) {
        return new GanRunConfig(Conditioning.PROJECTION, spec, "landscape", "d", "l", "t",
                new GanSettings(64, 2e-4f, 0.5f, 0.999f, 0, false), 10, 5, 5, 2);
    }
}
