package org.emotionart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.emotionart.Emotion;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.export.GeneratorBundle;
import org.emotionart.model.GanSpec;
import org.emotionart.model.Layers;
import org.emotionart.util.FileTrees;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Generation from a SavedModel, as a user's call runs it ({@code serving_default}: emotion + seed →
 * uint8 images): a randomly initialised generator of the given shape is exported into a temporary
 * folder, loaded, and called with random emotions and seeds.
 */
public final class GenerateBench {
    private GenerateBench() {
    }

    /** Milliseconds of each of {@code steps} timed calls of {@code batch} images, after {@code warmup} untimed ones. */
    public static double[] callMillis(GanSpec spec, int batch, int warmup, int steps) throws IOException {
        Path dir = Files.createTempDirectory("emotion-art-bench");
        try {
            Path bundle = GeneratorBundle.export(spec, Layers.Mode.INFERENCE, (g, s) -> s.initialize(),
                    dir.resolve("generator"), Optional.of(1L), new BundleMetadata(BundleMetadata.GENERATOR,
                            "bench", "random", Emotion.labels(), spec.imageSize(), spec.zDim(), Map.of(), "random weights", 0,
                            "bench generate", "", "emotion-art", ""));
            double[] ms = new double[steps];
            try (SavedModelBundle model = SavedModelBundle.load(bundle.toString(), "serve")) {
                SessionFunction f = model.function("serving_default");
                SplittableRandom rnd = new SplittableRandom(0);
                for (int i = -warmup; i < steps; i++) {
                    int[] emotions = rnd.ints(batch, 0, 3).toArray();
                    long[] seeds = rnd.longs(batch).toArray();
                    long t0 = System.nanoTime();
                    try (TInt32 e = TInt32.vectorOf(emotions); TInt64 s = TInt64.vectorOf(seeds);
                         Result r = f.call(Map.of("emotion", e, "seed", s))) {
                        Tensor images = r.get("images").orElseThrow();
                        if (images.shape().get(0) != batch) {
                            throw new IllegalStateException("unexpected output " + images.shape());
                        }
                    }
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            return ms;
        } finally {
            FileTrees.delete(dir);
        }
    }
}
