package org.emotionart.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.emotionart.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardLogTest {
    @Test
    void aTrainingRunLeavesAnEventFileWithScalarsAndImagesAndAResumeAppendsWithoutDuplicates(@TempDir Path dir)
            throws Exception {
        var data = TestData.colouredSquares(16);
        new GanTrainer(GanTrainerTest.config(4), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(false);
        Path file = eventFile(dir);
        byte[] first = Files.readAllBytes(file);
        List<Event> events = readStrictly(first);
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        Map<String, List<Long>> steps = steps(events);
        assertEquals(List.of(1L, 2L, 3L, 4L), steps.get("loss/discriminator"));
        assertEquals(List.of(1L, 2L, 3L, 4L), steps.get("loss/generator"));
        assertEquals(List.of(0L, 2L, 4L), steps.get("samples"), "the sample grids, as in samples/");
        assertEquals(List.of(2L, 4L), steps.get("learning_rate/generator"));
        assertEquals(2e-4, value(events, "learning_rate/generator", 2).getSimpleValue(), 1e-9);
        Summary.Image image = value(events, "samples", 4).getImage();
        assertArrayEquals(Files.readAllBytes(dir.resolve("samples/step-00000004.png")),
                image.getEncodedImageString().toByteArray());
        List<String> csv = Files.readAllLines(dir.resolve("loss.csv"));
        assertEquals(Float.parseFloat(csv.get(3).split(",")[1]), value(events, "loss/discriminator", 3).getSimpleValue(),
                1e-4f, "the same values as loss.csv");

        // a kill mid-record leaves a torn tail; the resumed run cuts it and appends steps 5..6, each once
        Files.write(file, concat(first, new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 1, 2}));
        new GanTrainer(GanTrainerTest.config(6), data, dir, ConfigProto.getDefaultInstance(), TestData.QUIET).train(true);
        byte[] second = Files.readAllBytes(eventFile(dir));
        assertArrayEquals(first, java.util.Arrays.copyOf(second, first.length), "appended, never rewritten");
        Map<String, List<Long>> after = steps(readStrictly(second));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), after.get("loss/generator"));
        assertEquals(List.of(0L, 2L, 4L, 6L), after.get("samples"));
        try (Stream<Path> s = Files.list(dir.resolve(TensorBoardLog.DIR))) {
            assertEquals(1, s.count(), "one event file per run");
        }
    }

    private static Path eventFile(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve(TensorBoardLog.DIR))) {
            Path f = s.findFirst().orElseThrow();
            assertTrue(f.getFileName().toString().startsWith("events.out.tfevents."), f.toString());
            return f;
        }
    }

    /** TFRecord framing read independently of the writer: every length and data CRC must match. */
    private static List<Event> readStrictly(byte[] all) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            long length = b.getLong();
            assertEquals(masked(all, start, 8), b.getInt(), "length CRC at byte " + start);
            int data = b.position();
            b.position(data + (int) length);
            assertEquals(masked(all, data, (int) length), b.getInt(), "data CRC at byte " + data);
            out.add(Event.parseFrom(ByteBuffer.wrap(all, data, (int) length)));
        }
        return out;
    }

    /** The masked CRC-32C of TFRecord, computed here with the JDK's CRC32C. */
    private static int masked(byte[] bytes, int off, int len) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(bytes, off, len);
        int crc = (int) c.getValue();
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static Map<String, List<Long>> steps(List<Event> events) {
        Map<String, List<Long>> m = new HashMap<>();
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                m.computeIfAbsent(v.getTag(), t -> new ArrayList<>()).add(e.getStep());
            }
        }
        return m;
    }

    private static Summary.Value value(List<Event> events, String tag, long step) {
        for (Event e : events) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                if (v.getTag().equals(tag) && e.getStep() == step) {
                    return v;
                }
            }
        }
        throw new AssertionError("no " + tag + " at step " + step);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
