package org.emotionart.torch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.emotionart.Npy;

/**
 * The hd8 seed generator of the original project ({@code src/test/resources/fixtures/seed-generator-hd8},
 * see its README.txt), and altered copies of it for the error cases.
 */
public final class TorchFixture {
    public static final String PICKLE = "generator/data.pkl";

    private TorchFixture() {
    }

    public static Path dir() {
        try {
            return Path.of(TorchFixture.class.getResource("/fixtures/seed-generator-hd8/README.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path generator() {
        return dir().resolve("generator.pth");
    }

    public static Npy npy(String name) throws IOException {
        return Npy.read(dir().resolve(name));
    }

    /** The fixture's entries, name → bytes, in archive order. */
    public static Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(generator().toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** A copy of the fixture with {@code change} applied to its entries. */
    public static Path altered(Path file, Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> entries = entries();
        change.accept(entries);
        return zip(file, entries);
    }

    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** {@code data} with the one occurrence of {@code from} after {@code anchor} replaced by {@code to}. */
    public static byte[] replace(byte[] data, String anchor, byte[] from, byte[] to) {
        int start = indexOf(data, anchor.getBytes(StandardCharsets.ISO_8859_1), 0);
        int at = indexOf(data, from, start);
        if (start < 0 || at < 0) {
            throw new IllegalArgumentException("not found in the pickle: " + anchor);
        }
        byte[] out = new byte[data.length - from.length + to.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(to, 0, out, at, to.length);
        System.arraycopy(data, at + from.length, out, at + to.length, data.length - at - from.length);
        return out;
    }

    public static byte[] replace(byte[] data, String from, String to) {
        return replace(data, from, from.getBytes(StandardCharsets.ISO_8859_1), to.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = Math.max(0, from); i <= data.length - what.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }
}
