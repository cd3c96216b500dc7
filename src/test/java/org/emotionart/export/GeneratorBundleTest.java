package org.emotionart.export;

import org.emotionart.bundle.BundleMetadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionart.TestData;
import org.emotionart.api.ArtGenerator;
import org.emotionart.model.SeededNoise;
import org.emotionart.train.Conditioning;
import org.emotionart.train.GanRunConfig;
import org.emotionart.train.GanSettings;
import org.emotionart.train.GanTrainer;
import org.emotionart.model.GanSpec;
import org.emotionart.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

class GeneratorBundleTest {
    static final GanSpec TINY = new GanSpec(16, 8, 4, 4);
    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void trainAndExport() throws Exception {
        GanRunConfig config = new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem",
                "tiny test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, 3), 3, 3, 3, 2);
        new GanTrainer(config, TestData.colouredSquares(16), dir.resolve("run"),
                ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        bundle = GanExport.export(dir.resolve("run"), Optional.empty(), dir.resolve("models/generator-tiny"),
                Optional.empty());
    }

    @Test
    void bundleIsInTfServingLayoutWithMetadataAndModelsConfig() throws Exception {
        assertEquals(dir.resolve("models/generator-tiny/1"), bundle);
        assertTrue(Files.exists(bundle.resolve("saved_model.pb")));
        assertTrue(Files.exists(bundle.resolve("variables/variables.index")));
        BundleMetadata meta = Json.read(bundle.resolve(BundleMetadata.FILE), BundleMetadata.class);
        assertEquals("tiny", meta.style());
        assertEquals(List.of("negative", "neutral", "positive"), meta.emotions());
        assertEquals(3, meta.steps());
        assertEquals("tiny test data", meta.trainedOn());
        String config = Files.readString(dir.resolve("models/models.config"));
        assertTrue(config.contains("name: \"generator-tiny\""), config);
        // exporting the same checkpoint again adds no version; asking for one writes it
        assertEquals(bundle, GanExport.export(dir.resolve("run"), Optional.empty(), dir.resolve("models/generator-tiny"),
                Optional.empty()));
        Path second = GanExport.export(dir.resolve("run"), Optional.empty(), dir.resolve("models/generator-tiny"),
                Optional.of(2L));
        assertEquals(dir.resolve("models/generator-tiny/2"), second);
    }

    @Test
    void sameSeedGivesTheSameImageAloneInABatchAndInAFreshJvm() throws Exception {
        byte[] batch = generate(bundle, new int[] {0, 2, 1}, new long[] {5, 6, 7});
        byte[] alone = generate(bundle, new int[] {2}, new long[] {6});
        int image = 16 * 16 * 3;
        assertArrayEquals(Arrays.copyOfRange(batch, image, 2 * image), alone, "seed 6 alone vs in a batch");
        assertFalse(Arrays.equals(Arrays.copyOfRange(batch, 0, image), Arrays.copyOfRange(batch, image, 2 * image)));

        Path out = dir.resolve("fresh.bin");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), bundle.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        assertEquals(0, p.waitFor(), () -> readQuietly(dir.resolve("probe.log")));
        assertArrayEquals(batch, Files.readAllBytes(out), "fresh JVM");
    }

    @Test
    void servingDefaultDrawsTheDocumentedNoise() throws Exception {
        byte[] bySeed = generate(bundle, new int[] {1}, new long[] {42});
        byte[] byZ;
        try (SavedModelBundle b = SavedModelBundle.load(bundle.toString(), "serve");
             TFloat32 z = TFloat32.tensorOf(Shape.of(1, TINY.zDim()), DataBuffers.of(SeededNoise.normal(42, TINY.zDim())));
             TInt32 e = TInt32.vectorOf(1);
             Result r = b.function(GeneratorBundle.FROM_Z).call(Map.of("z", z, "emotion", e))) {
            byZ = bytes((TUint8) r.get("images").orElseThrow());
        }
        for (int i = 0; i < bySeed.length; i++) {
            assertTrue(Math.abs((bySeed[i] & 0xff) - (byZ[i] & 0xff)) <= 1, "pixel " + i);
        }
    }

    @Test
    void aResizeUpsamplingRunExportsABundleThatSaysSoAndRetrainsTheSame() throws Exception {
        GanRunConfig config = new GanRunConfig(Conditioning.CONCAT, TINY.withUpsampling(GanSpec.Upsampling.RESIZE),
                "tiny", "mem", "mem", "tiny test data", new GanSettings(8, 2e-4f, 0.5f, 0.999f, 3), 2, 2, 2, 2);
        new GanTrainer(config, TestData.colouredSquares(16), dir.resolve("resize-run"),
                ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        assertEquals(GanSpec.Upsampling.RESIZE,
                Json.read(dir.resolve("resize-run/config.json"), GanRunConfig.class).spec().upsampling());
        Path resized = GanExport.export(dir.resolve("resize-run"), Optional.empty(),
                dir.resolve("resize-models/generator-tiny"), Optional.empty());
        BundleMetadata meta = Json.read(resized.resolve(BundleMetadata.FILE), BundleMetadata.class);
        assertEquals("nearest-neighbour x2 + 3x3 convolution", meta.architecture().get("generatorUpsampling"));
        assertTrue(meta.retrainCommand().contains(" --g-upsample resize "), meta.retrainCommand());
        assertFalse(Json.read(bundle.resolve(BundleMetadata.FILE), BundleMetadata.class).architecture()
                .containsKey("generatorUpsampling"), "the original's bundles are as before");
        byte[] images = generate(resized, new int[] {0, 1}, new long[] {5, 6});
        assertEquals(2 * 16 * 16 * 3, images.length);
        try (ArtGenerator loaded = ArtGenerator.load(resized)) {
            assertEquals(16, loaded.imageSize(), "the serving signature's static image size, which evaluate reads");
        }
        // the run's architecture includes the upsampling: a deconv config cannot resume it
        GanRunConfig deconv = new GanRunConfig(Conditioning.CONCAT, TINY, "tiny", "mem", "mem", "tiny test data",
                new GanSettings(8, 2e-4f, 0.5f, 0.999f, 3), 4, 2, 2, 2);
        var refused = org.junit.jupiter.api.Assertions.assertThrows(org.emotionart.EmotionArtException.class,
                () -> new GanTrainer(deconv, TestData.colouredSquares(16), dir.resolve("resize-run"),
                        ConfigProto.getDefaultInstance(), TestData.QUIET).train(true));
        assertTrue(refused.getMessage().contains("another architecture"), refused.getMessage());
    }

    static byte[] generate(Path bundle, int[] emotions, long[] seeds) {
        try (SavedModelBundle b = SavedModelBundle.load(bundle.toString(), "serve");
             TInt32 e = TInt32.vectorOf(emotions); TInt64 s = TInt64.vectorOf(seeds);
             Result r = b.function("serving_default").call(Map.of("emotion", e, "seed", s))) {
            return bytes((TUint8) r.get("images").orElseThrow());
        }
    }

    static byte[] bytes(TUint8 t) {
        byte[] out = new byte[(int) t.size()];
        t.asRawTensor().data().read(out);
        return out;
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }

    /** Runs in a fresh JVM: generates the batch of the test above and writes its bytes. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Files.write(Path.of(args[1]), generate(Path.of(args[0]), new int[] {0, 2, 1}, new long[] {5, 6, 7}));
        }
    }
}
