package org.emotionart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.emotionart.EmotionArtException;
import org.emotionart.data.SourceImage;
import org.emotionart.data.StyleCache;
import org.emotionart.data.WikiArtFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emotion-art bench data DIR --size 64}: how fast images become training batches.
 *
 * <ol>
 *   <li>decode + resize: a sample of the folder's images (spread evenly over all styles) is built
 *       into a cache file in a temporary folder on all cores, exactly as {@code StyleCache} builds
 *       caches (decoding dominates; the cache write is included);</li>
 *   <li>cache read: that file is opened and all its pixels copied into one array, as
 *       {@code Datasets} does (median of 5; the file was just written, so the page cache is warm);</li>
 *   <li>batch of 64: 64 random images gathered from that array and scaled to float32 in [-1, 1], the
 *       generator's range (median over {@code --batches}), compared with a training step.</li>
 * </ol>
 * The user's own caches are not touched. The last line is machine-readable.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Measure decode+resize throughput, cache read throughput and the cost of assembling "
                + "a random batch of 64 from the cache.",
                "Works on a sample of DIR's images in a temporary cache; your caches are not touched. "
                        + "The last line is machine-readable."})
public final class BenchDataCommand implements Callable<Integer> {
    static final int BATCH = 64;
    static volatile double blackhole;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "WikiArt root: one folder per style.")
    Path dir;

    @Option(names = "--size", paramLabel = "S", defaultValue = "64", description = "Image size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
            description = "Images to decode, spread over all styles (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Decoding threads, 0 = all cores, as cache building uses (default).")
    int threads;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "200",
            description = "Random batches to time (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--step-ms", paramLabel = "MS", defaultValue = "850",
            description = "Training step time the batch cost is compared with (default: ${DEFAULT-VALUE}).")
    double stepMs;

    @Override
    public Integer call() throws IOException {
        Checks.imageSize(spec, size);
        if (sample < 1 || batches < 1 || stepMs <= 0 || false) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sample, --batches and --step-ms must be positive");
        }
        int nThreads = Checks.threads(spec, threads);
        WikiArtFolder data = WikiArtFolder.open(dir);
        List<SourceImage> all = new ArrayList<>();
        for (String style : data.styles()) {
            all.addAll(data.images(style));
        }
        if (all.isEmpty()) {
            throw new EmotionArtException("no images (.jpg, .jpeg, .png) in the style folders of " + dir
                    + " (styles found: " + String.join(", ", data.styles()) + ")");
        }
        int n = Math.min(sample, all.size());
        List<SourceImage> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            picked.add(all.get((int) ((long) i * all.size() / n)));
        }

        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("emotion-art-bench-");
        try {
            Path file = tmp.resolve("sample-" + size + ".bin");
            long t0 = System.nanoTime();
            StyleCache built = StyleCache.build(picked, "sample", size, file, true, nThreads);
            double decodeSec = (System.nanoTime() - t0) / 1e9;
            double decodePerSec = n / decodeSec;
            out.printf(Locale.ROOT, "decode+resize to %dx%d on %d threads: %,d images in %.2f s = %.1f img/s (%d broken)%n",
                    size, size, nThreads, n, decodeSec, decodePerSec, built.broken().size());
            if (built.count() == 0) {
                throw new EmotionArtException("none of the " + n + " sampled images could be decoded, e.g. "
                        + built.broken().get(0).path() + ": " + built.broken().get(0).reason());
            }

            double[] readSec = new double[5];
            byte[] pixels = null;
            for (int r = 0; r < readSec.length; r++) {
                long t = System.nanoTime();
                pixels = StyleCache.open(file).readAll();
                readSec[r] = (System.nanoTime() - t) / 1e9;
            }
            int count = built.count();
            double cachePerSec = count / median(readSec);
            out.printf(Locale.ROOT, "cache read: %,d images (%.1f MB) in %.2f ms = %.0f img/s (median of %d, warm page cache)%n",
                    count, pixels.length / 1e6, median(readSec) * 1e3, cachePerSec, readSec.length);

            double batchMs = batchMillis(pixels, count, 3 * size * size);
            double share = 100 * batchMs / stepMs;
            out.printf(Locale.ROOT, "random batch of %d (gather + scale to float): %.0f us median = %.3f%% of a %.0f ms training step (goal < 5%%)%n",
                    BATCH, batchMs * 1e3, share, stepMs);
            out.printf(Locale.ROOT, "decode_img_per_s=%.1f cache_img_per_s=%.0f batch64_ms=%.4f batch64_step_pct=%.3f "
                    + "size=%d images=%d broken=%d threads=%d%n", decodePerSec, cachePerSec, batchMs, share,
                    size, n, built.broken().size(), nThreads);
            out.flush();
        } finally {
            deleteTree(tmp);
        }
        return 0;
    }

    /** Median time of assembling one batch: gather 64 random images, uint8 -> float32 in [-1, 1]. */
    private double batchMillis(byte[] pixels, int count, int bytesPerImage) {
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
        return median(ms);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing the benchmark for
        }
    }
}
