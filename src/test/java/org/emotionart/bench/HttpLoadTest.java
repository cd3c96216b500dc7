package org.emotionart.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a stand-in server: its clients are really concurrent though a few threads
 * drive them, and a refused client keeps (or, flooding, ignores) the server's Retry-After.
 */
class HttpLoadTest {
    private HttpServer server;
    private ExecutorService threads;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    /** The arrival times (ms) of each seed's requests, to see when a refused client came back. */
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    /** Generate answers 200 after {@code holdMs}, or 503 with Retry-After 1 to the first request of each client. */
    private URI start(long holdMs, boolean refuseFirst) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/health", ex -> answer(ex, 200, "{\"rssBytes\":1000000}", null));
        AtomicInteger seen = new AtomicInteger();
        server.createContext("/api/generate", ex -> {
            ex.getRequestBody().readAllBytes();
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                if (refuseFirst && seen.getAndIncrement() == 0) {
                    arrivals.computeIfAbsent("refused", k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(System.nanoTime() / 1_000_000);
                    answer(ex, 503, "{\"error\":\"busy\"}", "1");
                    return;
                }
                arrivals.computeIfAbsent("served", k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(System.nanoTime() / 1_000_000);
                Thread.sleep(holdMs);
                answer(ex, 200, "{\"images\":[]}", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void answer(HttpExchange ex, int status, String body, String retryAfter) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void manyClientsAreInFlightAtOnceThoughFewThreadsDriveThem() throws Exception {
        int clients = 4 * HttpLoad.DRIVER_THREADS + 8;
        HttpLoad load = new HttpLoad(start(400, false), clients, 1, 1000, 60);
        HttpLoad.Result r = load.run(List.of("landscape"), false, null, 2 * clients, 0, null);
        assertEquals(0, r.errors(), r.errorKinds().toString());
        assertEquals(2 * clients, r.latencies("generate").length);
        assertEquals(clients, mostInFlight.get(), "every client had a request in flight at once");
        assertTrue(r.latencies("generate")[0] >= 400, "a latency is the request's whole time");
    }

    @Test
    void aRefusedClientWaitsForRetryAfterUnlessFlooding() throws Exception {
        HttpLoad polite = new HttpLoad(start(0, true), 1, 1, 1000, 60);
        HttpLoad.Result r = polite.run(List.of("landscape"), false, null, 2, 0, null);
        assertEquals(1, r.latencies("generate 503").length);
        assertEquals(1, r.latencies("generate").length);
        long gap = arrivals.get("served").get(0) - arrivals.get("refused").get(0);
        assertTrue(gap >= 1000, "came back after Retry-After's second, not " + gap + " ms");
        stop();

        arrivals.clear();
        HttpLoad flood = new HttpLoad(start(0, true), 1, 1, 1000, 60, false);
        flood.run(List.of("landscape"), false, null, 2, 0, null);
        gap = arrivals.get("served").get(0) - arrivals.get("refused").get(0);
        assertTrue(gap < 1000, "a flood comes back at once, not after " + gap + " ms");
    }
}
