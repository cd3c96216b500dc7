package org.emotionart.train;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A training run's TensorBoard log: {@code RUN_DIR/tensorboard/events.out.tfevents.<seconds>.emotion-art},
 * TensorFlow's {@code Event} protos (from TF Java's {@code org.tensorflow.proto}) in TFRecord framing
 * (little-endian uint64 length, its masked CRC-32C, the data, the data's masked CRC-32C), as
 * {@code tf.summary} writes them, so {@code tensorboard --logdir work/runs} shows scalars and the
 * sample grids while a run trains.
 *
 * <p>A resumed run appends to the same file: a record torn by a kill is cut off first, and a value
 * whose tag already has that step (steps trained again after the last checkpoint) is not written
 * twice, so every (tag, step) appears once.
 */
public final class TensorBoardLog implements AutoCloseable {
    public static final String DIR = "tensorboard";
    private static final String PREFIX = "events.out.tfevents.";

    private final Path file;
    private final FileChannel out;
    /** The highest step already in the file, per tag. */
    private final Map<String, Long> written = new HashMap<>();

    private TensorBoardLog(Path file, FileChannel out) {
        this.file = file;
        this.out = out;
    }

    /** Opens the run's event file, creating it (with TensorBoard's version record) or appending to it. */
    public static TensorBoardLog open(Path runDir) throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(DIR));
        Path existing;
        try (Stream<Path> s = Files.list(dir)) {
            existing = s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).sorted().findFirst().orElse(null);
        }
        if (existing == null) {
            Path file = dir.resolve(PREFIX + System.currentTimeMillis() / 1000 + ".emotion-art");
            TensorBoardLog log = new TensorBoardLog(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
            try {
                log.write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
                log.flush();
            } catch (IOException e) {
                log.out.close();
                throw e;
            }
            return log;
        }
        Records read = read(existing);
        FileChannel ch = FileChannel.open(existing, StandardOpenOption.WRITE);
        try {
            ch.truncate(read.validBytes()); // a record torn by a kill: gone before anything is appended
            ch.position(read.validBytes());
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        TensorBoardLog log = new TensorBoardLog(existing, ch);
        for (Event e : read.events()) {
            for (Summary.Value v : e.getSummary().getValueList()) {
                log.written.merge(v.getTag(), e.getStep(), Math::max);
            }
        }
        return log;
    }

    /** Scalars at {@code step} (tag → value); tags that already have this step are left out. */
    public void scalars(long step, Map<String, Double> values) throws IOException {
        Summary.Builder s = Summary.newBuilder();
        values.forEach((tag, v) -> {
            if (fresh(tag, step)) {
                s.addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(v.floatValue()));
            }
        });
        emit(step, s);
    }

    /** A PNG image at {@code step} (TensorBoard's images tab). */
    public void image(long step, String tag, byte[] png, int width, int height) throws IOException {
        if (!fresh(tag, step)) {
            return;
        }
        emit(step, Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(tag)
                .setImage(Summary.Image.newBuilder().setWidth(width).setHeight(height).setColorspace(3)
                        .setEncodedImageString(ByteString.copyFrom(png)))));
    }

    /** Makes what was written durable (at checkpoints, sample grids and the end). */
    public void flush() throws IOException {
        out.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    private boolean fresh(String tag, long step) {
        Long last = written.get(tag);
        if (last != null && step <= last) {
            return false;
        }
        written.put(tag, step);
        return true;
    }

    private void emit(long step, Summary.Builder summary) throws IOException {
        if (summary.getValueCount() > 0) {
            write(Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build());
        }
    }

    private void write(Event event) throws IOException {
        byte[] data = event.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc(data, 0, data.length));
        b.flip();
        try {
            while (b.hasRemaining()) {
                out.write(b);
            }
        } catch (IOException e) { // say which file (a torn record is cut off when the run resumes)
            java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(file.toString(), null,
                    e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** TFRecord's checksum: CRC-32C, rotated right by 15 bits, plus 0xa282ead8. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    /** The events of a file up to its first torn or corrupt record, and how many bytes those take. */
    public record Records(List<Event> events, long validBytes) {
    }

    /** Reads an event file record by record, checking both checksums of each. */
    public static Records read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        long valid = 0;
        while (b.remaining() >= 12) {
            int start = b.position();
            long length = b.getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != maskedCrc(all, start, 8) || length < 0 || length > b.remaining() - 4) {
                break;
            }
            int dataStart = b.position();
            b.position(dataStart + (int) length);
            int dataCrc = b.getInt();
            if (dataCrc != maskedCrc(all, dataStart, (int) length)) {
                break;
            }
            try {
                events.add(Event.parseFrom(ByteBuffer.wrap(all, dataStart, (int) length)));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                break;
            }
            valid = b.position();
        }
        return new Records(events, valid);
    }
}
