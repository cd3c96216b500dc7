package org.emotionart.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.emotionart.bench.HttpLoad;
import org.emotionart.bench.ServerProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emotion-art bench serve}: a bounded load run against the web server on this machine. It
 * starts {@code emotion-art serve} as a child process (or uses --url, on this machine only), sends
 * a fixed number of requests from concurrent clients, and reports errors, latency percentiles and the
 * server's resident memory before and after (from /health).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Load run against 'emotion-art serve' on this machine: N requests from C concurrent clients "
                + "(generate COUNT images as JSON; every Kth request classifies a painting instead), after a warm-up.",
                "Reports errors, p50/p95/p99 latency per kind, throughput, and the server's RSS at start, after the "
                        + "warm-up and during the run. Stops by itself after --requests or --max-seconds.",
                "Last line: mode=serve requests=.. errors=.. generate_p50_ms=.. generate_p95_ms=.. health_p99_ms=.. "
                        + "refused_max_ms=.. rss_before_mb=.. rss_peak_mb=.. rss_after_mb=.. rss_settled_mb=.."})
final class BenchServeCommand implements Callable<Integer> {
    /** The line serve prints when it listens, with its URL. */
    private static final Pattern SERVING = Pattern.compile("emotion-art serve: (http://\\S+/)");

    @Spec
    CommandSpec spec;
    @Option(names = "--models", paramLabel = "DIR", defaultValue = "${sys:emotionart.models:-savedmodels}",
            description = "Bundles folder for the server this run starts (default: ${DEFAULT-VALUE}).")
    Path models;
    @Option(names = "--url", paramLabel = "URL",
            description = "Use a running server on this machine (http://127.0.0.1:PORT/) instead of starting one.")
    URI url;
    @Option(names = "--requests", defaultValue = "1000", description = "Timed requests (default: ${DEFAULT-VALUE}).")
    int requests;
    @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;
    @Option(names = "--count", defaultValue = "20", description = "Images per generate request (default: ${DEFAULT-VALUE}).")
    int count;
    @Option(names = "--classify-every", defaultValue = "10", paramLabel = "K",
            description = "Every Kth request classifies an image; 0 = never (default: ${DEFAULT-VALUE}).")
    int classifyEvery;
    @Option(names = "--warmup", defaultValue = "100", description = "Untimed requests first (default: ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--max-seconds", defaultValue = "900", description = "Stop sending after this long (default: ${DEFAULT-VALUE}).")
    int maxSeconds;
    @Option(names = "--server-heap", defaultValue = "1g", paramLabel = "SIZE",
            description = "-Xmx of the server this run starts, so heap growth cannot pass for a leak (default: ${DEFAULT-VALUE}).")
    String serverHeap;
    @Option(names = "--settle-seconds", defaultValue = "0", paramLabel = "S",
            description = "After the run, wait this long with no requests and read the server's RSS again: does "
                    + "a burst's memory come back? (default: ${DEFAULT-VALUE}: do not wait)")
    int settleSeconds;
    @Option(names = "--ignore-retry-after",
            description = "A refused (503) client sends its next request at once instead of waiting the Retry-After "
                    + "seconds: a flood, not well-behaved clients.")
    boolean ignoreRetryAfter;

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "--requests", requests, 1, 100_000);
        Checks.range(spec, "--clients", clients, 1, 512); // 256 and more: the overload run of training/web.md
        Checks.range(spec, "--count", count, 1, 64);
        Checks.range(spec, "--classify-every", classifyEvery, 0, 100_000);
        Checks.range(spec, "--max-seconds", maxSeconds, 1, 3600);
        Checks.range(spec, "--settle-seconds", settleSeconds, 0, 3600);
        if (!serverHeap.matches("\\d+[kmgKMG]?")) {
            throw Checks.usage(spec, "invalid value for --server-heap: " + serverHeap + " (e.g. 512m, 1g)");
        }
        if (url != null) {
            if (!isLocal(url)) {
                throw Checks.usage(spec, "--url must be a server on this machine (localhost, 127.0.0.1 or ::1), was " + url);
            }
            run(url, "--url " + url);
            return 0;
        }
        try (ServerProcess server = startServer()) {
            run(server.url(), models.toString());
        }
        return 0;
    }

    /** {@code emotion-art serve --port 0} on this JVM's class path, with the launcher's GC setting. */
    private ServerProcess startServer() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + serverHeap,
                "-XX:G1PeriodicGCInterval=" + ServeCommand.PERIODIC_GC_MS, // as the launcher runs serve
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--models", models.toString()));
        out().println("starting: " + String.join(" ", command.subList(0, 2)) + " ... serve --port 0 --models " + models);
        ServerProcess server = ServerProcess.start(command, SERVING);
        out().println(server.readyLine());
        return server;
    }

    private static boolean isLocal(URI uri) {
        try {
            return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private void run(URI base, String modelsUsed) throws Exception {
        HttpLoad http = new HttpLoad(base, clients, count, classifyEvery, maxSeconds, !ignoreRetryAfter);
        HttpLoad.Served served = http.served();
        List<String> styles = served.styles();
        if (styles.isEmpty()) {
            throw new org.emotionart.EmotionArtException("the server has no styles to generate");
        }
        boolean classify = classifyEvery > 0 && served.classifier();
        byte[] painting = http.painting(styles.get(0));
        StringBuilder about = new StringBuilder();
        for (HttpLoad.Model m : served.models()) {
            about.append(String.format(Locale.ROOT, "  %s v%d: %s, %d steps, %.1f MB%n", m.name(), m.version(),
                    m.trainedOn(), m.steps(), m.bytes() / 1e6));
        }
        out().print("models (" + modelsUsed + "):\n" + about);
        out().flush();
        long rssStart = http.rss();

        HttpLoad.Result warm = http.run(styles, classify, painting, warmup, 1_000_000_000L, null);
        long rssBefore = http.rss();
        Map<Integer, Long> rssTrace = new TreeMap<>();
        HttpLoad.Result load = http.run(styles, classify, painting, requests, 0L, rssTrace);
        long rssAfter = http.rss();
        long heapAfter = http.health("heapCommittedBytes");
        long rssSettled = -1;
        if (settleSeconds > 0) {
            out().printf(Locale.ROOT, "waiting %d s with no requests ...%n", settleSeconds);
            out().flush();
            Thread.sleep(settleSeconds * 1000L);
            rssSettled = http.rss();
        }
        print(warm, load, rssStart, rssBefore, rssTrace, rssAfter, heapAfter, rssSettled);
    }

    private void print(HttpLoad.Result warm, HttpLoad.Result load, long rssStart, long rssBefore,
                       Map<Integer, Long> rssTrace, long rssAfter, long heapAfter, long rssSettled) {
        out().printf(Locale.ROOT, "warm-up: %d requests, %d errors%n", warm.sent(), warm.errors());
        out().printf(Locale.ROOT, "run: %d requests from %d clients (%s) in %.1f s (%.1f requests/s), %d errors%s%n",
                load.sent(), clients, ignoreRetryAfter ? "a refused client retries at once"
                        : "a refused client waits its Retry-After", load.seconds(), load.sent() / load.seconds(), load.errors(),
                load.errors() == 0 ? "" : " " + load.errorKinds());
        double[] gen = load.latencies("generate");
        double[] cls = load.latencies("classify");
        out().printf(Locale.ROOT, "generate %d images: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                count, gen.length, pct(gen, 50), pct(gen, 95), pct(gen, 99), pct(gen, 100));
        if (cls.length > 0) {
            out().printf(Locale.ROOT, "classify 1 image: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    cls.length, pct(cls, 50), pct(cls, 95), pct(cls, 99), pct(cls, 100));
        }
        for (String kind : List.of("generate", "classify")) {
            double[] refused = load.latencies(kind + " 503");
            if (refused.length > 0) {
                out().printf(Locale.ROOT, "%s refused (503): n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", kind,
                        refused.length, pct(refused, 50), pct(refused, 99), pct(refused, 100));
            }
        }
        double[] health = load.latencies("health");
        out().printf(Locale.ROOT, "GET /health every 20 ms during the run: n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                health.length, pct(health, 50), pct(health, 99), pct(health, 100));
        StringBuilder trace = new StringBuilder();
        rssTrace.forEach((n, b) -> trace.append(String.format(Locale.ROOT, ", after %d: %.0f", n, b / 1e6)));
        out().printf(Locale.ROOT, "server RSS (MB): at start %.0f, after warm-up %.0f%s, at the end %.0f "
                + "(of which Java heap committed: %.0f MB); peak seen by the /health probe %.0f%n", rssStart / 1e6,
                rssBefore / 1e6, trace, rssAfter / 1e6, heapAfter / 1e6, load.peakRss() / 1e6);
        if (rssSettled >= 0) {
            out().printf(Locale.ROOT, "server RSS %d s after the run: %.0f MB (%+.1f %% of the %.0f MB after warm-up)%n",
                    settleSeconds, rssSettled / 1e6, 100.0 * (rssSettled - rssBefore) / rssBefore, rssBefore / 1e6);
        }
        double[] refused = load.latencies("generate 503");
        out().printf(Locale.ROOT, "mode=serve requests=%d clients=%d count=%d errors=%d generate_p50_ms=%.1f "
                        + "generate_p95_ms=%.1f classify_p50_ms=%.1f classify_p95_ms=%.1f requests_per_s=%.1f "
                        + "health_p99_ms=%.1f refused_max_ms=%.1f rss_start_mb=%.0f rss_before_mb=%.0f "
                        + "rss_peak_mb=%.0f rss_after_mb=%.0f rss_settled_mb=%.0f cores=%d%n",
                load.sent(), clients, count, load.errors(), pct(gen, 50), pct(gen, 95), pct(cls, 50), pct(cls, 95),
                load.sent() / load.seconds(), pct(health, 99), pct(refused, 100), rssStart / 1e6, rssBefore / 1e6,
                load.peakRss() / 1e6, rssAfter / 1e6, rssSettled < 0 ? -1 : rssSettled / 1e6, Runtime.getRuntime().availableProcessors());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static double pct(double[] sorted, double p) {
        return org.emotionart.bench.Stats.percentile(sorted, p);
    }
}
