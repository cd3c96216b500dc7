package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emotionart.TestData;
import org.emotionart.data.ImageSet;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Generator;
import org.emotionart.model.Layers;
import org.emotionart.model.ProjectionDiscriminator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** {@code train-gan --r1}: R1's gradient penalty on the discriminator's slope at real paintings. */
class R1PenaltyTest {
    static final GanSpec TINY = GanTrainerTest.TINY;

    @Test
    void theTermIsTheSquaredSlopeOfDAtEachImageAveragedOverTheBatch() {
        int batch = 3;
        int n = TINY.imageSize() * TINY.imageSize() * 3;
        Random r = new Random(5);
        float[] x = new float[batch * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 0.5f;
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class);
            Operand<TFloat32> logits = new ProjectionDiscriminator(TINY).forward(new Layers(tf, 3), images,
                    Generator.oneHot(tf, tf.constant(new int[] {0, 1, 2})));
            Operand<TFloat32> norm = GanGraph.realGradientNorm(tf, logits, images);
            var grad = g.addGradients(tf.reduceSum(logits, tf.constant(new int[] {0, 1})).asOutput(),
                    new org.tensorflow.Output<?>[] {images.asOutput()});
            s.initialize();
            float value = fetch(s, images, x, batch, norm)[0];
            float[] gradient = fetch(s, images, x, batch, grad[0]);
            // the slope of D along each image's own gradient, by central differences, is |∇ₓD(x)|
            double eps = 1e-3;
            double sum = 0;
            float[] plus = x.clone();
            float[] minus = x.clone();
            for (int b = 0; b < batch; b++) {
                double length = 0;
                for (int i = b * n; i < (b + 1) * n; i++) {
                    length += gradient[i] * gradient[i];
                }
                length = Math.sqrt(length);
                for (int i = b * n; i < (b + 1) * n; i++) {
                    plus[i] = (float) (x[i] + eps * gradient[i] / length);
                    minus[i] = (float) (x[i] - eps * gradient[i] / length);
                }
            }
            float[] up = fetch(s, images, plus, batch, logits);
            float[] down = fetch(s, images, minus, batch, logits);
            for (int b = 0; b < batch; b++) {
                double slope = (up[b] - down[b]) / (2 * eps);
                sum += slope * slope;
            }
            assertTrue(value > 0, "a random discriminator has a slope");
            assertEquals(sum / batch, value, 0.02 * value, "mean over the batch of |grad D(x)|^2");
        }
    }

    private static float[] fetch(Session s, Placeholder<TFloat32> images, float[] x, int batch, Operand<?> what) {
        int size = TINY.imageSize();
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(batch, size, size, 3), DataBuffers.of(x, true, false));
             Result r = s.runner().feed(images, t).fetch(what).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            float[] a = new float[(int) out.size()];
            out.asRawTensor().data().asFloats().read(a);
            return a;
        }
    }

    @Test
    void withThePenaltyTheDiscriminatorLearnsAGentlerSlopeAtTheRealPaintings() {
        ImageSet data = TestData.colouredSquares(16);
        float without = slopeAfterTraining(data, 0f);
        float with = slopeAfterTraining(data, 10f);
        // the same initial weights, data and noise: only D's loss differs
        assertTrue(with < 0.5f * without, "|grad D(x)|^2 with R1 " + with + ", without " + without);
    }

    /** Mean |∇ₓD(x)|² on one real batch after 30 steps on it. */
    private static float slopeAfterTraining(ImageSet data, float r1) {
        GanSettings settings = new GanSettings(8, 2e-3f, 0.5f, 0.999f, 7, false, 0f, GanSettings.BCE, 0f, 0, 0, 0f,
                0, r1);
        try (Graph g = new Graph()) {
            GanGraph net = new GanGraph(g, TINY, settings, Conditioning.PROJECTION);
            try (Session s = new Session(g)) {
                s.initialize();
                GanTrainer.Batches batches = new GanTrainer.Batches(data, settings.batch(), settings.seed());
                GanGraph.StepInputs in = GanTrainer.stepInputs(data, batches, settings, TINY.zDim(), 0);
                float[] last = null;
                for (long step = 0; step < 30; step++) {
                    last = net.run(s, new GanGraph.StepInputs(in.size(), in.real(), in.labels(), in.z(),
                            new long[] {settings.seed(), step}));
                }
                assertEquals(r1 > 0 ? 5 : 4, last.length, "the slope is reported with --r1");
                GanGraph.StepInputs probe = in;
                try (var real = org.tensorflow.types.TUint8.tensorOf(Shape.of(settings.batch(), in.size(), in.size(), 3),
                        DataBuffers.of(probe.real(), true, false));
                     var labels = org.tensorflow.types.TInt32.vectorOf(probe.labels());
                     var seed = org.tensorflow.types.TInt64.vectorOf(new long[] {settings.seed(), 0});
                     Result r = s.runner().feed(net.real, real).feed(net.labels, labels).feed(net.augmentSeed, seed)
                             .fetch(net.realGradientNorm).run()) {
                    return ((TFloat32) r.get(0)).getFloat();
                }
            }
        }
    }

    @Test
    void theOriginalDiscriminatorIsRefusedItsBatchNormHasNoSecondOrderGradient() {
        GanSettings settings = new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0f, GanSettings.BCE, 0f, 0, 0, 0f,
                0, 1f);
        try (Graph g = new Graph()) {
            assertThrows(IllegalArgumentException.class, () -> new GanGraph(g, TINY, settings, Conditioning.CONCAT));
        }
        assertThrows(IllegalArgumentException.class, () -> new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0f,
                GanSettings.BCE, 0f, 0, 0, 0f, 0, -1f));
    }

    @Test
    void runsFromBeforeThePenaltyResumeWithoutIt() throws Exception {
        GanRunConfig old = org.emotionart.util.Json.read("{\"architecture\":\"conditional-dcgan/projection\",\"spec\":"
                + "{\"imageSize\":16,\"zDim\":8,\"gWidth\":4,\"dWidth\":4},\"settings\":{\"batch\":8,"
                + "\"learningRate\":2.0E-4,\"beta1\":0.5,\"beta2\":0.999,\"seed\":7,\"modeSeeking\":0.1}}",
                GanRunConfig.class);
        assertEquals(0f, old.settings().r1());
        assertEquals(0.1f, old.settings().modeSeeking());
        assertTrue(!org.emotionart.export.GanExport.retrainCommand(old).contains("--r1"));
        GanRunConfig with = old.withSettings(new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0f, GanSettings.BCE, 0f,
                0, 0, 0.1f, 0, 0.5f));
        assertTrue(org.emotionart.export.GanExport.retrainCommand(with).contains(" --r1 0.5 "));
    }
}
