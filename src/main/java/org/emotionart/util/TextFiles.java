package org.emotionart.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.emotionart.BadPathException;
import org.emotionart.EmotionArtException;

/**
 * Reading a text file the user names without trusting it: it must be a regular file (not a device such
 * as {@code /dev/zero}, a pipe or a folder), no larger than a limit for what it is, and it is decoded
 * as strict UTF-8 with every line (or CSV record) bounded, so that a small or sparse file cannot fill
 * the memory and a bad byte is reported with its line and column.
 */
public final class TextFiles {
    /** The longest line (or CSV record) a line-oriented data file may hold: 64 KB. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private TextFiles() {
    }

    /**
     * Refuses (exit 2, {@link BadPathException}) a path that exists but is not a regular file: a folder,
     * a device ({@code /dev/zero}, also through a link) or a pipe. A path naming nothing passes: callers
     * say that in their own words.
     *
     * @param what what the file should be, e.g. "labels file"
     */
    public static void requireRegularFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new BadPathException(file + " is a folder, not a file: give a " + what);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadPathException(file + " is not a regular file (a device or a pipe?): give a " + what);
        }
    }

    /**
     * {@link #requireRegularFile}, then refuses (exit 1) a file larger than {@code maxBytes} before any
     * of it is read; returns its size (or -1 when it does not exist).
     */
    public static long requireSize(Path file, long maxBytes, String what) {
        requireRegularFile(file, what);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return -1; // missing or unreadable: the reader says so
        }
        if (size > maxBytes) {
            throw new EmotionArtException(file + " is " + String.format(Locale.ROOT, "%,d", size) + " bytes, more than a "
                    + what + " can be (at most " + describeBytes(maxBytes) + "): is it the right file?");
        }
        return size;
    }

    /** "256 MB", "64 KB", "100 bytes". */
    public static String describeBytes(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /**
     * A reader of strict UTF-8 (a leading byte order mark is skipped) that stops with a one-line
     * {@link EmotionArtException} at a byte that is not UTF-8 (naming its line and column) or at a line
     * longer than {@code maxLineBytes}. With {@code csvQuotes}, a line break inside a quoted CSV field
     * does not end the record: the record as a whole is bounded, so a quote that never closes is caught
     * too. The exceptions are unchecked, so they come unchanged through a parser reading from it.
     *
     * @param source    the file name used in messages
     * @param what      what the file is, for messages: "labels file"
     * @param delimiter the field separator counted for the column number ({@code ','}, {@code '\t'}),
     *                  or 0 for none (then the message gives the byte in the line)
     */
    public static Reader strictReader(InputStream in, Object source, String what, int maxLineBytes, char delimiter,
                                      boolean csvQuotes) {
        return new StrictReader(in, String.valueOf(source), what, maxLineBytes, delimiter, csvQuotes);
    }

    private static final class StrictReader extends Reader {
        private final InputStream in;
        private final String source;
        private final String what;
        private final int maxLine;
        private final char delimiter;
        private final boolean csvQuotes;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private boolean started;
        private boolean inputEnded;
        private boolean done;
        // where the decoder is: line, column (field) and byte in the line, and the record being read
        private long line = 1;
        private long recordLine = 1;
        private int column = 1;
        private long byteInLine;
        private long recordBytes;
        private boolean fieldStart = true;
        private boolean inQuotes;
        private boolean quoteClosed;

        StrictReader(InputStream in, String source, String what, int maxLine, char delimiter, boolean csvQuotes) {
            this.in = in;
            this.source = source;
            this.what = what;
            this.maxLine = maxLine;
            this.delimiter = delimiter;
            this.csvQuotes = csvQuotes;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, chars.remaining());
            chars.get(cbuf, off, n);
            return n;
        }

        private void readMore(int atLeast) throws IOException {
            bytes.compact();
            try {
                while (!inputEnded && bytes.position() < atLeast) {
                    int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (r < 0) {
                        inputEnded = true;
                    } else {
                        bytes.position(bytes.position() + r);
                    }
                }
            } finally {
                bytes.flip();
            }
        }

        private void fill() throws IOException {
            if (!started) {
                readMore(3);
                started = true;
                byte[] a = bytes.array();
                if (bytes.remaining() >= 3 && (a[0] & 0xff) == 0xEF && (a[1] & 0xff) == 0xBB && (a[2] & 0xff) == 0xBF) {
                    bytes.position(3);
                }
            } else if (!inputEnded) {
                readMore(bytes.remaining() + 1);
            }
            chars.clear();
            int from = bytes.position();
            CoderResult result = decoder.decode(bytes, chars, inputEnded);
            scan(bytes.array(), from, bytes.position());
            if (result.isError()) {
                int bad = bytes.get(bytes.position()) & 0xff;
                throw new EmotionArtException(source + ": line " + line + (delimiter != 0 ? ", column " + column
                        : ", byte " + (byteInLine + 1)) + ": not UTF-8 text (byte 0x"
                        + String.format(Locale.ROOT, "%02X", bad) + "); a " + what
                        + " is UTF-8 text — was it saved in another encoding (Latin-1, Windows-1252)?");
            }
            if (inputEnded && !bytes.hasRemaining()) {
                decoder.flush(chars);
                done = true;
            }
            chars.flip();
        }

        /** Follows lines, fields and quotes over the bytes decoded; refuses a line or record too long. */
        private void scan(byte[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = a[i];
                byteInLine++;
                if (++recordBytes > maxLine) {
                    throw new EmotionArtException(source + ": line " + recordLine + ": longer than "
                            + describeBytes(maxLine) + ", the most a line of a " + what + " can be ("
                            + (csvQuotes ? "a quote that never closes, or " : "") + "not the right file?)");
                }
                if (b == '\n') {
                    line++;
                    byteInLine = 0;
                    if (!inQuotes) {
                        recordBytes = 0;
                        recordLine = line;
                        column = 1;
                        fieldStart = true;
                        quoteClosed = false;
                    }
                    continue;
                }
                if (csvQuotes) {
                    if (inQuotes) {
                        if (b == '"') {
                            inQuotes = false;
                            quoteClosed = true;
                        }
                        continue;
                    }
                    if (b == '"' && (fieldStart || quoteClosed)) {
                        inQuotes = true; // a field's opening quote, or the second of a doubled one
                        fieldStart = false;
                        quoteClosed = false;
                        continue;
                    }
                    quoteClosed = false;
                    if (fieldStart && (b == ' ' || b == '\t') && b != delimiter) {
                        continue;
                    }
                }
                if (delimiter != 0 && b == delimiter) {
                    column++;
                    fieldStart = true;
                } else {
                    fieldStart = false;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
