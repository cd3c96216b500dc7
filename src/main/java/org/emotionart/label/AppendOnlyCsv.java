package org.emotionart.label;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.BadPathException;
import org.emotionart.EmotionArtException;
import org.emotionart.util.Excerpt;
import org.emotionart.util.IoErrors;
import org.emotionart.util.TextFiles;

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
     * The largest file {@link #open} resumes: 256 MB, some two million rows of a label manifest (a
     * WikiArt folder has about 80,000 paintings); a larger file is not one this program wrote.
     */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    /**
     * Opens (or creates) {@code file} with the given header; {@code kind} names such a file in messages
     * (e.g. "label manifest"). Nothing is written to or cut from a file that does not begin with that
     * header: only an empty file, or one holding nothing but the beginning of the header (a run killed
     * as it wrote it), gets one, and only a file whose first line is the header loses an incomplete
     * last line.
     *
     * @throws org.emotionart.BadPathException if it is not a regular file, or holds another header
     * @throws EmotionArtException if another process is appending to it, it is larger than
     *                             {@link #MAX_BYTES}, or its rows are not valid CSV
     */
    public static AppendOnlyCsv open(Path file, List<String> header, String kind) throws IOException {
        TextFiles.requireRegularFile(file, kind + " (a CSV file)");
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
            String headerLine = String.join(",", header);
            long size = ch.size();
            if (size == 0) {
                ch.write(ByteBuffer.wrap((headerLine + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                ch.position(ch.size());
                return new AppendOnlyCsv(file, ch, lock, List.of(), 0);
            }
            // the header first: a file that does not begin with it is the user's, and stays as it is; only
            // the header itself cut short (killed right after creating the file: no line break, nothing
            // but a beginning of the header) is taken for this program's and written again
            String first = firstLine(ch, Math.max(headerLine.length() + 2, 1024));
            boolean tornHeader = size <= headerLine.length() && first.length() == size && headerLine.startsWith(first);
            if (!tornHeader && !first.strip().equals(headerLine)) {
                throw new BadPathException(file + " exists and is not a " + kind + ": its first line is '"
                        + Excerpt.of(first.strip()) + "', expected '" + headerLine + "'; choose another --out or remove it");
            }
            if (size > MAX_BYTES) {
                throw new EmotionArtException(file + " is " + String.format(Locale.ROOT, "%,d", size) + " bytes, more "
                        + "than a " + kind + " can be (at most " + TextFiles.describeBytes(MAX_BYTES)
                        + "); choose another --out");
            }
            long keep = endOfLastLine(ch, size);
            List<CSVRecord> records;
            if (keep == 0) {
                records = List.of(); // the header itself was cut short: it is written again
            } else {
                InputStream in = new BufferedInputStream(Channels.newInputStream(ch.position(0)));
                try (CSVParser parser = CSVParser.parse(TextFiles.strictReader(BoundedInputStream.builder()
                        .setInputStream(in).setMaxCount(keep).setPropagateClose(false).get(), file, kind,
                        TextFiles.MAX_LINE_BYTES, ',', true), CSVFormat.DEFAULT.builder()
                        .setHeader().setSkipHeaderRecord(true).get())) {
                    try {
                        records = parser.getRecords();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        throw new EmotionArtException(file + ": line " + parser.getCurrentLineNumber()
                                + ": not valid CSV (" + Excerpt.of(IoErrors.describe(e), 120) + "); a " + kind
                                + " is written by this program: choose another --out or remove it");
                    }
                }
            }
            long dropped = size - keep;
            if (keep == 0) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((headerLine + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            } else if (dropped > 0) {
                ch.truncate(keep);
            }
            ch.position(ch.size());
            return new AppendOnlyCsv(file, ch, lock, records, dropped);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The first line of {@code file} (without its line break), reading at most {@code maxChars} bytes of
     * it: enough to compare it with a header without reading a huge line. A device or a pipe is refused
     * as {@link #open} refuses it.
     */
    public static String firstLine(Path file, int maxChars) throws IOException {
        TextFiles.requireRegularFile(file, "CSV file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return firstLine(ch, maxChars);
        }
    }

    private static String firstLine(FileChannel ch, int maxBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes, Math.max(0, ch.size())));
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read on
        }
        byte[] a = buf.array();
        int n = buf.position();
        int start = n >= 3 && (a[0] & 0xff) == 0xEF && (a[1] & 0xff) == 0xBB && (a[2] & 0xff) == 0xBF ? 3 : 0;
        int end = start;
        while (end < n && a[end] != '\n') {
            end++;
        }
        return new String(a, start, end - start, StandardCharsets.UTF_8);
    }

    /** The length of the complete lines: up to and with the last line break (0 when there is none). */
    private static long endOfLastLine(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - buf.capacity());
            buf.clear().limit((int) (end - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // read on
            }
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
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
