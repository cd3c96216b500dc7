package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.emotionart.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** MSGAN's mode-seeking term of the generator's loss ({@code --mode-seeking}). */
class ModeSeekingTest {
    static final int PIXELS = 2 * 2 * 3;
    static final int Z = 5;

    private static double rms(float[] a, int i, int j, int dim) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
            double d = a[i * dim + k] - a[j * dim + k];
            s += d * d;
        }
        return Math.sqrt(s / dim + 1e-8);
    }

    /** The term and its gradient with respect to the fakes, for fakes [B, 2, 2, 3], noise [B, Z] and emotions. */
    private static float[][] term(float[] fake, float[] z, int[] labels, float lambda) {
        int b = labels.length;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> f = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> zz = tf.placeholder(TFloat32.class);
            Placeholder<TInt32> l = tf.placeholder(TInt32.class);
            Operand<TFloat32> loss = GanGraph.modeSeeking(tf, f, zz, l, PIXELS, Z, lambda);
            Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {f.asOutput()});
            try (TFloat32 ft = TFloat32.tensorOf(Shape.of(b, 2, 2, 3), DataBuffers.of(fake, true, false));
                 TFloat32 zt = TFloat32.tensorOf(Shape.of(b, Z), DataBuffers.of(z, true, false));
                 TInt32 lt = TInt32.vectorOf(labels);
                 Result r = s.runner().feed(f, ft).feed(zz, zt).feed(l, lt).fetch(loss).fetch(grad[0]).run()) {
                float[] gr = new float[fake.length];
                ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(gr);
                return new float[][] {{((TFloat32) r.get(0)).getFloat()}, gr};
            }
        }
    }

    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian() * 0.5f;
        }
        return a;
    }

    @Test
    void theTermIsLambdaOverTheMeanDistanceRatioOfPairsOfOneEmotion() {
        Random r = new Random(1);
        float[] fake = random(r, 4 * PIXELS);
        float[] z = random(r, 4 * Z);
        // only images 0 and 2 share an emotion: the ratio is theirs alone
        float value = term(fake, z, new int[] {1, 0, 1, 2}, 2f)[0][0];
        double ratio = rms(fake, 0, 2, PIXELS) / rms(z, 0, 2, Z);
        assertEquals(2 / (ratio + 1e-5), value, 1e-3 * value);
        // two pairs: the mean of both ratios
        value = term(fake, z, new int[] {0, 0, 1, 1}, 1f)[0][0];
        ratio = (rms(fake, 0, 1, PIXELS) / rms(z, 0, 1, Z) + rms(fake, 2, 3, PIXELS) / rms(z, 2, 3, Z)) / 2;
        assertEquals(1 / (ratio + 1e-5), value, 1e-3 * value);
        // no two images of one emotion: the term is the constant λ / (1 + 1e-5)
        float[][] none = term(java.util.Arrays.copyOf(fake, 3 * PIXELS), java.util.Arrays.copyOf(z, 3 * Z),
                new int[] {0, 1, 2}, 1f);
        assertEquals(1f, none[0][0], 1e-4f);
    }

    @Test
    void aStepDownItsGradientPushesPaintingsOfOneEmotionApart() {
        Random r = new Random(2);
        float[] fake = random(r, 6 * PIXELS);
        float[] z = random(r, 6 * Z);
        int[] labels = {0, 1, 0, 2, 1, 0};
        float[][] before = term(fake, z, labels, 1f);
        float[] moved = fake.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] -= 0.01f * before[1][i];
        }
        float after = term(moved, z, labels, 1f)[0][0];
        assertTrue(after < before[0][0], "the term fell from " + before[0][0] + " to " + after);
        // image 3 is the only one of its emotion: nothing pulls it anywhere
        for (int k = 3 * PIXELS; k < 4 * PIXELS; k++) {
            assertEquals(0f, before[1][k], 1e-7f, "gradient of the lone image");
        }
    }

    @Test
    void aRunWithTheTermTrainsWithFiniteLossesAndRecordsItsWeight(@TempDir Path dir) throws Exception {
        GanRunConfig c = new GanRunConfig(Conditioning.CONCAT, GanTrainerTest.TINY, "tiny", "mem", "mem", "test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 7, false, 0f, GanSettings.BCE, 0f, 0, 0, 1f), 2, 2, 2, 1);
        new GanTrainer(c, TestData.colouredSquares(16), dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        for (String line : Files.readAllLines(dir.resolve("loss.csv")).subList(1, 3)) {
            for (String v : line.split(",")) {
                assertTrue(Double.isFinite(Double.parseDouble(v)), line);
            }
        }
        GanRunConfig saved = org.emotionart.util.Json.read(Files.readString(dir.resolve("config.json")), GanRunConfig.class);
        assertEquals(1f, saved.settings().modeSeeking());
        assertTrue(org.emotionart.export.GanExport.retrainCommand(saved).contains(" --mode-seeking 1.0"));
        // config.json of a run before the option: none
        GanRunConfig old = org.emotionart.util.Json.read("{\"architecture\":\"conditional-dcgan/concat\",\"spec\":"
                + "{\"imageSize\":16,\"zDim\":8,\"gWidth\":4,\"dWidth\":4},\"settings\":{\"batch\":8,"
                + "\"learningRate\":2.0E-4,\"beta1\":0.5,\"beta2\":0.999,\"seed\":7}}", GanRunConfig.class);
        assertEquals(0f, old.settings().modeSeeking());
    }
}
