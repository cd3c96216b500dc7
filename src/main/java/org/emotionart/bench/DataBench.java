package org.emotionart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emotionart.EmotionArtException;
import org.emotionart.data.BrokenImage;
import org.emotionart.data.SourceImage;
import org.emotionart.data.StyleCache;
import org.emotionart.data.WikiArtFolder;
import org.emotionart.util.FileTrees;

/**
 * How fast images become training batches, on a sample of a WikiArt folder's images (spread evenly
 * over all styles), in a cache file in a temporary folder that {@link #close()} deletes (the user's
 * own caches are not touched):
 * <ol>
 *   <li>{@link #decode}: the sample is built into a cache file on {@code threads} threads, exactly as
 *       {@code StyleCache} builds caches (decoding dominates; the cache write is included);</li>
 *   <li>{@link #readCache}: that file is opened and all its pixels copied into one array, as
 *       {@code Datasets} does (median of 5; the file was just written, so the page cache is warm);</li>
 *   <li>{@link #batchMillis}: {@value #BATCH} random images gathered from that array and scaled to
 *       float32 in [-1, 1], the generator's range (median over the batches).</li>
 * </ol>
 */
public final class DataBench implements AutoCloseable {
    public static final int BATCH = 64;
    static volatile double blackhole;

    private final List<SourceImage> sample;
    private final Path tmp;
    private Path file;
    private int size;
    private byte[] pixels;
    private int count;

    private DataBench(List<SourceImage> sample, Path tmp) {
        this.sample = sample;
        this.tmp = tmp;
    }

    /**
     * Up to {@code n} images of the folder's styles, evenly spread.
     *
     * @throws EmotionArtException if the style folders hold no images
     */
    public static DataBench sample(Path dir, int n) throws IOException {
        WikiArtFolder data = WikiArtFolder.open(dir);
        List<SourceImage> all = new ArrayList<>();
        for (String style : data.styles()) {
            all.addAll(data.images(style));
        }
        if (all.isEmpty()) {
            throw new EmotionArtException("no images (.jpg, .jpeg, .png) in the style folders of " + dir
                    + " (styles found: " + String.join(", ", data.styles()) + ")");
        }
        int k = Math.min(n, all.size());
        List<SourceImage> picked = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            picked.add(all.get((int) ((long) i * all.size() / k)));
        }
        return new DataBench(picked, Files.createTempDirectory("emotion-art-bench-"));
    }

    /** Images in the sample. */
    public int size() {
        return sample.size();
    }

    /** What decoding the sample into a cache took. */
    public record Decoded(double seconds, int stored, List<BrokenImage> broken) {
    }

    /** Decodes and resizes the sample to {@code size} px on {@code threads} threads into the temporary cache file. */
    public Decoded decode(int size, int threads) {
        this.size = size;
        file = tmp.resolve("sample-" + size + ".bin");
        long t0 = System.nanoTime();
        StyleCache built = StyleCache.build(sample, "sample", size, file, true, threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        count = built.count();
        return new Decoded(seconds, count, built.broken());
    }

    /** Reading the cache back: {@code runs} times, the median. */
    public record CacheRead(int images, long bytes, double medianSeconds, int runs) {
    }

    /** Opens the decoded cache and copies all its pixels into one array, 5 times. */
    public CacheRead readCache() {
        double[] readSec = new double[5];
        for (int r = 0; r < readSec.length; r++) {
            long t = System.nanoTime();
            pixels = StyleCache.open(file).readAll();
            readSec[r] = (System.nanoTime() - t) / 1e9;
        }
        return new CacheRead(count, pixels.length, Stats.median(readSec), readSec.length);
    }

    /** Median time of assembling one batch: gather 64 random images, uint8 → float32 in [-1, 1]. */
    public double batchMillis(int batches) {
        int bytesPerImage = 3 * size * size;
        SplittableRandom random = new SplittableRandom(42);
        float[] batch = new float[BATCH * bytesPerImage];
        double[] ms = new double[batches];
        double sink = 0;
        for (int b = -Math.min(batches, 20); b < batches; b++) { // the first 20 warm the JIT up
            long t = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                int src = random.nextInt(count) * bytesPerImage;
                int dst = i * bytesPerImage;
                for (int j = 0; j < bytesPerImage; j++) {
                    batch[dst + j] = (pixels[src + j] & 0xff) * (1f / 127.5f) - 1f;
                }
            }
            long elapsed = System.nanoTime() - t;
            sink += batch[random.nextInt(batch.length)];
            if (b >= 0) {
                ms[b] = elapsed / 1e6;
            }
        }
        blackhole = sink; // keeps the conversion observable to the JIT
        return Stats.median(ms);
    }

    /** Deletes the temporary folder; one left behind is not worth failing the benchmark for. */
    @Override
    public void close() {
        try {
            FileTrees.delete(tmp);
        } catch (IOException | RuntimeException e) {
            // a temporary folder left behind is not worth failing the benchmark for
        }
    }
}
