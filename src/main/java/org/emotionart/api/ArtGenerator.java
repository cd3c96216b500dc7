package org.emotionart.api;

import org.emotionart.bundle.Signatures;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emotionart.Emotion;
import org.emotionart.bundle.BundleMetadata;
import org.emotionart.model.SeededNoise;
import org.emotionart.viz.Images;
import org.tensorflow.Result;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * One style's generator: an emotion and a seed in, a painting out. Image {@code i} of
 * {@code generate(e, n, seed)} is drawn from seed {@code seed + i}, so the same seed gives the same
 * painting, alone or in a batch, in any JVM. Thread-safe: concurrent calls share the loaded model.
 */
public final class ArtGenerator implements AutoCloseable {
    /** Most images per call (the original allowed 20; more fit in memory easily). */
    public static final int MAX_COUNT = 64;

    private final Bundle bundle;
    private final SessionFunction bySeed;
    private final SessionFunction byZ;
    private final SessionFunction blend;

    ArtGenerator(Bundle bundle) {
        this.bundle = bundle;
        this.bySeed = bundle.model.function("serving_default");
        this.byZ = bundle.model.function(Signatures.GENERATE_FROM_Z);
        boolean hasBlend = bundle.model.signatures().stream().anyMatch(sig -> sig.key().equals(Signatures.GENERATE_BLEND));
        this.blend = hasBlend ? bundle.model.function(Signatures.GENERATE_BLEND) : null; // older bundles lack it
    }

    /** Loads a generator bundle (a model folder or one version folder). */
    public static ArtGenerator load(Path bundleDir) {
        return new ArtGenerator(Bundle.load(bundleDir, BundleMetadata.GENERATOR));
    }

    public String style() {
        return bundle.metadata().style();
    }

    /** Side of the paintings, from the serving signature's output shape [N, S, S, 3]. */
    public int imageSize() {
        long side = bundle.tensor(Signature.DEFAULT_KEY, "images", false).shape.get(1);
        if (side < 1) {
            throw new BundleException(bundle.dir + ": its serving signature gives no image size (images of shape "
                    + bundle.tensor(Signature.DEFAULT_KEY, "images", false).shape
                    + "); export it again with export-gan, which writes the size");
        }
        return (int) side;
    }

    /** Noise size, from the generate_from_z signature's input shape [N, zDim]. */
    public int zDim() {
        return (int) bundle.tensor(Signatures.GENERATE_FROM_Z, "z", true).shape.get(1);
    }

    public BundleMetadata metadata() {
        return bundle.metadata();
    }

    /** The version folder this generator was loaded from. */
    public Path path() {
        return bundle.dir;
    }

    /** Frames of an emotion walk, at most: an odd number from 3, so that neutral is one of them (web and CLI alike). */
    public static final int MAX_WALK_STEPS = 33;

    /** Refuses a walk length that is not odd, 3..{@link #MAX_WALK_STEPS}. */
    public static void checkWalkSteps(int steps) {
        if (steps < 3 || steps > MAX_WALK_STEPS || steps % 2 == 0) {
            throw new IllegalArgumentException("steps " + steps + " is out of range: allowed an odd number from 3 to "
                    + MAX_WALK_STEPS + " (odd, so that neutral is the middle frame)");
        }
    }

    /** Seeds are whole numbers from {@code -MAX_SEED} to {@code MAX_SEED} (10^15), for the library, CLI and API alike. */
    public static final long MAX_SEED = 1_000_000_000_000_000L;

    /** Refuses a seed outside ±{@link #MAX_SEED}. */
    public static void checkSeeds(long first, int count) {
        if (first < -MAX_SEED || first > MAX_SEED - Math.max(0, count - 1)) {
            throw new IllegalArgumentException("seed " + first + (count > 1 ? " with " + count + " paintings (seeds up to "
                    + "seed + " + (count - 1) + ")" : "") + " is out of range: seeds are from -" + MAX_SEED + " to "
                    + MAX_SEED);
        }
    }

    /** {@code count} paintings of {@code emotion} from seeds {@code seed, seed+1, ...}. */
    public List<BufferedImage> generate(Emotion emotion, int count, long seed) {
        checkSeeds(seed, count);
        checkCount(count);
        List<Emotion> emotions = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            emotions.add(emotion);
            seeds.add(seed + i);
        }
        return generate(emotions, seeds);
    }

    /** One painting per (emotion, seed) pair. */
    public List<BufferedImage> generate(List<Emotion> emotions, List<Long> seeds) {
        if (emotions.size() != seeds.size()) {
            throw new IllegalArgumentException(emotions.size() + " emotions but " + seeds.size() + " seeds");
        }
        checkCount(emotions.size());
        bundle.checkOpen();
        try (TInt32 e = TInt32.vectorOf(indices(emotions));
             TInt64 s = TInt64.vectorOf(seeds.stream().mapToLong(Long::longValue).toArray());
             Result r = bySeed.call(Map.of("emotion", e, "seed", s))) {
            return images((TUint8) r.get("images").orElseThrow());
        }
    }

    /** The noise that seed {@code seed} gives (what {@link #generate} draws in the graph). */
    public float[] noise(long seed) {
        return SeededNoise.normal(seed, zDim());
    }

    /** Paintings from given noise vectors [N][zDim] (the {@code generate_from_z} signature). */
    public List<BufferedImage> fromNoise(float[][] z, List<Emotion> emotions) {
        if (emotions.size() != z.length) {
            throw new IllegalArgumentException(z.length + " noise vectors but " + emotions.size() + " emotions");
        }
        bundle.checkOpen();
        try (TFloat32 zt = noiseTensor(z); TInt32 e = TInt32.vectorOf(indices(emotions));
             Result r = byZ.call(Map.of("z", zt, "emotion", e))) {
            return images((TUint8) r.get("images").orElseThrow());
        }
    }

    /**
     * Paintings from seeds and a condition vector per image [N][3] (weights of negative, neutral,
     * positive; one-hot is a plain emotion and gives exactly {@link #generate}'s painting, a mix lies
     * between): for walks across emotions.
     */
    public List<BufferedImage> blend(long[] seeds, float[][] emotionWeights) {
        if (emotionWeights.length != seeds.length) {
            throw new IllegalArgumentException(seeds.length + " seeds but " + emotionWeights.length + " weights");
        }
        checkCount(seeds.length);
        if (blend == null) {
            throw new BundleException(bundle.dir + " has no " + Signatures.GENERATE_BLEND
                    + " signature (exported by an older emotion-art): export it again to walk across emotions");
        }
        float[] w = new float[seeds.length * Emotion.COUNT];
        for (int i = 0; i < seeds.length; i++) {
            if (emotionWeights[i].length != Emotion.COUNT) {
                throw new IllegalArgumentException("emotion weights " + i + " have " + emotionWeights[i].length
                        + " values, expected 3 (negative, neutral, positive)");
            }
            System.arraycopy(emotionWeights[i], 0, w, i * Emotion.COUNT, Emotion.COUNT);
        }
        bundle.checkOpen();
        try (TInt64 s = TInt64.vectorOf(seeds);
             TFloat32 wt = TFloat32.tensorOf(Shape.of(seeds.length, Emotion.COUNT), DataBuffers.of(w, true, false));
             Result r = blend.call(Map.of("seed", s, "emotion_weights", wt))) {
            return images((TUint8) r.get("images").orElseThrow());
        }
    }

    /**
     * A walk negative → neutral → positive at the fixed noise of {@code seed}: {@code steps} images
     * whose condition moves linearly from one-hot negative to neutral (first half) and on to positive.
     */
    public List<BufferedImage> emotionWalk(long seed, int steps) {
        checkWalkSteps(steps);
        checkSeeds(seed, 1);
        long[] seeds = new long[steps];
        float[][] w = new float[steps][];
        for (int i = 0; i < steps; i++) {
            seeds[i] = seed;
            w[i] = walkWeights((double) i / (steps - 1));
        }
        return blend(seeds, w);
    }

    /** Condition at position t in [0, 1] of the walk: 0 negative, 0.5 neutral, 1 positive. */
    public static float[] walkWeights(double t) {
        double x = Math.max(0, Math.min(1, t)) * 2;
        return x <= 1 ? new float[] {(float) (1 - x), (float) x, 0f} : new float[] {0f, (float) (2 - x), (float) (x - 1)};
    }

    private TFloat32 noiseTensor(float[][] z) {
        checkCount(z.length);
        float[] flat = new float[z.length * zDim()];
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != zDim()) {
                throw new IllegalArgumentException("noise vector " + i + " has " + z[i].length + " values, expected " + zDim());
            }
            System.arraycopy(z[i], 0, flat, i * zDim(), zDim());
        }
        return TFloat32.tensorOf(Shape.of(z.length, zDim()), DataBuffers.of(flat, true, false));
    }

    private static int[] indices(List<Emotion> emotions) {
        return emotions.stream().mapToInt(Emotion::index).toArray();
    }

    private List<BufferedImage> images(TUint8 t) {
        byte[] pixels = new byte[(int) t.size()];
        t.asRawTensor().data().read(pixels);
        return Images.allFromHwc(pixels, (int) t.shape().get(1));
    }

    static void checkCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count " + count + " is out of range: allowed 1.." + MAX_COUNT);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
