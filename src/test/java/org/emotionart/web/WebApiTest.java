package org.emotionart.web;

import static org.emotionart.web.Http.json;
import static org.emotionart.web.Http.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.emotionart.Emotion;
import org.emotionart.TestBundles;
import org.emotionart.api.EmotionArt;
import org.emotionart.api.Prediction;
import org.emotionart.viz.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API against a running server on a free local port, over real (tiny) bundles. */
class WebApiTest {
    static EmotionArt art;
    static WebServer server;
    static Http http;
    static final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        art = EmotionArt.open(TestBundles.shared());
        server = WebServer.start(art, WebServer.Options.defaults().withPort(0), log::add);
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (art != null) {
            art.close();
        }
    }

    static byte[] png(JsonNode image) {
        return Base64.getDecoder().decode(image.get("png").asText());
    }

    static BufferedImage decode(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img != null, "a PNG");
        return img;
    }

    static void assertError(HttpResponse<byte[]> r, int status, String... fragments) {
        assertEquals(status, r.statusCode(), text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), text(r));
        JsonNode body = json(r);
        String error = body.get("error").asText();
        assertEquals(status, body.get("status").asInt());
        for (String f : fragments) {
            assertTrue(error.contains(f), "'" + f + "' in: " + error);
        }
        assertFalse(text(r).contains("\tat ") || text(r).contains("Exception:") || text(r).contains(".java:"),
                "no stack trace: " + text(r));
    }

    @Test
    void healthAndModels() {
        HttpResponse<byte[]> h = http.get("/health");
        assertEquals(200, h.statusCode());
        JsonNode health = json(h);
        assertEquals("ok", health.get("status").asText());
        assertEquals(2, health.get("styles").asInt());
        assertTrue(health.get("classifier").asBoolean());
        assertTrue(health.get("rssBytes").asLong() > 0);

        JsonNode models = json(http.get("/api/models"));
        assertEquals("[\"landscape\",\"portrait\"]", models.get("styles").toString());
        assertEquals("[\"negative\",\"neutral\",\"positive\"]", models.get("emotions").toString());
        assertEquals(64, models.get("maxCount").asInt());
        assertEquals(10 << 20, models.get("maxUploadBytes").asLong());
        assertEquals(3, models.get("models").size());
        for (JsonNode m : models.get("models")) {
            assertNull(m.get("path"), "no server paths: " + m);
            assertTrue(m.get("bytes").asLong() > 0);
        }
    }

    @Test
    void generateGivesTheFacadesPaintingsForTheSeed() throws Exception {
        HttpResponse<byte[]> r = http.postJson("/api/generate",
                "{\"style\":\"portrait\",\"emotion\":\"positive\",\"count\":3,\"seed\":7}");
        assertEquals(200, r.statusCode(), text(r));
        assertEquals("7", r.headers().firstValue("X-Seed").orElse(""));
        JsonNode body = json(r);
        assertEquals("portrait", body.get("style").asText());
        assertEquals("positive", body.get("emotion").asText());
        assertEquals(7, body.get("seed").asLong());
        assertFalse(body.get("randomSeed").asBoolean());
        assertEquals("portrait - positive (seeds 7..9)", body.get("caption").asText());
        List<BufferedImage> expected = art.generator("portrait").generate(Emotion.POSITIVE, 3, 7);
        assertEquals(3, body.get("images").size());
        for (int i = 0; i < 3; i++) {
            JsonNode image = body.get("images").get(i);
            assertEquals(7 + i, image.get("seed").asLong());
            assertArrayEquals(Images.png(expected.get(i)), png(image), "image " + i);
            assertEquals(16, decode(png(image)).getWidth());
        }
        // emotion by index, count by default
        JsonNode one = json(http.postJson("/api/generate", "{\"style\":\"portrait\",\"emotion\":2,\"seed\":8}"));
        assertEquals(1, one.get("images").size());
        assertArrayEquals(Images.png(expected.get(1)), png(one.get("images").get(0)), "seed 8 alone");
    }

    @Test
    void generateWithoutASeedDrawsOneAndSaysWhich() {
        JsonNode body = json(http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":\"neutral\",\"count\":2}"));
        assertTrue(body.get("randomSeed").asBoolean());
        long seed = body.get("seed").asLong();
        assertTrue(seed >= 0 && seed < Requests.RANDOM_SEED_BOUND, "seed " + seed);
        JsonNode again = json(http.postJson("/api/generate",
                "{\"style\":\"landscape\",\"emotion\":\"neutral\",\"count\":2,\"seed\":" + seed + "}"));
        assertEquals(body.get("images").toString(), again.get("images").toString(), "the seed reproduces them");
        JsonNode nullSeed = json(http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":\"neutral\",\"seed\":null}"));
        assertTrue(nullSeed.get("randomSeed").asBoolean());
    }

    @Test
    void generateAsGridPngOrZip() throws Exception {
        String req = "{\"style\":\"landscape\",\"emotion\":\"negative\",\"count\":4,\"seed\":100}";
        for (HttpResponse<byte[]> r : List.of(http.postJson("/api/generate?format=png", req),
                http.postJson("/api/generate", req, "image/png"))) {
            assertEquals(200, r.statusCode(), text(r));
            assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
            BufferedImage grid = decode(r.body());
            assertTrue(grid.getWidth() > 4 * 16 && grid.getHeight() > 16, grid.getWidth() + "x" + grid.getHeight());
        }
        HttpResponse<byte[]> zip = http.postJson("/api/generate", req, "application/zip");
        assertEquals(200, zip.statusCode(), text(zip));
        assertTrue(zip.headers().firstValue("Content-Disposition").orElse("").contains("landscape-negative-100.zip"));
        List<String> names = new ArrayList<>();
        List<BufferedImage> expected = art.generator("landscape").generate(Emotion.NEGATIVE, 4, 100);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertArrayEquals(Images.png(expected.get(names.size() - 1)), in.readAllBytes(), e.getName());
            }
        }
        assertEquals(List.of("landscape-negative-100.png", "landscape-negative-101.png", "landscape-negative-102.png",
                "landscape-negative-103.png"), names);
        // JSON when asked first, and ?format wins over Accept
        assertEquals("application/json", http.postJson("/api/generate", req, "application/json, image/png")
                .headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("application/zip", http.postJson("/api/generate?format=zip", req, "image/png")
                .headers().firstValue("Content-Type").orElse(""));
        assertError(http.postJson("/api/generate?format=gif", req), 400, "unknown format 'gif'", "json, png, zip");
    }

    @Test
    void walkMovesOnePaintingFromNegativeThroughNeutralToPositive() throws Exception {
        JsonNode body = json(http.postJson("/api/walk", "{\"style\":\"landscape\",\"seed\":42}"));
        assertEquals(42, body.get("seed").asLong());
        assertEquals(9, body.get("images").size());
        for (Emotion e : Emotion.values()) {
            JsonNode image = body.get("images").get(4 * e.index());
            assertEquals(e.label(), image.get("label").asText());
            byte[] alone = Images.png(art.generator("landscape").generate(e, 1, 42).get(0));
            assertArrayEquals(alone, png(image), e + " at seed 42 is that grid's painting");
        }
        JsonNode between = body.get("images").get(1);
        assertEquals("75% negative, 25% neutral", between.get("label").asText());
        assertEquals(0.25, between.get("weights").get("neutral").asDouble(), 1e-6);
        assertEquals(5, json(http.postJson("/api/walk", "{\"style\":\"landscape\",\"seed\":1,\"steps\":5}"))
                .get("images").size());
        assertTrue(json(http.postJson("/api/walk", "{\"style\":\"landscape\"}")).get("randomSeed").asBoolean());
        assertError(http.postJson("/api/walk", "{\"style\":\"landscape\",\"steps\":4}"), 400, "odd integer from 3 to 33");
    }

    @Test
    void classifyRawBytesOrMultipartGivesTheFacadesPrediction() {
        BufferedImage painting = art.generator("landscape").generate(Emotion.POSITIVE, 1, 3).get(0);
        byte[] png = Images.png(painting);
        Prediction expected = art.classifier().classify(painting);
        List<HttpResponse<byte[]>> answers = List.of(
                http.post("/api/classify", "image/png", png),
                http.post("/api/classify", "application/octet-stream", png),
                http.postFile("/api/classify", "image", "../../etc/passwd", "image/png", png),
                http.postFile("/api/classify", "picture", "x.png", "application/octet-stream", png));
        for (HttpResponse<byte[]> r : answers) {
            assertEquals(200, r.statusCode(), text(r));
            JsonNode body = json(r);
            assertEquals(expected.emotion().label(), body.get("emotion").asText());
            double sum = 0;
            for (Emotion e : Emotion.values()) {
                double p = body.get("probabilities").get(e.label()).asDouble();
                assertEquals(expected.probability(e), p, 1e-5, e.label());
                sum += p;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void badInputIs400WithAMessageSayingWhatWasWrong() {
        String g = "/api/generate";
        assertError(http.postJson(g, "{\"style\":\"cubism\",\"emotion\":\"positive\"}"), 400,
                "unknown style \"cubism\"", "landscape, portrait");
        assertEquals("[\"landscape\",\"portrait\"]",
                json(http.postJson(g, "{\"style\":\"cubism\",\"emotion\":\"positive\"}")).get("allowed").toString());
        assertError(http.postJson(g, "{\"emotion\":\"positive\"}"), 400, "style is required");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":\"joyful\"}"), 400,
                "unknown emotion \"joyful\"", "negative, neutral, positive");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":5}"), 400, "unknown emotion 5");
        assertError(http.postJson(g, "{\"style\":\"landscape\"}"), 400, "emotion is required");
        for (String count : List.of("0", "65", "2.5", "\"3\"", "-1", "99999999999")) {
            assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"count\":" + count + "}"), 400,
                    "count must be an integer from 1 to 64, got " + count);
        }
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"seed\":\"abc\"}"), 400, "seed must be an integer");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"seed\":10000000000000000}"), 400,
                "seed must be an integer from -1000000000000000 to 1000000000000000");
        // the paintings take seeds seed .. seed + count - 1: the last must be in range too (was a 500)
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"count\":64,\"seed\":999999999999999}"),
                400, "seed 999999999999999 with count 64 runs past the last seed", "from -1000000000000000 to 999999999999937");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"colour\":\"red\"}"), 400,
                "unknown field 'colour'", "count, emotion, seed, style");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":"), 400, "malformed JSON at line 1");
        assertError(http.postJson(g, "style=landscape&emotion=positive"), 400, "malformed JSON");
        assertError(http.postJson(g, "[1,2]"), 400, "expected a JSON object", "got array");
        assertError(http.postJson(g, "{\"style\":\"landscape\",\"emotion\":0,\"count\":1,\"count\":64}"), 400,
                "malformed JSON", "Duplicate field 'count'");
        // Jackson's own limits, said without the names of its settings
        HttpResponse<byte[]> deep = http.postJson(g, "{\"style\":" + "[".repeat(1200));
        assertError(deep, 400, "malformed JSON", "nesting depth (1001) exceeds the maximum allowed (1000)");
        assertFalse(text(deep).contains("`") || text(deep).contains("StreamRead"), text(deep));
        assertError(http.postJson(g, ""), 400, "empty body");
        assertError(http.postJson("/api/walk", "{\"style\":\"landscape\",\"count\":3}"), 400, "unknown field 'count'");

        assertError(http.post("/api/classify", "image/png", "I am not a painting".getBytes(StandardCharsets.UTF_8)),
                400, "not a readable image", "not an image in a format this program reads (JPEG, PNG, GIF, BMP, TIFF");
        assertError(http.post("/api/classify", "image/png", new byte[0]), 400, "no image");
        byte[] png = Images.png(art.generator("landscape").generate(Emotion.POSITIVE, 1, 3).get(0));
        assertError(http.post("/api/classify", "image/png", java.util.Arrays.copyOf(png, png.length / 2)), 400,
                "not a readable image");
        assertError(http.postFile("/api/classify", "image", "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
                400, "not a readable image");
        assertError(http.post("/api/classify", "multipart/form-data; boundary=xyz", "garbage".getBytes(StandardCharsets.UTF_8)),
                400);

        assertError(http.get("/api/nothing"), 404, "no such page or endpoint: GET /api/nothing");
        assertError(http.get("/api/generate"), 405, "method GET is not allowed on /api/generate: use POST");
        assertEquals(200, http.get("/health").statusCode(), "still serving");
    }

    @Test
    void oversizedBodiesAre413WithTheLimit() {
        String big = "{\"style\":\"landscape\",\"emotion\":0,\"pad\":\"" + "x".repeat(70_000) + "\"}";
        assertError(http.postJson("/api/generate", big), 413, "the JSON body is larger than the limit of 64 KiB (65536 bytes)");
        try (EmotionArt same = EmotionArt.open(TestBundles.shared());
             WebServer small = WebServer.start(same, WebServer.Options.defaults().withPort(0).withMaxUploadBytes(4096),
                     line -> { })) {
            Http h = new Http(small.url());
            byte[] body = new byte[5000];
            assertError(h.post("/api/classify", "image/png", body), 413, "the image is larger than the limit of 4 KiB (4096 bytes)");
            assertError(h.postFile("/api/classify", "image", "big.png", "image/png", body), 413, "larger than the limit of 4 KiB");
            assertEquals(4096, json(h.get("/api/models")).get("maxUploadBytes").asLong());
        }
    }

    @Test
    void slowUploadsCannotTakeTheThreadsHealthNeeds() throws Exception {
        // every POST that is still arriving holds a Jetty thread: past the request slots they get 503 at once,
        // and /health keeps its spare threads (64 connections trickling a body once made /health time out)
        try (EmotionArt same = EmotionArt.open(TestBundles.shared());
             WebServer one = WebServer.start(same, WebServer.Options.defaults().withPort(0).withWorkers(1), line -> { })) {
            int slots = WebServer.threads(1) - WebServer.SPARE_THREADS;
            // an image upload far larger than what trickles in over the test, so that none completes
            byte[] slowHead = ("POST /api/classify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 5000000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1);
            byte[] head = ("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 60000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1);
            List<java.net.Socket> slow = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            // slow but well above the minimum rate (1 KiB/s): 1 KiB every 100 ms each, so they keep their
            // slots even on a busy machine
            Thread trickle = new Thread(() -> {
                byte[] spaces = " ".repeat(1024).getBytes(StandardCharsets.ISO_8859_1);
                while (sending.get()) {
                    for (java.net.Socket s : slow) {
                        try {
                            s.getOutputStream().write(spaces);
                        } catch (java.io.IOException ignored) {
                            // refused with 503: the server closed it
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                for (int i = 0; i < slots + 8; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", one.port());
                    s.getOutputStream().write(slowHead);
                    slow.add(s);
                }
                trickle.start();
                // the slow requests take their slots as Jetty dispatches them, and the 8 past the slots are
                // refused; probing only then, so that no probe takes a slot one of them would have had
                long deadline = System.nanoTime() + 30_000_000_000L; // a busy machine dispatches slowly
                java.util.Set<java.net.Socket> refused = new java.util.HashSet<>();
                while (refused.size() < 8 && System.nanoTime() < deadline) {
                    for (java.net.Socket s : slow) {
                        if (s.getInputStream().available() > 0) {
                            refused.add(s);
                        }
                    }
                    Thread.sleep(50);
                }
                assertEquals(8, refused.size(), "slow requests answered before their bodies arrived");
                for (java.net.Socket s : refused) {
                    String answer = new String(s.getInputStream().readNBytes(s.getInputStream().available()),
                            StandardCharsets.ISO_8859_1);
                    assertTrue(answer.startsWith("HTTP/1.1 503 ") && answer.contains("every request slot is taken"), answer);
                }
                Http h = new Http(one.url());
                HttpResponse<byte[]> busy = h.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":0}");
                assertError(busy, 503, "every request slot is taken");
                // as the gate's refusals: 1 to 3 s, drawn at random so that a refused crowd does not return together
                assertTrue(busy.headers().firstValue("Retry-After").orElse("").matches("[123]"), busy.headers().toString());
                for (int i = 0; i < 20; i++) {
                    assertEquals(200, h.get("/health").statusCode());
                }
            } finally {
                sending.set(false);
                trickle.join();
                for (java.net.Socket s : slow) {
                    s.close();
                }
            }
            // the slots come back when those clients go away
            Http h = new Http(one.url());
            long deadline = System.nanoTime() + 30_000_000_000L; // a busy machine dispatches slowly
            HttpResponse<byte[]> again;
            do {
                again = h.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":0}");
            } while (again.statusCode() != 200 && System.nanoTime() < deadline);
            assertEquals(200, again.statusCode(), text(again));

            // a body that trickles in slower than the minimum rate is refused, in the app's JSON
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", one.port())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(head);
                String answer = "";
                for (int i = 0; i < 20 && answer.isEmpty(); i++) {
                    Thread.sleep(500);
                    try {
                        s.getOutputStream().write(' ');
                    } catch (java.io.IOException closed) {
                        break;
                    }
                    if (s.getInputStream().available() > 0) {
                        break;
                    }
                }
                answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
                assertTrue(answer.contains("\"error\":\"the request could not be read: its body arrived slower than "
                        + "1024 bytes a second\""), answer);
            }
        }
    }

    @Test
    void pageAndItsFilesAreServedWithSecurityHeaders() {
        HttpResponse<byte[]> page = http.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(text(page).contains("<title>emotion-art</title>"), text(page));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(200, http.get("/app.js").statusCode());
        assertEquals(200, http.get("/app.css").statusCode());
    }

    @Test
    void concurrentRequestsShareTheModelsAndGetTheirOwnPaintings() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String style = TestBundles.SHARED_STYLES[i % 2];
                Emotion emotion = Emotion.of(i % 3);
                int seed = 1000 + i;
                int count = 1 + (i * 7) % 20;
                results.add(pool.submit(() -> {
                    JsonNode body = json(http.postJson("/api/generate", "{\"style\":\"" + style + "\",\"emotion\":\""
                            + emotion.label() + "\",\"count\":" + count + ",\"seed\":" + seed + "}"));
                    List<BufferedImage> expected = art.generator(style).generate(emotion, count, seed);
                    assertEquals(count, body.get("images").size());
                    for (int k = 0; k < count; k++) {
                        assertArrayEquals(Images.png(expected.get(k)), png(body.get("images").get(k)));
                    }
                    return null;
                }));
                if (i % 6 == 0) {
                    results.add(pool.submit(() -> assertEquals(200, http.get("/health").statusCode())));
                }
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyRequestIsLoggedAsMethodPathStatusAndMilliseconds() {
        http.get("/health");
        http.get("/api/nope");
        assertTrue(log.stream().anyMatch(l -> l.matches("GET /health 200 \\d+\\.\\d ms")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.matches("GET /api/nope 404 \\d+\\.\\d ms")), String.join("\n", log));
    }

    /** One raw HTTP/1.1 request (the JDK's client will not send another Host); the status line and body. */
    static String[] raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new String[] {all.lines().findFirst().orElse(""), all.substring(all.indexOf("\r\n\r\n") + 4)};
        }
    }

    @Test
    void otherSitesAndOtherHostNamesAreRefusedWithJson403() throws Exception {
        String body = "{\"style\":\"landscape\",\"emotion\":\"positive\",\"count\":1}";
        // a page of another site posting a "simple" request (no CORS preflight)
        HttpResponse<byte[]> cross = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/generate"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertError(cross, 403, "requests from other web sites are refused", "evil.example");
        HttpResponse<byte[]> own = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/generate"))
                .header("Origin", "http://127.0.0.1:" + server.port()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, own.statusCode(), text(own));
        assertError(http.post("/api/generate", "text/plain", body.getBytes()), 415, "send application/json");
        assertError(http.post("/api/generate", "multipart/form-data; boundary=x", body.getBytes()), 415);
        assertError(http.post("/api/classify", "text/plain", new byte[] {1, 2}), 415, "an image (image/jpeg");
        // routing accepts a trailing slash, so the checks must too
        assertError(http.post("/api/generate/", "text/plain", body.getBytes()), 415, "send application/json");
        assertError(http.post("/api/classify//", "text/plain", new byte[] {1, 2}), 415, "an image (image/jpeg");
        HttpResponse<byte[]> gzip = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/generate"))
                .header("Content-Encoding", "gzip").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertError(gzip, 415, "Content-Encoding gzip is not accepted");

        // DNS rebinding: a foreign name for this address, on the API and on the page alike
        for (String path : List.of("/api/models", "/")) {
            String[] r = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            assertTrue(r[0].contains(" 403 "), r[0]);
            assertTrue(r[1].contains("answers only to the host names it serves") && r[1].contains("evil.example"), r[1]);
        }
        String[] noHost = raw("GET /health HTTP/1.0\r\n\r\n");
        assertTrue(noHost[0].contains(" 403 ") && noHost[1].contains("this request named none (no Host header)"),
                noHost[0] + noHost[1]);
        String[] local = raw("GET /health HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(local[0].contains(" 200 "), local[0]);
        // an Origin of another address, even one this server answers to, is another site
        String body2 = "{\"style\":\"landscape\",\"emotion\":0}";
        String[] otherAddress = raw("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: http://localhost:" + server.port() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body2.length() + "\r\nConnection: close\r\n\r\n" + body2);
        assertTrue(otherAddress[0].contains(" 403 "), otherAddress[0] + otherAddress[1]);
        String[] nullOrigin = raw("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nOrigin: null\r\nContent-Type: application/json\r\nContent-Length: " + body2.length()
                + "\r\nConnection: close\r\n\r\n" + body2);
        assertTrue(nullOrigin[0].contains(" 403 "), nullOrigin[0]);
        // a POST to a GET route is a wrong method (405), not a wrong media type
        assertEquals(405, http.post("/health", "text/plain", new byte[] {1}).statusCode());
        assertTrue(RequestGuard.isIpLiteral("10.0.0.1") && RequestGuard.isIpLiteral("::1"));
        assertFalse(RequestGuard.isIpLiteral("cafe") || RequestGuard.isIpLiteral("1.2.3.4.5")
                || RequestGuard.isIpLiteral("evil.example"), "names are never looked up as addresses");
        assertEquals(8080, RequestGuard.portOf("[::1]:8080", 80));
        assertEquals(80, RequestGuard.portOf("[::1]", 80));
        assertEquals("localhost", RequestGuard.hostOf("LocalHost:80"));
        assertEquals("::1", RequestGuard.hostOf("[::1]:8080"));
    }

    private static final String OPENAPI_PATH = WebServer.OPENAPI;

    @Test
    void errorsJettyAnswersItselfAreTheAppsJsonTooAnd405SaysWhatIsAllowed() throws Exception {
        String[] badPath = raw("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(badPath[0].contains(" 400 "), badPath[0]);
        assertTrue(badPath[1].startsWith("{\"error\":\"bad request") && badPath[1].contains("\"status\":400"), badPath[1]);
        String[] longUrl = raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(longUrl[0].contains(" 414 ") && longUrl[1].contains("the URL is too long"), longUrl[0] + longUrl[1]);
        String[] bigHeader = raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(10_000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(bigHeader[0].contains(" 431 ") && bigHeader[1].contains("headers are too large"),
                bigHeader[0] + bigHeader[1]);

        HttpResponse<byte[]> delete = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/generate")).DELETE());
        assertError(delete, 405, "use POST");
        assertEquals("POST", delete.headers().firstValue("Allow").orElse(""));
        HttpResponse<byte[]> put = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + "/api/models"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, put.statusCode());
        assertEquals("GET, HEAD", put.headers().firstValue("Allow").orElse(""));

        // the page's files are GET only: another method on one is 405 with what is allowed, not 404
        for (String page : List.of("/", "/index.html", "/app.js", OPENAPI_PATH)) {
            HttpResponse<byte[]> post = http.post(page, "text/plain", new byte[] {1});
            assertError(post, 405, "method POST is not allowed on " + page + ": use GET");
            assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""), page);
        }
        assertError(http.post("/no-such-page.html", "text/plain", new byte[] {1}), 404, "no such page");
        // HEAD answers as GET does, without the body
        for (String path : List.of("/health", "/api/models")) {
            HttpResponse<byte[]> head = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                    .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.statusCode(), path);
            assertTrue(head.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    path + ": " + head.headers().map());
            assertEquals(0, head.body().length, path);
        }

        assertError(http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":0} garbage"), 400,
                "malformed JSON");
        assertError(http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":0} {}"), 400,
                "malformed JSON");
    }
}
