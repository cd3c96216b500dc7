package org.emotionart.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ProGAN's minibatch standard deviation ({@code --d-minibatch-std}): the maps pass unchanged, and one more
 * channel holds, everywhere, the standard deviation over the batch averaged over positions and channels,
 * which is (near) 0 for a batch of one painting repeated; both discriminators read it.
 */
class MinibatchStdTest {
    static final int N = 3;
    static final int H = 2;
    static final int W = 2;
    static final int C = 4;

    @Test
    void appendsTheBatchsSpreadAsOneMoreChannelAndKeepsTheMaps() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[N * H * W * C];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        double spread = 0;
        for (int p = 0; p < H * W * C; p++) {
            double mean = 0;
            for (int n = 0; n < N; n++) {
                mean += x[n * H * W * C + p] / N;
            }
            double var = 0;
            for (int n = 0; n < N; n++) {
                var += Math.pow(x[n * H * W * C + p] - mean, 2) / N;
            }
            spread += Math.sqrt(var + 1e-8) / (H * W * C);
        }
        float[] out = run(x);
        assertEquals(N * H * W * (C + 1), out.length);
        for (int n = 0; n < N; n++) {
            for (int pos = 0; pos < H * W; pos++) {
                float[] got = java.util.Arrays.copyOfRange(out, (n * H * W + pos) * (C + 1), (n * H * W + pos) * (C + 1) + C);
                float[] want = java.util.Arrays.copyOfRange(x, (n * H * W + pos) * C, (n * H * W + pos) * C + C);
                assertArrayEquals(want, got, "the maps themselves, image " + n + " position " + pos);
                assertEquals(spread, out[(n * H * W + pos) * (C + 1) + C], 1e-5, "the spread, image " + n);
            }
        }
    }

    @Test
    void aBatchOfOnePaintingRepeatedHasNoSpread() {
        float[] x = new float[N * H * W * C];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % (H * W * C)) * 0.37f - 1f;
        }
        float[] out = run(x);
        for (int i = C; i < out.length; i += C + 1) {
            assertTrue(out[i] < 1e-3, "spread of identical paintings: " + out[i]);
        }
    }

    @Test
    void bothDiscriminatorsReadTheSpreadAndStillGiveOneLogitPerImage() {
        GanSpec spec = new GanSpec(16, 8, 4, 2).withMinibatchStd(true);
        for (DiscriminatorNetwork d : new DiscriminatorNetwork[] {new Discriminator(spec), new ProjectionDiscriminator(spec)}) {
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Layers layers = new Layers(tf, 1);
                Operand<TFloat32> images = tf.constant(Shape.of(N, 16, 16, 3), DataBuffers.of(new float[N * 16 * 16 * 3]));
                Operand<TFloat32> oneHot = tf.constant(Shape.of(N, 3), DataBuffers.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
                Operand<TFloat32> logits = d.forward(layers, images, oneHot);
                long lastIn = layers.allVariables().entrySet().stream()
                        .filter(e -> e.getKey().equals("D_conv2_w") || e.getKey().equals("D_linear_w"))
                        .mapToLong(e -> e.getValue().shape().size(e.getKey().equals("D_conv2_w") ? 2 : 0))
                        .findFirst().orElseThrow();
                assertEquals(spec.dLastChannels(4), lastIn, d.getClass().getSimpleName() + "'s last layer reads the maps and the spread");
                try (Session s = new Session(g)) {
                    s.initialize();
                    try (Result r = s.runner().fetch(logits).run()) {
                        assertEquals(Shape.of(N, 1), r.get(0).shape());
                    }
                }
            }
        }
    }

    @Test
    void runsFromBeforeTheChoiceReadWithoutItAndTheWithersKeepIt() {
        GanSpec old = org.emotionart.util.Json.read("""
                {"imageSize": 64, "zDim": 100, "gWidth": 16, "dWidth": 16, "upsampling": "RESIZE",
                 "conditionalBatchNorm": false, "rgbConv": false}""", GanSpec.class);
        assertEquals(new GanSpec(64, 100, 16, 16, GanSpec.Upsampling.RESIZE, false, false, false), old);
        assertEquals(128, old.dLastChannels(128));
        GanSpec with = org.emotionart.util.Json.read(org.emotionart.util.Json.write(old.withMinibatchStd(true)), GanSpec.class);
        assertTrue(with.minibatchStd());
        assertEquals(129, with.dLastChannels(128));
        assertEquals(with, with.withRgbConv(false).withConditionalBatchNorm(false).withUpsampling(GanSpec.Upsampling.RESIZE),
                "the other withers keep it");
    }

    private static float[] run(float[] x) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> y = new Layers(tf, 1).minibatchStd(tf.constant(Shape.of(N, H, W, C), DataBuffers.of(x)));
            try (Result r = s.runner().fetch(y).run()) {
                TFloat32 t = (TFloat32) r.get(0);
                float[] out = new float[(int) t.shape().size()];
                t.asRawTensor().data().asFloats().read(out);
                return out;
            }
        }
    }
}
