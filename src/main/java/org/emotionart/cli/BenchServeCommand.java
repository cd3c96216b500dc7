package org.emotionart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                "Last line: mode=serve requests=.. errors=.. generate_p50_ms=.. generate_p95_ms=.. rss_before_mb=.. "
                        + "rss_after_mb=.."})
final class BenchServeCommand implements Callable<Integer> {
    private static final Pattern SERVING = Pattern.compile("emotion-art serve: (http://\\S+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

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

    // Main builds only the command that runs, so this costs the other commands' start nothing
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        Checks.range(spec, "--requests", requests, 1, 100_000);
        Checks.range(spec, "--clients", clients, 1, 512); // 256 and more: the overload run of training/web.md
        Checks.range(spec, "--count", count, 1, 64);
        Checks.range(spec, "--classify-every", classifyEvery, 0, 100_000);
        Checks.range(spec, "--max-seconds", maxSeconds, 1, 3600);
        if (!serverHeap.matches("\\d+[kmgKMG]?")) {
            throw Checks.usage(spec, "invalid value for --server-heap: " + serverHeap + " (e.g. 512m, 1g)");
        }
        Process server = null;
        URI base = url;
        try {
            if (base == null) {
                server = startServer();
                base = awaitUrl(server);
            } else if (!isLocal(base)) {
                throw Checks.usage(spec, "--url must be a server on this machine (localhost, 127.0.0.1 or ::1), was " + url);
            }
            run(base, server == null ? "--url " + base : models.toString());
        } finally {
            if (server != null) {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
        return 0;
    }

    private Process startServer() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + serverHeap,
                "-XX:G1PeriodicGCInterval=" + ServeCommand.PERIODIC_GC_MS, // as the launcher runs serve
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--models", models.toString()));
        System.out.println("starting: " + String.join(" ", command.subList(0, 2)) + " ... serve --port 0 --models " + models);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the server's output until it says where it listens; then keeps draining it (the access log). */
    private static URI awaitUrl(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                System.out.println(line);
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // the access log: one line per request, not needed here
                        }
                    } catch (IOException ignored) {
                        // the server stopped
                    }
                }, "bench-serve-drain");
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new org.emotionart.EmotionArtException("the server did not start:\n" + String.join("\n", seen));
    }

    private static boolean isLocal(URI uri) {
        try {
            return uri.getHost() != null && InetAddress.getByName(uri.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private void run(URI base, String modelsUsed) throws Exception {
        JsonNode info = getJson(base.resolve("api/models"));
        List<String> styles = new ArrayList<>();
        info.get("styles").forEach(s -> styles.add(s.asText()));
        if (styles.isEmpty()) {
            throw new org.emotionart.EmotionArtException("the server has no styles to generate");
        }
        boolean classify = classifyEvery > 0 && info.get("classifier").asBoolean();
        byte[] painting = Base64.getDecoder().decode(getJsonPost(base.resolve("api/generate"),
                "{\"style\":\"" + styles.get(0) + "\",\"emotion\":\"positive\",\"seed\":1}").get("images").get(0)
                .get("png").asText());
        StringBuilder about = new StringBuilder();
        for (JsonNode m : info.get("models")) {
            about.append(String.format(Locale.ROOT, "  %s v%d: %s, %d steps, %.1f MB%n", m.get("name").asText(),
                    m.get("version").asLong(), m.get("trainedOn").asText(), m.get("steps").asLong(),
                    m.get("bytes").asLong() / 1e6));
        }
        System.out.print("models (" + modelsUsed + "):\n" + about);
        long rssStart = rss(base);

        Load warm = load(base, styles, classify, painting, warmup, 1_000_000_000L);
        long rssBefore = rss(base);
        Map<Integer, Long> rssTrace = new TreeMap<>();
        Load load = load(base, styles, classify, painting, requests, 0L, rssTrace);
        long rssAfter = rss(base);
        long heapAfter = health(base, "heapCommittedBytes");

        System.out.printf(Locale.ROOT, "warm-up: %d requests, %d errors%n", warm.sent.get(), warm.errors());
        System.out.printf(Locale.ROOT, "run: %d requests from %d clients in %.1f s (%.1f requests/s), %d errors%s%n",
                load.sent.get(), clients, load.seconds, load.sent.get() / load.seconds, load.errors(),
                load.errors() == 0 ? "" : " " + load.errorKinds);
        double[] gen = load.latencies("generate");
        double[] cls = load.latencies("classify");
        System.out.printf(Locale.ROOT, "generate %d images: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                count, gen.length, pct(gen, 50), pct(gen, 95), pct(gen, 99), pct(gen, 100));
        if (cls.length > 0) {
            System.out.printf(Locale.ROOT, "classify 1 image: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    cls.length, pct(cls, 50), pct(cls, 95), pct(cls, 99), pct(cls, 100));
        }
        StringBuilder trace = new StringBuilder();
        rssTrace.forEach((n, b) -> trace.append(String.format(Locale.ROOT, ", after %d: %.0f", n, b / 1e6)));
        System.out.printf(Locale.ROOT, "server RSS (MB): at start %.0f, after warm-up %.0f%s, at the end %.0f "
                + "(of which Java heap committed: %.0f MB)%n", rssStart / 1e6, rssBefore / 1e6, trace, rssAfter / 1e6,
                heapAfter / 1e6);
        System.out.printf(Locale.ROOT, "mode=serve requests=%d clients=%d count=%d errors=%d generate_p50_ms=%.1f "
                        + "generate_p95_ms=%.1f classify_p50_ms=%.1f classify_p95_ms=%.1f requests_per_s=%.1f "
                        + "rss_start_mb=%.0f rss_before_mb=%.0f rss_after_mb=%.0f cores=%d%n",
                load.sent.get(), clients, count, load.errors(), pct(gen, 50), pct(gen, 95), pct(cls, 50), pct(cls, 95),
                load.sent.get() / load.seconds, rssStart / 1e6, rssBefore / 1e6, rssAfter / 1e6,
                Runtime.getRuntime().availableProcessors());
    }

    /** Requests and their outcomes. */
    private static final class Load {
        final AtomicInteger sent = new AtomicInteger();
        final Map<String, List<Double>> ms = new ConcurrentHashMap<>();
        final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        double seconds;

        long errors() {
            return errorKinds.values().stream().mapToLong(LongAdder::sum).sum();
        }

        void error(String kind) {
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        double[] latencies(String kind) {
            List<Double> l = ms.getOrDefault(kind, List.of());
            synchronized (l) {
                return l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            }
        }
    }

    private Load load(URI base, List<String> styles, boolean classify, byte[] painting, int n, long seedOffset)
            throws InterruptedException {
        return load(base, styles, classify, painting, n, seedOffset, null);
    }

    private Load load(URI base, List<String> styles, boolean classify, byte[] painting, int n, long seedOffset,
                      Map<Integer, Long> rssTrace) throws InterruptedException {
        Load load = new Load();
        AtomicInteger next = new AtomicInteger();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds));
        int every = Math.max(1, n / 4);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n && System.nanoTime() < deadline.get(); ) {
                        boolean isClassify = classify && i % classifyEvery == classifyEvery - 1;
                        String kind = isClassify ? "classify" : "generate";
                        HttpRequest.Builder req;
                        if (isClassify) {
                            req = HttpRequest.newBuilder(base.resolve("api/classify")).header("Content-Type", "image/png")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(painting));
                        } else {
                            String body = String.format(Locale.ROOT, "{\"style\":\"%s\",\"emotion\":%d,\"count\":%d,\"seed\":%d}",
                                    styles.get(i % styles.size()), i % 3, count, seedOffset + (long) i * count);
                            req = HttpRequest.newBuilder(base.resolve("api/generate")).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body));
                        }
                        long s = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = client.send(req.timeout(Duration.ofSeconds(120)).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            double ms = (System.nanoTime() - s) / 1e6;
                            if (r.statusCode() != 200 || r.body().length == 0) {
                                load.error(kind + " HTTP " + r.statusCode());
                            } else {
                                List<Double> l = load.ms.computeIfAbsent(kind, k -> new ArrayList<>());
                                synchronized (l) {
                                    l.add(ms);
                                }
                            }
                        } catch (IOException e) {
                            load.error(kind + " " + org.emotionart.util.IoErrors.describe(e));
                        }
                        int finished = load.sent.incrementAndGet();
                        if (rssTrace != null && finished % every == 0 && finished < n) {
                            rssTrace.put(finished, rss(base));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        load.seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return load;
    }

    private long rss(URI base) throws InterruptedException {
        return health(base, "rssBytes");
    }

    private long health(URI base, String field) throws InterruptedException {
        try {
            JsonNode v = getJson(base.resolve("health")).get(field);
            return v == null ? -1 : v.asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(r.body());
    }

    private JsonNode getJsonPost(URI uri, String body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new org.emotionart.EmotionArtException("the server refused a generate request: "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }

    /** The p-th percentile (nearest rank) of sorted values; NaN when there are none. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
