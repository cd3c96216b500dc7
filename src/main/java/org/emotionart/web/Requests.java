package org.emotionart.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.emotionart.Emotion;
import org.emotionart.api.ArtGenerator;

/** The JSON bodies of {@code /api/generate} and {@code /api/walk}, checked field by field. */
final class Requests {
    /**
     * Seeds the API accepts: integers up to 10^15 in size, well inside the integers a JavaScript
     * number holds exactly (2^53), so a seed survives a round trip through a browser.
     */
    static final long MAX_SEED = org.emotionart.api.ArtGenerator.MAX_SEED;
    /** Seeds drawn for "surprise me": short enough to read out and type back. */
    static final int RANDOM_SEED_BOUND = 1_000_000_000;

    private Requests() {
    }

    /** {@code {"style", "emotion", "count" (default 1), "seed" (default random)}}. */
    record Generate(String style, Emotion emotion, int count, long seed, boolean seedWasRandom) {
    }

    /** {@code {"style", "seed" (default random)}}: one painting per emotion at the same noise. */
    record Walk(String style, long seed, boolean seedWasRandom, int steps) {
    }

    /** Frames of a walk: odd, so that neutral is one of them; 9 by default. */
    static final int DEFAULT_WALK_STEPS = 9;
    static final int MAX_WALK_STEPS = org.emotionart.api.ArtGenerator.MAX_WALK_STEPS;

    static Generate generate(ObjectMapper mapper, byte[] body, List<String> styles) {
        ObjectNode json = object(mapper, body, Set.of("style", "emotion", "count", "seed"));
        String style = style(json, styles);
        Emotion emotion = emotion(json);
        int count = count(json);
        Long seed = seed(json);
        if (seed != null && seed > MAX_SEED - (count - 1)) {
            // the paintings take seeds seed .. seed + count - 1, and each must be in range
            throw ApiException.badRequest("seed " + seed + " with count " + count + " runs past the last seed, "
                    + MAX_SEED + ": with count " + count + " the seed must be from -" + MAX_SEED + " to "
                    + (MAX_SEED - (count - 1)));
        }
        return new Generate(style, emotion, count, seed == null ? randomSeed() : seed, seed == null);
    }

    static Walk walk(ObjectMapper mapper, byte[] body, List<String> styles) {
        ObjectNode json = object(mapper, body, Set.of("style", "seed", "steps"));
        String style = style(json, styles);
        Long seed = seed(json);
        return new Walk(style, seed == null ? randomSeed() : seed, seed == null, steps(json));
    }

    static long randomSeed() {
        return ThreadLocalRandom.current().nextInt(RANDOM_SEED_BOUND);
    }

    static ObjectNode object(ObjectMapper mapper, byte[] body, Set<String> fields) {
        if (body.length == 0) {
            throw ApiException.badRequest("empty body: send a JSON object with " + describe(fields));
        }
        JsonNode node;
        try {
            // one JSON value and nothing after it ({"count":1} garbage is refused, not half-read)
            // and no key twice ({"count":1,"count":64} would otherwise mean whatever the last one says)
            node = mapper.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: " + plain(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("expected a JSON object with " + describe(fields) + ", got "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field '" + (name.length() <= 40 ? name : name.substring(0, 37) + "...")
                        + "': allowed " + describe(fields),
                        List.copyOf(new java.util.TreeSet<>(fields)));
            }
        }
        return (ObjectNode) node;
    }

    private static String describe(Set<String> fields) {
        return String.join(", ", new java.util.TreeSet<>(fields));
    }

    static String style(ObjectNode json, List<String> styles) {
        JsonNode v = json.get("style");
        if (v == null || v.isNull()) {
            throw ApiException.badRequest("style is required: one of " + or(styles), styles);
        }
        if (!v.isTextual() || !styles.contains(v.asText())) {
            throw ApiException.badRequest("unknown style " + shown(v) + ": available " + or(styles), styles);
        }
        return v.asText();
    }

    static Emotion emotion(ObjectNode json) {
        JsonNode v = json.get("emotion");
        if (v == null || v.isNull()) {
            throw ApiException.badRequest("emotion is required: one of " + Emotion.allowed(), Emotion.labels());
        }
        if (!v.isTextual() && !v.isIntegralNumber()) {
            throw ApiException.badRequest("emotion must be a name or an index, got " + shown(v) + ": allowed "
                    + Emotion.allowed(), Emotion.labels());
        }
        try {
            return Emotion.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown emotion " + shown(v) + ": allowed " + Emotion.allowed()
                    + " (or their indices 0, 1, 2)", Emotion.labels());
        }
    }

    static int count(ObjectNode json) {
        JsonNode v = json.get("count");
        if (v == null || v.isNull()) {
            return 1;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1 || v.asInt() > ArtGenerator.MAX_COUNT) {
            throw ApiException.badRequest("count must be an integer from 1 to " + ArtGenerator.MAX_COUNT + ", got " + shown(v));
        }
        return v.asInt();
    }

    static int steps(ObjectNode json) {
        JsonNode v = json.get("steps");
        if (v == null || v.isNull()) {
            return DEFAULT_WALK_STEPS;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 3 || v.asInt() > MAX_WALK_STEPS
                || v.asInt() % 2 == 0) {
            throw ApiException.badRequest("steps must be an odd integer from 3 to " + MAX_WALK_STEPS
                    + " (so that neutral is one of them), got " + shown(v));
        }
        return v.asInt();
    }

    /** The seed, or null for "surprise me". */
    static Long seed(ObjectNode json) {
        JsonNode v = json.get("seed");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < -MAX_SEED || v.asLong() > MAX_SEED) {
            throw ApiException.badRequest("seed must be an integer from -" + MAX_SEED + " to " + MAX_SEED
                    + " (or null for a random one), got " + shown(v));
        }
        return v.asLong();
    }

    /** Jackson's message without its internals: source locations and the names of its settings. */
    static String plain(String message) {
        return message.replaceAll("\\s*at \\[Source:[\\s\\S]*", "").replaceAll("\\[Source: [^\\]]*\\]; ", "")
                .replaceAll(", from `[^`]*`", "").replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "").trim();
    }

    /** A client's value as JSON, cut short: error messages echo what was sent, not all of it. */
    static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String or(List<String> values) {
        return values.isEmpty() ? "none (no generator bundles in the models folder)" : String.join(", ", values);
    }
}
