package org.emotionart.export;

import org.emotionart.bundle.SavedModels;
import org.emotionart.bundle.BundleMetadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionart.EmotionArtException;
import org.emotionart.Npy;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Generator;
import org.emotionart.model.Layers;
import org.emotionart.model.NamedWeights;
import org.emotionart.torch.TorchFixture;
import org.emotionart.torch.TorchStateDict;
import org.emotionart.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The imported hd8 seed generator against the PyTorch outputs in the fixture: the same z and
 * labels give the same images (max abs error ≤ 1e-4 on the float output; uint8 bundles within 1 level).
 */
class TorchImportTest {
    static final double TOLERANCE = 1e-4;
    static final int N = 8;
    static final int S = 64;

    @TempDir
    Path dir;

    static TorchImport.ImportedGenerator generator;
    static float[] z;
    static int[] labels;
    static Npy expectedEval;
    static Npy expectedBatchStats;

    @BeforeAll
    static void read() throws IOException {
        generator = TorchImport.fromStateDict(TorchStateDict.read(TorchFixture.generator()), TorchFixture.generator());
        Npy input = TorchFixture.npy("noise_and_labels.npy");
        assertArrayEquals(new int[] {N, 103}, input.shape());
        z = new float[N * 100];
        labels = new int[N];
        for (int n = 0; n < N; n++) {
            System.arraycopy(input.values(), n * 103, z, n * 100, 100);
            for (int c = 0; c < 3; c++) {
                if (input.values()[n * 103 + 100 + c] == 1f) {
                    labels[n] = c;
                }
            }
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 2, 0}, labels);
        expectedEval = TorchFixture.npy("expected_eval.npy");
        expectedBatchStats = TorchFixture.npy("expected_batchstats.npy");
        assertArrayEquals(new int[] {N, 3, S, S}, expectedEval.shape());
    }

    @Test
    void readsTheShapeFromTheFile() {
        assertEquals(new GanSpec(64, 100, 8, 8), generator.spec());
        assertEquals("64-32-16-8", generator.widths());
        assertEquals(25, generator.tensors());
        assertEquals(4, generator.numBatchesTracked().size());
        assertEquals(Shape.of(4, 4, 64, 103).size(), generator.variables().get("G_deconv0_w").values().length);
        assertArrayEquals(new long[] {4, 4, 64, 103}, generator.variables().get("G_deconv0_w").shape());
        assertArrayEquals(new long[] {4, 4, 3, 8}, generator.variables().get("G_deconv4_w").shape());
    }

    @Test
    void runningStatisticsMatchPyTorchEval() {
        double err = maxAbsError(forward(Layers.Mode.INFERENCE), expectedEval);
        System.out.println("import-torch hd8, running statistics: max abs error vs expected_eval = " + err);
        assertTrue(err <= TOLERANCE, "max abs error " + err);
    }

    @Test
    void batchStatisticsMatchPyTorchTrainMode() {
        double err = maxAbsError(forward(Layers.Mode.BATCH_STATS), expectedBatchStats);
        System.out.println("import-torch hd8, batch statistics: max abs error vs expected_batchstats = " + err);
        assertTrue(err <= TOLERANCE, "max abs error " + err);
        // the two modes differ visibly: the test above would notice a mode mix-up
        assertTrue(maxAbsError(forward(Layers.Mode.BATCH_STATS), expectedEval) > 0.01);
    }

    @Test
    void exportedBundlesGiveTheSameImages() throws IOException {
        for (boolean batchStats : new boolean[] {false, true}) {
            Path modelDir = dir.resolve("models/generator-seed" + (batchStats ? "-bs" : ""));
            TorchImport.Imported imported = TorchImport.importGenerator(TorchFixture.generator(), "seed", modelDir,
                    Optional.empty(), batchStats);
            assertEquals(modelDir.resolve("1"), imported.bundle());
            byte[] images = generateFromZ(imported.bundle());
            Npy expected = batchStats ? expectedBatchStats : expectedEval;
            int worst = 0;
            for (int n = 0; n < N; n++) {
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        for (int c = 0; c < 3; c++) {
                            float e = expected.values()[((n * 3 + c) * S + y) * S + x];
                            int want = (int) Math.round((e + 1) * 127.5);
                            int got = images[((n * S + y) * S + x) * 3 + c] & 0xff;
                            worst = Math.max(worst, Math.abs(want - got));
                        }
                    }
                }
            }
            System.out.println("import-torch hd8 bundle (batch stats " + batchStats + "): max uint8 difference " + worst);
            assertTrue(worst <= 1, "max uint8 difference " + worst);

            BundleMetadata meta = Json.read(imported.bundle().resolve(BundleMetadata.FILE), BundleMetadata.class);
            assertEquals(BundleMetadata.GENERATOR, meta.kind());
            assertEquals(modelDir.getFileName().toString(), meta.name());
            assertEquals("seed", meta.style());
            assertEquals(List.of("negative", "neutral", "positive"), meta.emotions());
            assertEquals(64, meta.imageSize());
            assertEquals(100, meta.zDim());
            assertEquals(8, meta.architecture().get("gWidth"));
            assertTrue(meta.trainedOn().contains("imported from generator.pth"), meta.trainedOn());
            assertTrue(meta.source().contains("import-torch from " + TorchFixture.generator()), meta.source());
            assertTrue(meta.source().contains("sha256 "), meta.source());
            String bn = (String) meta.architecture().get("batchNorm");
            assertEquals(batchStats, bn.contains("depends on the other images"), bn);
        }
    }

    @Test
    void refusesStateDictsThatAreNotTheGenerator() throws IOException {
        Path renamed = TorchFixture.altered(dir.resolve("renamed.pth"), e -> e.put(TorchFixture.PICKLE,
                TorchFixture.replace(e.get(TorchFixture.PICKLE), "gen.3.weight", "gen.3.weighx")));
        assertRefused(renamed, "not a state_dict of the original emotion-art generator: missing gen.3.weight; "
                + "unexpected gen.3.weighx (expected ConvTranspose2d gen.0.weight, gen.3.weight, ..., gen.12.weight");

        Path misshaped = TorchFixture.altered(dir.resolve("misshaped.pth"), e -> e.put(TorchFixture.PICKLE,
                TorchFixture.replace(e.get(TorchFixture.PICKLE), "gen.3.weight", new byte[] {'K', '@', 'K', ' '},
                        new byte[] {'K', '@', 'K', 31})));
        assertRefused(misshaped, "gen.3.weight has shape [64, 31, 4, 4], expected [64, 32, 4, 4] (ConvTranspose2d "
                + "64 -> 32, kernel 4, stored [in, out, kh, kw]");

        Path other = TorchFixture.altered(dir.resolve("other.pth"), e -> e.put(TorchFixture.PICKLE,
                TorchFixture.replace(e.get(TorchFixture.PICKLE), "gen.0.weight", "dis.0.weight")));
        assertRefused(other, "missing gen.0.weight; unexpected dis.0.weight");
    }

    private void assertRefused(Path file, String part) {
        Path modelDir = dir.resolve("models/generator-bad");
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> TorchImport.importGenerator(file,
                "bad", modelDir, Optional.empty(), false));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(Files.exists(modelDir), "nothing written");
    }

    /** The imported generator's float output (before quantisation), NHWC. */
    static float[] forward(Layers.Mode mode) {
        GanSpec spec = generator.spec();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Layers layers = new Layers(tf, 0);
            Placeholder<TFloat32> zIn = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.zDim())));
            Placeholder<TInt32> emotion = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> images = new Generator(spec).forward(layers, zIn, Generator.oneHot(tf, emotion), mode);
            try (Session session = new Session(g)) {
                session.initialize();
                NamedWeights.assign(layers, session, generator.variables());
                try (TFloat32 zt = TFloat32.tensorOf(Shape.of(N, spec.zDim()), DataBuffers.of(z));
                     TInt32 et = TInt32.vectorOf(labels);
                     Result r = session.runner().feed(zIn, zt).feed(emotion, et).fetch(images).run()) {
                    TFloat32 out = (TFloat32) r.get(0);
                    assertEquals(Shape.of(N, S, S, 3), out.shape());
                    float[] values = new float[N * S * S * 3];
                    out.copyTo(DataBuffers.of(values, false, false));
                    return values;
                }
            }
        }
    }

    static byte[] generateFromZ(Path bundle) {
        try (SavedModelBundle b = SavedModelBundle.load(bundle.toString(), SavedModels.TAG);
             TFloat32 zt = TFloat32.tensorOf(Shape.of(N, 100), DataBuffers.of(z));
             TInt32 et = TInt32.vectorOf(labels);
             Result r = b.function(GeneratorBundle.FROM_Z).call(Map.of("z", zt, "emotion", et))) {
            TUint8 t = (TUint8) r.get("images").orElseThrow();
            assertEquals(Shape.of(N, S, S, 3), t.shape());
            byte[] out = new byte[(int) t.size()];
            t.asRawTensor().data().read(out);
            return out;
        }
    }

    /** Max |ours - expected| with ours NHWC and expected NCHW. */
    static double maxAbsError(float[] nhwc, Npy nchw) {
        double max = 0;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        float e = nchw.values()[((n * 3 + c) * S + y) * S + x];
                        float o = nhwc[((n * S + y) * S + x) * 3 + c];
                        max = Math.max(max, Math.abs(e - o));
                    }
                }
            }
        }
        assertFalse(Double.isNaN(max));
        return max;
    }
}
