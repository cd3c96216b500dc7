package org.emotionart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emotionart.EmotionArtException;
import org.emotionart.bench.DataBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emotion-art bench data DIR --size 64}: how fast images become training batches (decode +
 * resize, cache read, a random batch of 64 compared with a training step; see {@link DataBench}).
 * The user's own caches are not touched. The last line is machine-readable.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Measure decode+resize throughput, cache read throughput and the cost of assembling "
                + "a random batch of 64 from the cache.",
                "Works on a sample of DIR's images in a temporary cache; your caches are not touched. "
                        + "The last line is machine-readable."})
public final class BenchDataCommand implements Callable<Integer> {
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
        if (sample < 1 || batches < 1 || stepMs <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sample, --batches and --step-ms must be positive");
        }
        int nThreads = Checks.threads(spec, threads);
        PrintWriter out = spec.commandLine().getOut();
        try (DataBench bench = DataBench.sample(dir, sample)) {
            int n = bench.size();
            DataBench.Decoded built = bench.decode(size, nThreads);
            double decodePerSec = n / built.seconds();
            out.printf(Locale.ROOT, "decode+resize to %dx%d on %d threads: %,d images in %.2f s = %.1f img/s (%d broken)%n",
                    size, size, nThreads, n, built.seconds(), decodePerSec, built.broken().size());
            if (built.stored() == 0) {
                throw new EmotionArtException("none of the " + n + " sampled images could be decoded, e.g. "
                        + built.broken().get(0).path() + ": " + built.broken().get(0).reason());
            }

            DataBench.CacheRead read = bench.readCache();
            double cachePerSec = read.images() / read.medianSeconds();
            out.printf(Locale.ROOT, "cache read: %,d images (%.1f MB) in %.2f ms = %.0f img/s (median of %d, warm page cache)%n",
                    read.images(), read.bytes() / 1e6, read.medianSeconds() * 1e3, cachePerSec, read.runs());

            double batchMs = bench.batchMillis(batches);
            double share = 100 * batchMs / stepMs;
            out.printf(Locale.ROOT, "random batch of %d (gather + scale to float): %.0f us median = %.3f%% of a %.0f ms training step (goal < 5%%)%n",
                    DataBench.BATCH, batchMs * 1e3, share, stepMs);
            out.printf(Locale.ROOT, "decode_img_per_s=%.1f cache_img_per_s=%.0f batch64_ms=%.4f batch64_step_pct=%.3f "
                    + "size=%d images=%d broken=%d threads=%d%n", decodePerSec, cachePerSec, batchMs, share,
                    size, n, built.broken().size(), nThreads);
            out.flush();
        }
        return 0;
    }
}
