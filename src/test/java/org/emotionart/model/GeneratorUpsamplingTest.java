package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.emotionart.train.GanRunConfig;
import org.emotionart.util.Json;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The generator's two ways of doubling its maps: the original's transposed convolutions, and resize + conv. */
class GeneratorUpsamplingTest {

    private record Painted(float[][][] image, Map<String, long[]> variables) {
    }

    /** One 64-px painting of a fresh generator (seeded weights, inference-mode batch norm). */
    private static Painted paint(GanSpec spec) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 3);
            Operand<TFloat32> z = tf.random.statelessRandomNormal(tf.constant(new long[] {1, spec.zDim()}),
                    tf.constant(new long[] {1, 2}));
            Operand<TFloat32> image = new Generator(spec).forward(layers, z,
                    Generator.oneHot(tf, tf.constant(new int[] {1})), Layers.Mode.INFERENCE);
            s.initialize();
            Map<String, long[]> shapes = new TreeMap<>();
            layers.trainableByName().forEach((name, v) -> shapes.put(name, v.shape().asArray()));
            try (Result res = s.runner().fetch(image).run(); TFloat32 t = (TFloat32) res.get(0)) {
                int size = spec.imageSize();
                float[][][] px = new float[size][size][3];
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        for (int c = 0; c < 3; c++) {
                            px[y][x][c] = t.getFloat(0, y, x, c);
                        }
                    }
                }
                return new Painted(px, shapes);
            }
        }
    }

    /**
     * How much of the image is a period-2 checkerboard: the mean |(a - b - c + d)| / 4 over 2×2 blocks
     * (the pattern's amplitude), over the mean |difference| of neighbouring pixels (all fine detail).
     */
    private static double checkerboardShare(float[][][] px) {
        double board = 0;
        double detail = 0;
        int n = px.length;
        for (int y = 0; y + 1 < n; y += 2) {
            for (int x = 0; x + 1 < n; x += 2) {
                for (int c = 0; c < 3; c++) {
                    board += Math.abs(px[y][x][c] - px[y][x + 1][c] - px[y + 1][x][c] + px[y + 1][x + 1][c]) / 4;
                    detail += (Math.abs(px[y][x][c] - px[y][x + 1][c]) + Math.abs(px[y][x][c] - px[y + 1][x][c])) / 2;
                }
            }
        }
        return board / detail;
    }

    @Test
    void resizeUpsamplingHasThreeByThreeConvolutionsInPlaceOfTheStrideTwoTransposedOnes() {
        GanSpec deconv = new GanSpec(64, 100, 8, 8);
        GanSpec resize = deconv.withUpsampling(GanSpec.Upsampling.RESIZE);
        Map<String, long[]> original = paint(deconv).variables();
        Map<String, long[]> resized = paint(resize).variables();
        assertArrayEquals(new long[] {4, 4, 64, 103}, original.get("G_deconv0_w"));
        assertArrayEquals(new long[] {4, 4, 32, 64}, original.get("G_deconv1_w"), "[k, k, out, in]");
        assertArrayEquals(new long[] {4, 4, 64, 103}, resized.get("G_deconv0_w"), "1 -> 4 stays as it is");
        for (int i = 1; i <= 4; i++) {
            assertTrue(!resized.containsKey("G_deconv" + i + "_w"));
        }
        assertArrayEquals(new long[] {3, 3, 64, 32}, resized.get("G_conv1_w"), "[k, k, in, out]");
        assertArrayEquals(new long[] {3, 3, 8, 3}, resized.get("G_conv4_w"));
        assertEquals(original.size(), resized.size(), "one weight per layer either way, the same batch norms");
    }

    @Test
    void transposedConvolutionsPaintACheckerboardAndResizeDoesNot() {
        double deconv = checkerboardShare(paint(new GanSpec(64, 100, 8, 8)).image());
        double resize = checkerboardShare(paint(new GanSpec(64, 100, 8, 8, GanSpec.Upsampling.RESIZE)).image());
        assertTrue(deconv > 2 * resize, "checkerboard share deconv " + deconv + " vs resize " + resize);
    }

    @Test
    void runsFromBeforeTheChoiceReadAsTransposedConvolutionsAndResumeAsBefore() {
        String old = """
                {"imageSize": 64, "zDim": 100, "gWidth": 16, "dWidth": 16}""";
        GanSpec spec = Json.read(old, GanSpec.class);
        assertEquals(GanSpec.Upsampling.DECONV, spec.upsampling());
        assertEquals(new GanSpec(64, 100, 16, 16), spec);
        GanSpec resize = Json.read(Json.write(spec.withUpsampling(GanSpec.Upsampling.RESIZE)), GanSpec.class);
        assertEquals(GanSpec.Upsampling.RESIZE, resize.upsampling());
    }

    @Test
    void theCommandLineWordsAreDeconvAndResize() {
        assertEquals(GanSpec.Upsampling.RESIZE, GanSpec.Upsampling.of("resize"));
        assertEquals("deconv", GanSpec.Upsampling.DECONV.word());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanSpec.Upsampling.of("bilinear"));
        assertTrue(e.getMessage().startsWith("unknown --g-upsample 'bilinear': allowed deconv"), e.getMessage());
    }
}
