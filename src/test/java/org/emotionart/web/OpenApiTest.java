package org.emotionart.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.emotionart.Emotion;
import org.emotionart.TestBundles;
import org.emotionart.api.EmotionArt;
import org.emotionart.viz.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /api/openapi.json describes exactly the server: every route it has is a path and method there, and
 * real answers (successes and errors) have a documented status and validate against its schemas.
 */
class OpenApiTest {
    static EmotionArt art;
    static WebServer server;
    static Http http;
    static JsonNode spec;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() {
        art = EmotionArt.open(TestBundles.shared());
        server = WebServer.start(art, WebServer.Options.defaults().withPort(0), line -> { });
        http = new Http(server.url());
        HttpResponse<byte[]> r = http.get(WebServer.OPENAPI);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        spec = Http.json(r);
    }

    @AfterAll
    static void stop() {
        server.close();
        art.close();
    }

    @Test
    void everyRouteOfTheServerIsDescribedAndNothingElse() {
        assertEquals("3.1.0", spec.get("openapi").asText());
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = spec.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            spec.get("paths").get(path).fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT)
                    + " " + path));
        }
        assertEquals(new TreeSet<>(server.routes()), documented);
    }

    @Test
    void realAnswersHaveADocumentedStatusAndValidateAgainstTheSchemas() throws Exception {
        check("/health", "get", http.get("/health"));
        check("/api/models", "get", http.get("/api/models"));
        check("/api/generate", "post", http.postJson("/api/generate",
                "{\"style\":\"landscape\",\"emotion\":\"positive\",\"count\":2,\"seed\":7}"));
        check("/api/generate", "post", http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":1}"));
        check("/api/walk", "post", http.postJson("/api/walk", "{\"style\":\"landscape\",\"seed\":3,\"steps\":5}"));
        byte[] png = Images.png(art.generator("landscape").generate(Emotion.NEUTRAL, 1, 1).get(0));
        check("/api/classify", "post", http.post("/api/classify", "image/png", png));
        check("/api/classify", "post", http.postFile("/api/classify", "image", "a.png", "image/png", png));
        // errors: each a documented status with the Error schema
        check("/api/generate", "post", http.postJson("/api/generate", "{\"style\":\"cubism\",\"emotion\":0}"));
        check("/api/generate", "post", http.post("/api/generate", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)));
        check("/api/generate", "post", http.postJson("/api/generate", "{\"style\":\"landscape\",\"emotion\":0,\"x\":\""
                + "x".repeat(70_000) + "\"}"));
        check("/api/generate", "post", http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/generate"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))));
        check("/api/generate", "post", http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/generate"))
                .DELETE()));
        check("/api/walk", "post", http.postJson("/api/walk", "{\"style\":\"landscape\",\"steps\":4}"));
        check("/api/classify", "post", http.post("/api/classify", "image/png", new byte[] {1, 2, 3}));
    }

    /** The answer's status is documented for this operation, and its JSON body fits the schema given there. */
    private static void check(String path, String method, HttpResponse<byte[]> r) {
        JsonNode responses = spec.get("paths").get(path).get(method).get("responses");
        JsonNode response = responses.get(Integer.toString(r.statusCode()));
        assertTrue(response != null, method + " " + path + " answered " + r.statusCode() + ", which is not documented: "
                + Http.text(r));
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), path + " " + r.statusCode() + ": " + type);
        JsonNode schemaRef = response.get("content").get("application/json").get("schema");
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.setAll((ObjectNode) schemaRef.deepCopy());
        schema.set("components", spec.get("components")); // so that #/components/... resolves
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema).validate(Http.json(r));
        assertTrue(errors.isEmpty(), method + " " + path + " " + r.statusCode() + ": " + errors + " in " + Http.text(r)
                .substring(0, Math.min(300, Http.text(r).length())));
    }

    private static JsonNode resolve(String ref) {
        JsonNode n = spec;
        for (String part : ref.substring(2).split("/")) {
            n = n.get(part);
        }
        return n;
    }
}
