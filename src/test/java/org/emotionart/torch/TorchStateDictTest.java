package org.emotionart.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.Pickler;
import org.emotionart.EmotionArtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchStateDictTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFixturesStateDict() throws IOException {
        Map<String, TorchTensor> sd = TorchStateDict.read(TorchFixture.generator());
        assertEquals(4 * 5 + 1 + 4, sd.size(), sd.keySet().toString());
        assertEquals(List.of("gen.0.weight", "gen.1.bias", "gen.1.num_batches_tracked", "gen.1.running_mean"),
                sd.keySet().stream().limit(4).toList());
        TorchTensor w0 = sd.get("gen.0.weight");
        assertEquals("float32", w0.dtype());
        assertArrayEquals(new long[] {103, 64, 4, 4}, w0.shape());
        assertArrayEquals(new long[] {8, 3, 4, 4}, sd.get("gen.12.weight").shape());
        TorchTensor count = sd.get("gen.1.num_batches_tracked");
        assertEquals("int64", count.dtype());
        assertEquals(0, count.rank());

        // the values are the storage's little-endian floats, in order
        byte[] raw = TorchFixture.entries().get("generator/data/0");
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : new int[] {0, 1, 1000, 103 * 64 * 16 - 1}) {
            assertEquals(b.getFloat(4 * i), w0.floats()[i], "value " + i);
        }
    }

    @Test
    void readsViewsWithOffsetAndStrides() {
        ByteBuffer data = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 8; i++) {
            data.putFloat(4 * i, i);
        }
        TorchStateDict.Storage s = new TorchStateDict.Storage(TorchStateDict.StorageType.FLOAT, "0", 8, data);
        // contiguous 2x3 from offset 1: 1 2 3 / 4 5 6
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6},
                TorchStateDict.tensor(s, 1, new long[] {2, 3}, new long[] {3, 1}).floats());
        // its transpose (a 3x2 view with strides (1, 3)): 1 4 / 2 5 / 3 6
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6},
                TorchStateDict.tensor(s, 1, new long[] {3, 2}, new long[] {1, 3}).floats());
        // a scalar
        assertArrayEquals(new float[] {7}, TorchStateDict.tensor(s, 7, new long[0], new long[0]).floats());
        // past the end of the storage
        Exception e = assertThrows(RuntimeException.class,
                () -> TorchStateDict.tensor(s, 3, new long[] {2, 3}, new long[] {3, 1}));
        assertTrue(e.getMessage().contains("reaches past the storage's end"), e.getMessage());
    }

    @Test
    void refusesViewsThatRepeatOneValueMoreTimesThanTheStorageHolds() {
        TorchStateDict.Storage one = new TorchStateDict.Storage(TorchStateDict.StorageType.FLOAT, "0", 1,
                ByteBuffer.allocate(4));
        // stride 0: 500 million copies of the storage's single float (2 GB of floats before the check)
        Exception e = assertThrows(RuntimeException.class,
                () -> TorchStateDict.tensor(one, 0, new long[] {500_000_000}, new long[] {0}));
        assertTrue(e.getMessage().contains("claims 500000000 values, more than its storage holds"), e.getMessage());
        e = assertThrows(RuntimeException.class,
                () -> TorchStateDict.tensor(one, 0, new long[] {Integer.MAX_VALUE, 4}, new long[] {0, 0}));
        assertTrue(e.getMessage().contains("more than its storage holds"), e.getMessage());
        e = assertThrows(RuntimeException.class,
                () -> TorchStateDict.tensor(one, 0, new long[] {1L << 40, 1L << 40}, new long[] {0, 0}));
        assertTrue(e.getMessage().contains("too large to address"), e.getMessage());
        // a repeated view within the storage's size is still read
        assertArrayEquals(new float[] {0}, TorchStateDict.tensor(one, 0, new long[] {1}, new long[] {0}).floats());
    }

    @Test
    void refusesTensorsOfMoreThanEightDimensions() {
        TorchStateDict.Storage one = new TorchStateDict.Storage(TorchStateDict.StorageType.FLOAT, "0", 1,
                ByteBuffer.allocate(4));
        long[] size = new long[100_000];
        Arrays.fill(size, 1);
        size[0] = 1_000_000;
        Exception e = assertThrows(RuntimeException.class,
                () -> TorchStateDict.tensor(one, 0, size, new long[size.length]));
        assertTrue(e.getMessage().contains("tensor with 100000 dimensions in storage 0: at most 8 are allowed"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        long[] nine = new long[9];
        Arrays.fill(nine, 1);
        assertThrows(RuntimeException.class, () -> TorchStateDict.tensor(one, 0, nine, new long[9]));
        long[] eight = new long[8];
        Arrays.fill(eight, 1);
        assertEquals(8, TorchStateDict.tensor(one, 0, eight, new long[8]).rank());
    }

    @Test
    void refusesAFileThatIsNotAZip() throws IOException {
        Path f = Files.writeString(dir.resolve("netG.weight"), "not a zip at all");
        assertMessage(f, "is not a PyTorch zip archive");
        assertMessage(dir.resolve("absent.weight"), "no such file");
    }

    @Test
    void refusesAZipWithoutAPickle() throws IOException {
        Path random = TorchFixture.zip(dir.resolve("random.zip"), Map.of("hello.txt", bytes("hello")));
        assertMessage(random, "no <name>/data.pkl in it");
        Path noPickle = TorchFixture.altered(dir.resolve("nopkl.pth"), e -> e.remove(TorchFixture.PICKLE));
        assertMessage(noPickle, "no <name>/data.pkl in it");
    }

    @Test
    void refusesAPickleOfSomethingElse() throws IOException {
        Path list = TorchFixture.zip(dir.resolve("list.pth"),
                Map.of("archive/data.pkl", new Pickler().dumps(List.of(1, 2, 3)), "archive/version", bytes("3\n")));
        assertMessage(list, "holds a pickled list, not a state_dict");
        Path dict = TorchFixture.zip(dir.resolve("dict.pth"),
                Map.of("archive/data.pkl", new Pickler().dumps(Map.of("epoch", 3)), "archive/version", bytes("3\n")));
        assertMessage(dict, "its entry 'epoch' is a int; expected parameter name (str) -> tensor");
        Path garbage = TorchFixture.altered(dir.resolve("garbage.pth"),
                e -> e.put(TorchFixture.PICKLE, bytes("\u0080\u0002garbage")));
        assertMessage(garbage, "cannot unpickle generator/data.pkl");
    }

    @Test
    void refusesUnknownStorageTypes() throws IOException {
        Path half = TorchFixture.altered(dir.resolve("half.pth"), e -> e.put(TorchFixture.PICKLE,
                TorchFixture.replace(e.get(TorchFixture.PICKLE), "torch\nFloatStorage", "torch\nHalfStorage")));
        assertMessage(half, "unsupported tensor storage type torch.HalfStorage (supported: torch.FloatStorage,");
    }

    @Test
    void refusesMissingOrWronglySizedStorages() throws IOException {
        Path missing = TorchFixture.altered(dir.resolve("missing.pth"), e -> e.remove("generator/data/3"));
        assertMessage(missing, "the pickle names storage 3 but the archive has no generator/data/3");
        Path shortened = TorchFixture.altered(dir.resolve("short.pth"),
                e -> e.put("generator/data/1", new byte[255]));
        assertMessage(shortened, "storage generator/data/1 holds 255 bytes, expected 64 float32 values (256 bytes)");
    }

    @Test
    void refusesViewsOutsideTheirStorage() throws IOException {
        // gen.1.weight [64] with stride 2 would read 127 values of a 64-value storage
        Path strided = TorchFixture.altered(dir.resolve("strided.pth"), e -> e.put(TorchFixture.PICKLE,
                TorchFixture.replace(e.get(TorchFixture.PICKLE), "gen.1.weight",
                        new byte[] {'K', 1, (byte) 0x85}, new byte[] {'K', 2, (byte) 0x85})));
        assertMessage(strided, "stride [2] at offset 0 in storage 1 of 64 values: it reaches past the storage's end");
    }

    private static void assertMessage(Path file, String part) {
        EmotionArtException e = assertThrows(EmotionArtException.class, () -> TorchStateDict.read(file));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
