package org.emotionart.label;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.EmotionArtException;

/**
 * A CSV file that a long job appends to and can resume: opening it keeps the complete lines already
 * there and drops an incomplete last line (what a {@code kill -9} in the middle of a write leaves),
 * checks the header (writing it into a new file), and holds an exclusive lock so that two runs cannot
 * append to one file. {@link #append} writes whole records and flushes them to the operating system,
 * so after any interruption the file holds every record appended before, and at most one partial line.
 *
 * <p>Such a file is not written atomically (that is the point: it grows as work is done); readers
 * should expect a partial last line while a job runs.
 */
public final class AppendOnlyCsv implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<CSVRecord> existing;
    private final long droppedBytes;
    private final CSVPrinter printer;

    private AppendOnlyCsv(Path file, FileChannel channel, FileLock lock, List<CSVRecord> existing, long droppedBytes) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.existing = existing;
        this.droppedBytes = droppedBytes;
        Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
        try {
            this.printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        } catch (IOException e) {
            throw new IllegalStateException(e); // no output happens when a printer without header is created
        }
    }

    /**
     * Opens (or creates) {@code file} with the given header; {@code kind} names such a file in messages
     * (e.g. "label manifest").
     *
     * @throws EmotionArtException if another process is appending to it, or it holds another header
     */
    public static AppendOnlyCsv open(Path file, List<String> header, String kind) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new EmotionArtException("another run is writing " + file + "; wait for it to finish or "
                        + "choose another --out");
            }
            byte[] content = readAll(ch);
            int keep = content.length;
            while (keep > 0 && content[keep - 1] != '\n') {
                keep--;
            }
            long dropped = content.length - keep;
            if (dropped > 0) {
                ch.truncate(keep);
            }
            String text = new String(content, 0, keep, StandardCharsets.UTF_8);
            String headerLine = String.join(",", header);
            List<CSVRecord> records;
            if (keep == 0) {
                ch.position(0);
                ch.write(ByteBuffer.wrap((headerLine + "\n").getBytes(StandardCharsets.UTF_8)));
                records = List.of();
            } else {
                String first = text.substring(0, text.indexOf('\n')).strip();
                if (!first.equals(headerLine)) {
                    throw new EmotionArtException(file + " exists and is not a " + kind + ": its first line is '"
                            + (first.length() > 80 ? first.substring(0, 80) + "..." : first) + "', expected '"
                            + headerLine + "'; choose another --out or remove it");
                }
                try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder()
                        .setHeader().setSkipHeaderRecord(true).get())) {
                    records = parser.getRecords();
                }
            }
            ch.position(ch.size());
            return new AppendOnlyCsv(file, ch, lock, records, dropped);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new EmotionArtException("file too large to resume: " + size + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // read on
        }
        return buf.array();
    }

    public Path file() {
        return file;
    }

    /** The records that were in the file when it was opened (header excluded, partial line dropped). */
    public List<CSVRecord> existing() {
        return existing;
    }

    /** Bytes of an incomplete last line dropped on opening (0 when the file ended cleanly). */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Appends records and flushes them to the operating system. */
    public void append(List<List<String>> records) throws IOException {
        for (List<String> r : records) {
            printer.printRecord(r);
        }
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            printer.flush();
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
