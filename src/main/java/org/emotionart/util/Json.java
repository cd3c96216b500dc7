package org.emotionart.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.emotionart.EmotionArtException;

/** JSON for configs, run state and bundle metadata (Jackson; records map to objects). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static void writeFile(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, write(value));
    }

    /** The largest JSON file read (configs, run state, bundle metadata: a few KB each). */
    public static final int MAX_FILE_BYTES = 16 << 20;

    /**
     * Reads {@code file} (at most {@link #MAX_FILE_BYTES}) as {@code type}; a file that is not that
     * gets one line saying where it went wrong, without Jackson's class names.
     */
    public static <T> T read(Path file, Class<T> type) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1); // a device or a huge file stops here
        } catch (IOException e) {
            throw new EmotionArtException("cannot read " + file + ": " + IoErrors.describe(e), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new EmotionArtException("cannot read " + file + ": it is larger than any JSON file this program "
                    + "writes (at most " + (MAX_FILE_BYTES >> 20) + " MB), so it is not one or it is damaged");
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new EmotionArtException("cannot read " + file + ": " + describe(e), e);
        }
    }

    /** Where and how a JSON text is not what was expected, in words. */
    static String describe(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return "a number, text or nesting in it is beyond what the reader takes (the file is damaged)";
        }
        if (e instanceof JsonMappingException m && !(e.getCause() instanceof StreamConstraintsException)) {
            String path = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String field = path.isEmpty() ? "the whole document" : "'" + Excerpt.of(path) + "'";
            return "the value of " + field + " is not of the expected type" + where(m.getLocation());
        }
        if (e.getCause() instanceof StreamConstraintsException) {
            return describe((StreamConstraintsException) e.getCause());
        }
        if (e instanceof JsonProcessingException p) {
            return "not valid JSON" + where(p.getLocation());
        }
        return IoErrors.describe(e);
    }

    private static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new EmotionArtException("malformed JSON: " + e.getMessage(), e);
        }
    }
}
