package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Three layers are computed in another form than the one they stand for, for speed, all as sums of matrix
 * products: the generators' doubling layers (nearest ×2 then a 3×3 "SAME" convolution, and the 4×4
 * stride-2 transposed convolution) in their polyphase form, and the discriminators' 4×4 stride-2
 * convolutions (space-to-depth, then one product per window position). Each must be the layer it stands
 * for, values and gradients, against TF's own ops; the count of TF convolution ops shows which form ran.
 */
class ConvolutionFormsTest {

    private static final int BATCH = 2;

    /** Ours and the reference, on the same input and the same filter variable; their outputs and gradients. */
    private record Pair(Operand<TFloat32> ours, Operand<TFloat32> reference, Variable<TFloat32> input,
                        Variable<TFloat32> filter) {
    }

    private interface Build {
        Pair build(Ops tf, Layers layers, Variable<TFloat32> x);
    }

    /** One layer of {@code cin} → {@code cout} channels on a {@code size}×{@code size} input, beside its reference. */
    private interface Layer {
        Pair build(Ops tf, Layers layers, Variable<TFloat32> x, int size, int cin, int cout);
    }

    /**
     * For each {size, cin, cout, convolution ops}: the layer equals its reference, and its forward graph has
     * that many TF convolution ops (Conv2D, Conv2DBackpropInput).
     */
    private static void assertSameLayerAt(int[][] shapes, Layer layer) {
        for (int[] shape : shapes) {
            int size = shape[0];
            int cin = shape[1];
            int cout = shape[2];
            assertSameLayer(relativeErrors(size, size, cin, shape[3], (tf, layers, x) -> layer.build(tf, layers, x, size, cin, cout)));
        }
    }

    /**
     * Max |ours - reference| over the outputs, the input gradient and the filter gradient, each over its max
     * |reference|; the forward graph (ours and the reference) must hold {@code conv2dOps} TF convolution ops, so a
     * test sees which form ran (-1: not checked).
     */
    private static double[] relativeErrors(int height, int width, int cin, int conv2dOps, Build build) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 11);
            Variable<TFloat32> x = tf.withInitScope().variable(tf.withInitScope().random.statelessRandomNormal(
                    tf.withInitScope().constant(new long[] {BATCH, height, width, cin}), tf.withInitScope().constant(new long[] {3, 4})));
            Pair p = build.build(tf, layers, x);
            if (conv2dOps >= 0) {
                int convs = 0;
                for (var it = g.operations(); it.hasNext(); ) {
                    String type = it.next().type();
                    convs += type.equals("Conv2D") || type.equals("Conv2DBackpropInput") ? 1 : 0;
                }
                assertEquals(conv2dOps, convs, "TF convolution ops in the forward graph, ours and the reference's");
            }
            assertArrayEquals(p.reference().shape().asArray(), p.ours().shape().asArray(),
                    "the same static shape in the graph (a bundle's signature reads its image size from it)");
            // a random linear read-out, so every output pixel and channel carries its own gradient
            Operand<TFloat32> probe = tf.stopGradient(
                    tf.random.statelessRandomNormal(tf.shape(p.reference()), tf.constant(new long[] {5, 6})));
            Operand<TFloat32> lossOurs = tf.reduceSum(tf.math.mul(p.ours(), probe), tf.constant(new int[] {0, 1, 2, 3}));
            Operand<TFloat32> lossRef = tf.reduceSum(tf.math.mul(p.reference(), probe), tf.constant(new int[] {0, 1, 2, 3}));
            var gOurs = tf.gradients(lossOurs, List.of(p.input(), p.filter()));
            var gRef = tf.gradients(lossRef, List.of(p.input(), p.filter()));
            s.initialize();
            try (Result r = s.runner().fetch(p.ours()).fetch(p.reference())
                    .fetch(gOurs.dy(0)).fetch(gRef.dy(0)).fetch(gOurs.dy(1)).fetch(gRef.dy(1)).run()) {
                double[] errors = new double[3];
                for (int k = 0; k < 3; k++) {
                    TFloat32 a = (TFloat32) r.get(2 * k);
                    TFloat32 b = (TFloat32) r.get(2 * k + 1);
                    assertArrayEquals(b.shape().asArray(), a.shape().asArray());
                    float[] av = new float[(int) a.size()];
                    float[] bv = new float[(int) b.size()];
                    a.asRawTensor().data().asFloats().read(av);
                    b.asRawTensor().data().asFloats().read(bv);
                    double diff = 0;
                    double scale = 0;
                    for (int i = 0; i < av.length; i++) {
                        diff = Math.max(diff, Math.abs(av[i] - bv[i]));
                        scale = Math.max(scale, Math.abs(bv[i]));
                    }
                    assertTrue(scale > 0, "the reference is not all zero");
                    errors[k] = diff / scale;
                }
                return errors;
            }
        }
    }

    private static void assertSameLayer(double[] errors) {
        String[] what = {"output", "input gradient", "filter gradient"};
        for (int k = 0; k < 3; k++) {
            assertTrue(errors[k] < 1e-5, what[k] + " differs from the reference by " + errors[k] + " of its size");
        }
    }

    @Test
    void upsampleConvIsNearestDoublingThenAThreeByThreeConvolution() {
        // matrix products (the polyphase form), so only the reference is a convolution, at any width
        assertSameLayerAt(new int[][] {{4, 5, 3, 1}, {8, 16, 8, 1}, {1, 7, 2, 1}, {4, 8, 32, 1}}, (tf, layers, x, size, cin, cout) -> {
            Operand<TFloat32> ours = layers.upsampleConv("L", x, cin, cout);
            Variable<TFloat32> w = layers.trainableByName().get("L_w");
            assertArrayEquals(new long[] {3, 3, cin, cout}, w.shape().asArray(), "the filter keeps its shape");
            Operand<TFloat32> doubled = tf.image.resizeNearestNeighbor(x, tf.constant(new int[] {2 * size, 2 * size}));
            Operand<TFloat32> reference = tf.nn.conv2d(doubled, w, List.of(1L, 1L, 1L, 1L), "SAME");
            return new Pair(ours, reference, x, w);
        });
    }

    @Test
    void strideTwoConvIsTensorFlowsConvolution() {
        // on even maps, at any width: matrix products, so only the reference is a Conv2D; on odd maps TF's conv, two
        assertSameLayerAt(new int[][] {{8, 5, 32, 1}, {16, 16, 64, 1}, {2, 7, 32, 1}, {8, 5, 3, 1}, {16, 16, 8, 1},
                {4, 3, 1, 1}, {7, 4, 8, 2}, {5, 3, 32, 2}},
                (tf, layers, x, size, cin, cout) -> {
                    Operand<TFloat32> ours = layers.conv("C", x, cin, cout, 4, 2, "SAME", false);
                    Variable<TFloat32> w = layers.trainableByName().get("C_w");
                    assertArrayEquals(new long[] {4, 4, cin, cout}, w.shape().asArray(), "the filter keeps its shape");
                    Operand<TFloat32> reference = tf.nn.conv2d(x, w, List.of(1L, 2L, 2L, 1L), "SAME");
                    return new Pair(ours, reference, x, w);
                });
    }

    @Test
    void deconvIsTensorFlowsTransposedConvolution() {
        // matrix products (the polyphase form), so only the reference is a convolution, at any width
        assertSameLayerAt(new int[][] {{4, 5, 3, 1}, {8, 16, 8, 1}, {1, 7, 2, 1}, {4, 8, 32, 1}, {2, 3, 1, 1}},
                (tf, layers, x, size, cin, cout) -> {
                    Operand<TFloat32> ours = layers.deconv("D", x, cin, cout, 4, 2, "SAME", 2 * size);
                    Variable<TFloat32> w = layers.trainableByName().get("D_w");
                    assertArrayEquals(new long[] {4, 4, cout, cin}, w.shape().asArray(), "the filter keeps its shape");
                    Operand<TFloat32> reference = tf.nn.conv2dBackpropInput(tf.constant(new int[] {BATCH, 2 * size, 2 * size, cout}),
                            w, x, List.of(1L, 2L, 2L, 1L), "SAME");
                    return new Pair(ours, reference, x, w);
                });
    }

    @Test
    void deconvFromOnePixelIsTensorFlowsTransposedConvolution() {
        // the generator's first layer, 1×1 → 4×4 "VALID": one matrix product
        assertSameLayerAt(new int[][] {{1, 103, 32, 1}, {1, 5, 3, 1}}, (tf, layers, x, size, cin, cout) -> {
            Operand<TFloat32> ours = layers.deconv("F", x, cin, cout, 4, 1, "VALID", 4);
            Variable<TFloat32> w = layers.trainableByName().get("F_w");
            Operand<TFloat32> reference = tf.nn.conv2dBackpropInput(tf.constant(new int[] {BATCH, 4, 4, cout}),
                    w, x, List.of(1L, 1L, 1L, 1L), "VALID");
            return new Pair(ours, reference, x, w);
        });
    }

    @Test
    void mapsOfUnequalSidesAndOfUnknownBatchTakeTheProductsToo() {
        // as the training graphs feed them: batch unknown until run time
        assertSameLayer(relativeErrors(4, 6, 5, 1, (tf, layers, x) -> {
            Operand<TFloat32> fed = tf.reshape(x, tf.constant(new long[] {-1, 4, 6, 5}));
            Operand<TFloat32> ours = layers.conv("C", fed, 5, 8, 4, 2, "SAME", false);
            Variable<TFloat32> w = layers.trainableByName().get("C_w");
            return new Pair(ours, tf.nn.conv2d(fed, w, List.of(1L, 2L, 2L, 1L), "SAME"), x, w);
        }));
        assertSameLayer(relativeErrors(3, 5, 4, 1, (tf, layers, x) -> {
            Operand<TFloat32> fed = tf.reshape(x, tf.constant(new long[] {-1, 3, 5, 4}));
            Operand<TFloat32> ours = layers.upsampleConv("L", fed, 4, 6);
            Variable<TFloat32> w = layers.trainableByName().get("L_w");
            Operand<TFloat32> doubled = tf.image.resizeNearestNeighbor(fed, tf.constant(new int[] {6, 10}));
            return new Pair(ours, tf.nn.conv2d(doubled, w, List.of(1L, 1L, 1L, 1L), "SAME"), x, w);
        }));
    }

    @Test
    void aTransposedConvolutionToAnotherSizeStaysTensorFlows() {
        // 4×4 → 7×7: not a doubling, so TF's kernel, ours and the reference's
        assertSameLayer(relativeErrors(4, 4, 3, 2, (tf, layers, x) -> {
            Operand<TFloat32> ours = layers.deconv("D", x, 3, 5, 4, 2, "SAME", 7);
            Variable<TFloat32> w = layers.trainableByName().get("D_w");
            return new Pair(ours, tf.nn.conv2dBackpropInput(tf.constant(new int[] {BATCH, 7, 7, 5}), w, x,
                    List.of(1L, 2L, 2L, 1L), "SAME"), x, w);
        }));
    }

    @Test
    void aMapOfAnotherDepthIsRefusedNotMisread() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 1);
            Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {2, 4, 4, 6}), TFloat32.class);
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> layers.upsampleConv("L", x, 3, 2));
            assertTrue(e.getMessage().contains("3 input channels got a map of 6"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> layers.conv("C", x, 3, 2, 4, 2, "SAME", false));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> layers.deconv("D", x, 3, 2, 4, 2, "SAME", 8));
        }
    }

    @Test
    void aWrongTapWouldBeSeen() {
        // the check itself: the reference shifted by one pixel is far from ours
        double[] errors = relativeErrors(8, 8, 4, -1, (tf, layers, x) -> {
            Operand<TFloat32> ours = layers.upsampleConv("L", x, 4, 2);
            Variable<TFloat32> w = layers.trainableByName().get("L_w");
            Operand<TFloat32> doubled = tf.image.resizeNearestNeighbor(x, tf.constant(new int[] {16, 16}));
            Operand<TFloat32> shifted = tf.pad(tf.slice(doubled, tf.constant(new int[] {0, 1, 0, 0}),
                    tf.constant(new int[] {-1, 15, -1, -1})), tf.constant(new int[][] {{0, 0}, {0, 1}, {0, 0}, {0, 0}}),
                    tf.constant(0f));
            return new Pair(ours, tf.nn.conv2d(shifted, w, List.of(1L, 1L, 1L, 1L), "SAME"), x, w);
        });
        assertTrue(errors[0] > 0.1, "a one-pixel shift is seen: " + errors[0]);
    }
}
