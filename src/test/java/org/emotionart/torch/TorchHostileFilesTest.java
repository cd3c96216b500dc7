package org.emotionart.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.emotionart.EmotionArtException;
import org.emotionart.export.TorchImport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile torch.save files, built here with hand-written protocol-2 pickles (as a reviewer's
 * script built them): each must be refused with one line, quickly and without large allocations.
 */
class TorchHostileFilesTest {
    @TempDir
    Path dir;

    // ---------------------------------------------------------------- unknown globals

    @Test
    void refusesGlobalsThatAStateDictNeverNames() throws IOException {
        byte[] call = cat(g("os", "system"), b("("), s("touch /tmp/pwned"), b("tR"));
        String root = message(pickleOnly(cat(PROTO, call, b("."))));
        assertTrue(root.contains("is not a PyTorch state_dict this program reads: it refers to os.system, which a "
                + "state_dict never does"), root);
        String value = message(pickleOnly(stateDict(cat(s("gen.0.weight"), call))));
        assertTrue(value.contains("it refers to os.system"), value);
        String eval = message(pickleOnly(stateDict(cat(s("gen.0.weight"), g("builtins", "eval"), b("("),
                s("__import__('os')"), b("tR")))));
        assertTrue(eval.contains("it refers to builtins.eval"), eval);
        // NEWOBJ and BUILD on an unknown class
        String popen = message(pickleOnly(cat(PROTO, g("subprocess", "Popen"), b(")\u0081}"), s("args"), s("id"),
                b("sb."))));
        assertTrue(popen.contains("it refers to subprocess.Popen"), popen);
        // the same through STACK_GLOBAL (protocol 4)
        String stackGlobal = message(pickleOnly(cat(PROTO, s("os"), s("system"), b("\u0093."))));
        assertTrue(stackGlobal.contains("it refers to os.system"), stackGlobal);
        // a name with control characters is shown escaped
        String odd = message(pickleOnly(cat(PROTO, g("os\u001b[31m", "system"), b("."))));
        assertTrue(odd.contains("it refers to 'os\\x1b[31m.system'"), odd);
        for (String m : new String[] {root, value, eval, popen, stackGlobal}) {
            assertFalse(m.contains("ClassDict") || m.contains("IObjectConstructor"), m);
        }
    }

    // ---------------------------------------------------------------- length fields and sizes

    @Test
    void refusesLengthFieldsLargerThanThePickle() throws IOException {
        String unicode4 = message(pickleOnly(cat(PROTO, b("X"), le(0xFFFFFFF0L, 4), b("abc"))));
        assertTrue(unicode4.contains("a string at byte 3 claims 4294967280 bytes but only 3 follow"), unicode4);
        String unicode8 = message(pickleOnly(cat(b("\u0080\u0004\u008d"), le(2_000_000_000L, 8), b("abc"))));
        assertTrue(unicode8.contains("a string at byte 3 claims 2000000000 bytes but only 3 follow"), unicode8);
        String bytes4 = message(pickleOnly(cat(b("\u0080\u0003B"), le(2_000_000_000L, 4), b("abc"))));
        assertTrue(bytes4.contains("a bytes value at byte 3 claims 2000000000 bytes but only 3 follow"), bytes4);
        String bytes8 = message(pickleOnly(cat(b("\u0080\u0004\u008e"), le(-1L, 8), b("abc"))));
        assertTrue(bytes8.contains("claims 18446744073709551615 bytes but only 3 follow"), bytes8);
        String long4 = message(pickleOnly(cat(PROTO, b("\u008b"), le(0x7FFFFFFFL, 4), b("abc"))));
        assertTrue(long4.contains("an int at byte 3 claims 2147483647 bytes"), long4);
        String digits = message(pickleOnly(cat(PROTO, b("L" + "9".repeat(100_000) + "L\n."))));
        assertTrue(digits.contains("an int of 100001 digits"), digits);
    }

    @Test
    void refusesAPickleLargerThanTheLimitWithoutReadingItAll() throws IOException {
        // 17 MB of DUP instructions, a few KB deflated (the reviewer's was 400 MB)
        byte[] dups = new byte[17 << 20];
        Arrays.fill(dups, (byte) '2');
        String m = message(pickleOnly(cat(PROTO, b("N"), dups, b("."))));
        assertTrue(m.contains("data.pkl holds more than 16777216 bytes; a state_dict's pickle holds a few KB"), m);
    }

    @Test
    void refusesPicklesThatRunTooManyInstructions() throws IOException {
        byte[] dups = new byte[5000];
        Arrays.fill(dups, (byte) '2');
        Path file = pickleOnly(cat(PROTO, b("N"), dups, b(".")));
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> TorchStateDict.read(file, new TorchStateDict.Limits(1 << 20, 1000, 1 << 20)));
        assertTrue(e.getMessage().contains("runs more than 1000 pickle instructions"), e.getMessage());
    }

    @Test
    void refusesStoragesLargerThanTheLimitBeforeReadingThem() throws IOException {
        // the pickle claims 500 million floats (2 GB; the reviewer's entry inflated to that); refused on the claim
        long n = 500_000_000;
        Path file = archive(stateDict(cat(s("gen.0.weight"), tensor("0", n, new long[] {n}, new long[] {1}))),
                Map.of("0", new byte[16]));
        String m = message(file);
        assertTrue(m.contains("storage archive/data/0 claims 500000000 float32 values; import-torch reads at most "
                + "1073741824 bytes of storages in all"), m);
    }

    @Test
    void countsEveryTensorReadAgainstTheLimit() throws IOException {
        // three tensors viewing the same 4-float storage: 16 bytes stored, 48 read
        byte[] items = cat(s("a"), tensor("0", 4, new long[] {4}, new long[] {1}),
                s("b"), tensor("0", 4, new long[] {4}, new long[] {1}),
                s("c"), tensor("0", 4, new long[] {2, 2}, new long[] {2, 1}));
        Path file = archive(stateDict(items), Map.of("0", new byte[16]));
        assertEquals(3, TorchStateDict.read(file).size());
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> TorchStateDict.read(file, new TorchStateDict.Limits(1 << 20, 1000, 40)));
        assertTrue(e.getMessage().contains("its tensors hold more than 40 bytes of values in all"), e.getMessage());
    }

    @Test
    void refusesStorageKeysThatAreNotEntryNames() throws IOException {
        byte[] pid = cat(b("("), s("storage"), g("torch", "FloatStorage"), s("../0\n"), s("cpu"), i(4), b("t"));
        byte[] t = cat(g("torch._utils", "_rebuild_tensor_v2"), b("("), pid, b("Q"), i(0), tup(i(4)), tup(i(1)),
                b("\u0089"), OD, b("tR"));
        String m = message(archive(stateDict(cat(s("w"), t)), Map.of("0", new byte[16])));
        assertTrue(m.contains("storage key '../0\\n' is not the name of an entry in data/"), m);
    }

    // ---------------------------------------------------------------- shared and deep values

    @Test
    void describesHugeSharedOrDeepKeysBriefly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // a tuple key that shares itself 60 levels deep: its full repr has 2^60 parts
            String shared = message(pickleOnly(cat(PROTO, OD, b("("), sharedTuples(), s("x"), b("u."))));
            assertTrue(shared.contains("one of its keys is a tuple (((("), shared);
            assertTrue(shared.length() < 600, shared);
            // the same as a persistent id
            String pid = message(pickleOnly(cat(PROTO, sharedTuples(), b("Q."))));
            assertTrue(pid.contains("unexpected persistent id (((("), pid);
            assertTrue(pid.length() < 600, pid);
            // a tuple key nested 200,000 deep
            byte[] tuple1 = new byte[200_000];
            Arrays.fill(tuple1, (byte) 0x85);
            String deep = message(pickleOnly(cat(PROTO, OD, b("("), s("a"), tuple1, s("x"), b("u."))));
            assertTrue(deep.contains("one of its keys is a tuple (((((...)))))"), deep);
            // a list shared 60 levels deep as a key: Java would hash its 2^60 elements
            String list = message(pickleOnly(cat(PROTO, OD, b("("), sharedLists(), s("x"), b("u."))));
            assertTrue(list.contains("one of its keys is a list;"), list);
            // and as a dict's attribute name (OrderedDict's BUILD)
            String attribute = message(pickleOnly(cat(PROTO, OD, b("}("), sharedLists(), s("x"), b("ub."))));
            assertTrue(attribute.contains("holds an empty dict"), attribute);
        });
    }

    @Test
    void quotesKeysWithControlCharacters() throws IOException {
        assertEquals("gen.0.weight", TorchStateDict.displayKey("gen.0.weight"));
        assertEquals("'gen.0.weight\\n\\x1b[31mFAKE: all good\\x1b[0m'",
                TorchStateDict.displayKey("gen.0.weight\n\u001b[31mFAKE: all good\u001b[0m"));
        assertEquals("'it\\'s \\\\ \\u202e'", TorchStateDict.displayKey("it's \\ \u202e"));
        assertTrue(TorchStateDict.displayKey("x".repeat(100_000)).length() < 210);

        Map<String, TorchTensor> sd = new TreeMap<>(TorchStateDict.read(TorchFixture.generator()));
        sd.put("gen.0.weight\n\u001b[31mFAKE: all good\u001b[0m", sd.get("gen.0.weight"));
        EmotionArtException e = assertThrows(EmotionArtException.class,
                () -> TorchImport.fromStateDict(sd, Path.of("x.pth")));
        assertTrue(e.getMessage().contains("unexpected 'gen.0.weight\\n\\x1b[31mFAKE: all good\\x1b[0m'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
        // a valid file is still read
        assertEquals(25, TorchStateDict.read(TorchFixture.generator()).size());
    }

    // ---------------------------------------------------------------- pickles written byte by byte

    private static final byte[] PROTO = b("\u0080\u0002");
    private static final byte[] OD = cat(g("collections", "OrderedDict"), b(")R"));

    /** Memo 0 = 'a'; memo k+1 = (memo k, memo k); pushes memo 60. */
    private static byte[] sharedTuples() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(cat(s("a"), b("r"), le(0, 4), b("0")));
        for (int k = 0; k < 60; k++) {
            p.writeBytes(cat(b("j"), le(k, 4), b("j"), le(k, 4), b("\u0086r"), le(k + 1, 4), b("0")));
        }
        p.writeBytes(cat(b("j"), le(60, 4)));
        return p.toByteArray();
    }

    /** As {@link #sharedTuples()} with lists [memo k, memo k]. */
    private static byte[] sharedLists() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(cat(b("]"), b("r"), le(0, 4), b("0")));
        for (int k = 0; k < 60; k++) {
            p.writeBytes(cat(b("("), b("j"), le(k, 4), b("j"), le(k, 4), b("lr"), le(k + 1, 4), b("0")));
        }
        p.writeBytes(cat(b("j"), le(60, 4)));
        return p.toByteArray();
    }

    private static byte[] stateDict(byte[] items) {
        return cat(PROTO, OD, b("("), items, b("u."));
    }

    private static byte[] tensor(String key, long numel, long[] size, long[] stride) {
        byte[] pid = cat(b("("), s("storage"), g("torch", "FloatStorage"), s(key), s("cpu"), i(numel), b("t"));
        return cat(g("torch._utils", "_rebuild_tensor_v2"), b("("), pid, b("Q"), i(0),
                tup(Arrays.stream(size).mapToObj(TorchHostileFilesTest::i).toArray(byte[][]::new)),
                tup(Arrays.stream(stride).mapToObj(TorchHostileFilesTest::i).toArray(byte[][]::new)),
                b("\u0089"), OD, b("tR"));
    }

    private static byte[] g(String module, String name) {
        return b("c" + module + "\n" + name + "\n");
    }

    private static byte[] s(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return cat(b("X"), le(utf8.length, 4), utf8);
    }

    private static byte[] i(long n) {
        return n >= 0 && n < 256 ? new byte[] {'K', (byte) n} : cat(new byte[] {(byte) 0x8a, 8}, le(n, 8));
    }

    private static byte[] tup(byte[]... items) {
        return cat(b("("), cat(items), b("t"));
    }

    private static byte[] le(long value, int bytes) {
        return Arrays.copyOf(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), bytes);
    }

    private static byte[] b(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private Path pickleOnly(byte[] pickle) throws IOException {
        return archive(pickle, Map.of());
    }

    private Path archive(byte[] pickle, Map<String, byte[]> storages) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("archive/data.pkl", pickle);
        entries.put("archive/version", b("3\n"));
        storages.forEach((k, v) -> entries.put("archive/data/" + k, v));
        return TorchFixture.zip(java.nio.file.Files.createTempFile(dir, "hostile", ".pt"), entries);
    }

    private static String message(Path file) {
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> TorchStateDict.read(file));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().matches(".*(java\\.|Exception|Error).*"), e.getMessage());
        return e.getMessage();
    }
}
