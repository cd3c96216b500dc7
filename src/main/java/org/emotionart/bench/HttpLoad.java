package org.emotionart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.emotionart.EmotionArtException;
import org.emotionart.util.IoErrors;

/**
 * A load generator for the web server's HTTP API: concurrent clients send a fixed number of
 * requests (generate {@code count} images as JSON; every {@code classifyEvery}-th request classifies
 * a painting instead) and the latency of each is kept; the server's memory is read from
 * {@code /health}. A client that gets 503 with {@code Retry-After: N} waits N seconds before its next
 * request, as a well-behaved HTTP client does, unless the load ignores it (a flood that retries at once).
 */
public final class HttpLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /**
     * The monitor's own client (its own connection and selector thread), as a load balancer's health check
     * would be: with the clients' one, a /health answer waited behind the clients' responses in this process.
     */
    private final HttpClient monitor = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final int clients;
    private final int count;
    private final int classifyEvery;
    private final int maxSeconds;
    private final boolean honourRetryAfter;

    /** Load on the server at {@code base}; a run stops sending after {@code maxSeconds}. */
    public HttpLoad(URI base, int clients, int count, int classifyEvery, int maxSeconds) {
        this(base, clients, count, classifyEvery, maxSeconds, true);
    }

    /** As above; {@code honourRetryAfter} false: a refused client sends its next request at once. */
    public HttpLoad(URI base, int clients, int count, int classifyEvery, int maxSeconds, boolean honourRetryAfter) {
        this.honourRetryAfter = honourRetryAfter;
        this.base = base;
        this.clients = clients;
        this.count = count;
        this.classifyEvery = classifyEvery;
        this.maxSeconds = maxSeconds;
    }

    /** One bundle the server serves, as {@code /api/models} describes it. */
    public record Model(String name, long version, String trainedOn, long steps, long bytes) {
    }

    /** What the server serves: its styles, whether it has a classifier, and its bundles. */
    public record Served(List<String> styles, boolean classifier, List<Model> models) {
    }

    /** Asks {@code /api/models}. */
    public Served served() throws IOException, InterruptedException {
        JsonNode info = getJson(base.resolve("api/models"));
        List<String> styles = new ArrayList<>();
        info.get("styles").forEach(s -> styles.add(s.asText()));
        List<Model> models = new ArrayList<>();
        for (JsonNode m : info.get("models")) {
            models.add(new Model(m.get("name").asText(), m.get("version").asLong(), m.get("trainedOn").asText(),
                    m.get("steps").asLong(), m.get("bytes").asLong()));
        }
        JsonNode classifier = info.get("classifier");
        return new Served(styles, classifier != null && classifier.asBoolean(), models);
    }

    /** A positive painting of {@code style}, seed 1, as PNG bytes: what the classify requests send. */
    public byte[] painting(String style) throws IOException, InterruptedException {
        return Base64.getDecoder().decode(getJsonPost(base.resolve("api/generate"),
                "{\"style\":\"" + style + "\",\"emotion\":\"positive\",\"seed\":1}").get("images").get(0)
                .get("png").asText());
    }

    /** Requests and their outcomes. */
    public static final class Result {
        private final AtomicInteger sent = new AtomicInteger();
        private final Map<String, List<Double>> ms = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicLong peakRss = new java.util.concurrent.atomic.AtomicLong(-1);
        private double seconds;

        /** The largest server RSS (bytes) the /health probe saw during the run; -1 when it saw none. */
        public long peakRss() {
            return peakRss.get();
        }

        public int sent() {
            return sent.get();
        }

        public double seconds() {
            return seconds;
        }

        public long errors() {
            return errorKinds.values().stream().mapToLong(LongAdder::sum).sum();
        }

        /** Errors by kind ("generate HTTP 503", ...). */
        public Map<String, LongAdder> errorKinds() {
            return errorKinds;
        }

        void error(String kind) {
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        /**
     * The latencies (ms) of the successful requests of a kind, "generate", "classify" or "health", sorted;
     * "generate 503" and "classify 503": how long the refusals took to come back.
     */
        public double[] latencies(String kind) {
            List<Double> l = ms.getOrDefault(kind, List.of());
            synchronized (l) {
                return l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            }
        }
    }

    /**
     * Sends {@code n} requests from the clients: generate requests cycle through {@code styles} and the
     * emotions, with seeds from {@code seedOffset}; when {@code classify}, every classifyEvery-th sends
     * {@code painting}. With {@code rssTrace}, the server's RSS is recorded after each quarter of them.
     */
    public Result run(List<String> styles, boolean classify, byte[] painting, int n, long seedOffset,
                      Map<Integer, Long> rssTrace) throws InterruptedException {
        Result load = new Result();
        AtomicInteger next = new AtomicInteger();
        AtomicLong deadline = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds));
        int every = Math.max(1, n / 4);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        Thread probe = healthProbe(load, done);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n && System.nanoTime() < deadline.get(); ) {
                        boolean isClassify = classify && i % classifyEvery == classifyEvery - 1;
                        long retryAfter = send(client, load, isClassify ? classifyRequest(painting)
                                : generateRequest(styles, i, seedOffset), isClassify ? "classify" : "generate");
                        int finished = load.sent.incrementAndGet();
                        if (honourRetryAfter && retryAfter > 0) {
                            long wait = Math.min(TimeUnit.SECONDS.toNanos(retryAfter), deadline.get() - System.nanoTime());
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                        if (rssTrace != null && finished % every == 0 && finished < n) {
                            rssTrace.put(finished, rss());
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
        probe.join();
        pool.shutdown();
        return load;
    }

    /**
     * What a monitor sees while the clients run: GET /health every 20 ms on its own connection, booked
     * as kind "health" (latencies, or errors "health ..."), until the clients are done; the RSS each
     * answer reports is kept for {@link Result#peakRss()}.
     */
    private Thread healthProbe(Result load, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try {
                while (!done.await(20, TimeUnit.MILLISECONDS)) {
                    send(monitor, load, HttpRequest.newBuilder(base.resolve("health")).GET(), "health");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "health-probe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private HttpRequest.Builder classifyRequest(byte[] painting) {
        return HttpRequest.newBuilder(base.resolve("api/classify")).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(painting));
    }

    private HttpRequest.Builder generateRequest(List<String> styles, int i, long seedOffset) {
        String body = String.format(Locale.ROOT, "{\"style\":\"%s\",\"emotion\":%d,\"count\":%d,\"seed\":%d}",
                styles.get(i % styles.size()), i % 3, count, seedOffset + (long) i * count);
        return HttpRequest.newBuilder(base.resolve("api/generate")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends one request and books its latency, or its failure as an error of its kind. */
    /** Sends one request and books it; returns the seconds of a 503's Retry-After, else 0. */
    private static long send(HttpClient http, Result load, HttpRequest.Builder req, String kind)
            throws InterruptedException {
        long s = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(req.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - s) / 1e6;
            if (r.statusCode() != 200 || r.body().length == 0) {
                load.error(kind + " HTTP " + r.statusCode()
                        + (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()
                        ? " without Retry-After" : ""));
                if (r.statusCode() == 503) {
                    book(load, kind + " 503", ms);
                    try {
                        return Math.max(0, Math.min(60, Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"))));
                    } catch (NumberFormatException e) {
                        return 0; // an HTTP date: not what this server sends
                    }
                }
            } else {
                if (kind.equals("health")) {
                    try {
                        JsonNode rss = JSON.readTree(r.body()).get("rssBytes");
                        if (rss != null) {
                            load.peakRss.accumulateAndGet(rss.asLong(), Math::max);
                        }
                    } catch (IOException ignored) {
                        // not JSON: the latency still counts; the peak misses one reading
                    }
                }
                book(load, kind, ms);
            }
        } catch (IOException e) {
            load.error(kind + " " + IoErrors.describe(e));
        }
        return 0;
    }

    private static void book(Result load, String kind, double ms) {
        List<Double> l = load.ms.computeIfAbsent(kind, k -> new ArrayList<>());
        synchronized (l) {
            l.add(ms);
        }
    }

    /** The server's resident memory in bytes; -1 when it cannot say. */
    public long rss() throws InterruptedException {
        return health("rssBytes");
    }

    /** A number field of {@code /health}; -1 when it is missing or the server does not answer. */
    public long health(String field) throws InterruptedException {
        try {
            JsonNode v = getJson(base.resolve("health")).get(field);
            return v == null ? -1 : v.asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = monitor.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(r.body());
    }

    private JsonNode getJsonPost(URI uri, String body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new EmotionArtException("the server refused a generate request: "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(r.body());
    }
}
