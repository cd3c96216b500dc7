package org.emotionart.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.EmotionArtException;
import org.emotionart.util.TextFiles;

/**
 * Reads the WikiArt Emotions annotation files (Mohammad &amp; Kiritchenko, LREC 2018):
 * {@code WikiArt-Emotions-All.tsv} (each value is the fraction of annotators who chose the emotion)
 * and {@code WikiArt-Emotions-Ag3.tsv}, {@code -Ag4.tsv}, {@code -Ag5.tsv} (1 when at least 30, 40 or
 * 50% of annotators chose it, else 0).
 *
 * <p>Format: UTF-8 (an optional byte order mark is skipped), tab-separated, one record per line (CRLF
 * or LF), <em>no quoting</em>: a {@code "} in a title is an ordinary character. The first line is
 * the header; columns are found by name (surrounding spaces ignored), so their order does not matter
 * and extra columns are ignored. Needed: {@code ID}, {@code Artist}, {@code Title}, {@code Image URL}
 * and the 20 columns {@code <prefix>: <emotion>} of the chosen {@link Block}. Every emotion column
 * present (of any block) must hold a number in [0, 1]. Empty lines are skipped; trailing empty fields
 * beyond the header are tolerated.
 *
 * <p>Every problem is an {@link EmotionArtException} whose message names the file, the line and the
 * column (number and header name).
 */
public final class WikiArtEmotions {
    /** Header of the painting's id column ({@code 58c6237dedc2c9c7dc0de1ae}). */
    public static final String ID = "ID";
    /** Header of the artist column. */
    public static final String ARTIST = "Artist";
    /** Header of the title column. */
    public static final String TITLE = "Title";
    /** Header of the image URL column; its last path segment is the image's file name. */
    public static final String IMAGE_URL = "Image URL";
    /** The info columns this reader needs besides the emotion columns. */
    public static final List<String> REQUIRED_INFO_COLUMNS = List.of(ID, ARTIST, TITLE, IMAGE_URL);

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern AGREEMENT_IN_NAME = Pattern.compile("(?i)(?:^|[^a-z0-9])ag([345])(?![0-9])");
    private static final Pattern ALL_IN_NAME = Pattern.compile("(?i)(?:^|[^a-z0-9])all(?![a-z0-9])");

    private WikiArtEmotions() {
    }

    /** Which annotation question a score column answers. */
    public enum Block {
        /** {@code ImageOnly: <emotion>}: annotators saw the image without its title (the default). */
        IMAGE("ImageOnly"),
        /** {@code Art (image+title): <emotion>}: annotators saw the image and its title. */
        ART("Art (image+title)"),
        /** {@code TitleOnly: <emotion>}: annotators saw the title only. */
        TITLE("TitleOnly");

        private final String prefix;

        Block(String prefix) {
            this.prefix = prefix;
        }

        /** The column name prefix, e.g. {@code ImageOnly}. */
        public String prefix() {
            return prefix;
        }

        /** The header of this block's column for {@code emotion}, e.g. {@code ImageOnly: fear}. */
        public String column(WikiArtEmotion emotion) {
            return prefix + ": " + emotion.label();
        }

        /** The lower-case name used on the command line: image, art, title. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }

        /** Parses image, art or title (case-insensitive); the error names the allowed values. */
        public static Block parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (Block b : values()) {
                if (b.label().equals(t)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown block '" + text + "': allowed "
                    + Arrays.stream(values()).map(b -> b.label() + " (" + b.prefix + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    /** How the scores are expressed. */
    public enum ScoreKind {
        /** Fraction of annotators who chose the emotion ({@code WikiArt-Emotions-All.tsv}). */
        FRACTIONS,
        /** 1 when at least a given share of annotators chose the emotion ({@code -Ag3/-Ag4/-Ag5.tsv}). */
        BINARY
    }

    /**
     * The file's variant, detected from its values (all 0 or 1: {@link ScoreKind#BINARY}, otherwise
     * {@link ScoreKind#FRACTIONS}); for 0/1 files the agreement level (30, 40, 50 %) comes from the file
     * name ({@code Ag3}, {@code Ag4}, {@code Ag5}) and is 0 when the name does not say.
     *
     * @param kind             fractions or 0/1
     * @param agreementPercent for 0/1 files, the share of annotators needed for a 1; 0 when unknown or
     *                         for fractions
     * @param description      one line saying what the variant is and how it was detected
     */
    public record Variant(ScoreKind kind, int agreementPercent, String description) {
        /** True for the 0/1 files. */
        public boolean binary() {
            return kind == ScoreKind.BINARY;
        }
    }

    /**
     * One painting.
     *
     * @param line          line number in the file (1 is the header)
     * @param id            the dataset id, e.g. {@code 58c6237dedc2c9c7dc0de1ae}
     * @param artist        artist name
     * @param title         title, as written (may hold accents and quotes)
     * @param imageUrl      the {@code Image URL} value (may be empty)
     * @param imageFileName the URL's last path segment, percent-decoded (empty when there is no URL)
     * @param scores        the chosen block's 20 scores in [0, 1], indexed by {@link WikiArtEmotion#ordinal()}
     */
    public record Row(long line, String id, String artist, String title, String imageUrl, String imageFileName,
                      double[] scores) {
        /** The score of one emotion. */
        public double score(WikiArtEmotion emotion) {
            return scores[emotion.ordinal()];
        }

        /** True when every one of the 20 scores is 0 (no emotion chosen). */
        public boolean nothingChosen() {
            for (double s : scores) {
                if (s != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The content of one annotation file for one block.
     *
     * @param file    the file read
     * @param block   the block whose scores the rows carry
     * @param variant fractions or 0/1, and how that was decided
     * @param rows    the paintings in file order
     */
    public record Annotations(Path file, Block block, Variant variant, List<Row> rows) {
    }

    /**
     * Reads {@code tsv}, keeping the 20 scores of {@code block} for each row.
     *
     * @throws EmotionArtException when the file is missing, unreadable or malformed; the message names
     *                             the file, line and column
     */
    public static Annotations read(Path tsv, Block block) {
        String text = decode(tsv);
        CSVFormat format = CSVFormat.TDF.builder()
                .setQuote(null) // titles hold stray double quotes; the files are never quoted
                .setEscape(null)
                .setCommentMarker(null)
                .setTrim(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            var records = parser.iterator();
            if (!records.hasNext()) {
                throw new EmotionArtException(tsv + ": line 1, column 1: the file is empty; expected a tab-separated "
                        + "header line with the columns " + String.join(", ", REQUIRED_INFO_COLUMNS) + " and '"
                        + block.column(WikiArtEmotion.AGREEABLENESS) + "' ... '" + block.column(WikiArtEmotion.NEUTRAL)
                        + "'");
            }
            CSVRecord headerRecord = records.next();
            long headerLine = parser.getCurrentLineNumber();
            Header header = Header.of(tsv, headerLine, headerRecord.toList());
            for (String col : REQUIRED_INFO_COLUMNS) {
                header.require(col, block);
            }
            int[] blockColumns = new int[WikiArtEmotion.COUNT];
            for (WikiArtEmotion e : WikiArtEmotion.values()) {
                blockColumns[e.ordinal()] = header.require(block.column(e), block);
            }
            // every emotion column present, of any block: validated, and used to detect the variant
            List<Integer> scoreColumns = new ArrayList<>();
            for (Block b : Block.values()) {
                for (WikiArtEmotion e : WikiArtEmotion.values()) {
                    Integer c = header.index.get(b.column(e));
                    if (c != null) {
                        scoreColumns.add(c);
                    }
                }
            }
            int idCol = header.index.get(ID);
            int artistCol = header.index.get(ARTIST);
            int titleCol = header.index.get(TITLE);
            int urlCol = header.index.get(IMAGE_URL);

            boolean allBinary = true;
            List<Row> rows = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord r = records.next();
                long line = parser.getCurrentLineNumber();
                header.checkWidth(r, line);
                double[] values = new double[header.names.size()];
                for (int c : scoreColumns) {
                    double v = header.number(r.get(c), line, c);
                    values[c] = v;
                    if (v != 0 && v != 1) {
                        allBinary = false;
                    }
                }
                String id = r.get(idCol);
                if (id.isEmpty()) {
                    throw new EmotionArtException(header.where(line, idCol) + ": empty ID");
                }
                double[] scores = new double[WikiArtEmotion.COUNT];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = values[blockColumns[i]];
                }
                String url = r.get(urlCol);
                rows.add(new Row(line, id, r.get(artistCol), r.get(titleCol), url, imageFileName(url), scores));
            }
            return new Annotations(tsv, block, variant(tsv, rows.isEmpty(), allBinary), List.copyOf(rows));
        } catch (IOException | UncheckedIOException e) {
            throw new EmotionArtException("cannot read " + tsv + ": " + e.getMessage(), e);
        }
    }

    /** The percent-decoded last path segment of a URL, without query or fragment ("" for none). */
    public static String imageFileName(String url) {
        return percentDecode(rawImageFileName(url));
    }

    /** The last path segment of a URL as written (still percent-encoded), without query or fragment. */
    public static String rawImageFileName(String url) {
        if (url == null) {
            return "";
        }
        String u = url.trim();
        int cut = u.length();
        for (char stop : new char[] {'?', '#'}) {
            int i = u.indexOf(stop);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        u = u.substring(0, cut);
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u.substring(u.lastIndexOf('/') + 1);
    }

    /** Decodes {@code %XX} sequences as UTF-8; '+' stays '+'; a malformed result keeps the text as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 3;
            } else {
                int end = s.indexOf('%', i + 1);
                end = end < 0 ? s.length() : end;
                bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }

    /**
     * The largest annotation file read: 64 MB (the real ones, about 4,100 paintings, are under 10 MB);
     * a larger file is refused before it is read.
     */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * Reads the whole file as strict UTF-8 (BOM skipped); a bad byte is reported with its line and column.
     * A device or pipe is refused, a file over {@link #MAX_BYTES} too, before reading, and a line over
     * {@link TextFiles#MAX_LINE_BYTES} before decoding.
     */
    private static String decode(Path tsv) {
        TextFiles.requireSize(tsv, MAX_BYTES, "WikiArt Emotions file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(tsv);
        } catch (NoSuchFileException e) {
            throw new EmotionArtException("WikiArt Emotions file not found: " + tsv);
        } catch (IOException e) {
            throw new EmotionArtException("cannot read " + tsv + ": " + e.getMessage(), e);
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int lineNumber = 1;
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i - lineStart > TextFiles.MAX_LINE_BYTES) {
                    throw new EmotionArtException(tsv + ": line " + lineNumber + ": longer than "
                            + TextFiles.describeBytes(TextFiles.MAX_LINE_BYTES) + ", the most a line of a WikiArt "
                            + "Emotions file can be (not the right file?)");
                }
                lineNumber++;
                lineStart = i + 1;
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = in.position();
            int line = 1;
            int column = 1;
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if (bytes[i] == '\t') {
                    column++;
                }
            }
            throw new EmotionArtException(tsv + ": line " + line + ", column " + column + ": not UTF-8 text (byte 0x"
                    + String.format("%02X", bytes[Math.min(bad, bytes.length - 1)] & 0xff)
                    + "); the WikiArt Emotions files are UTF-8 — was the file re-saved in another encoding?");
        }
    }

    private static Variant variant(Path tsv, boolean noRows, boolean allBinary) {
        String name = tsv.getFileName() == null ? "" : tsv.getFileName().toString();
        Matcher ag = AGREEMENT_IN_NAME.matcher(name);
        int nameAgreement = ag.find() ? Integer.parseInt(ag.group(1)) * 10 : 0;
        boolean nameAll = ALL_IN_NAME.matcher(name).find();
        if (noRows) {
            if (nameAgreement > 0) {
                return new Variant(ScoreKind.BINARY, nameAgreement, "0/1, emotion chosen by at least "
                        + nameAgreement + "% of annotators (from the file name 'Ag" + nameAgreement / 10
                        + "'; the file has no rows)");
            }
            return new Variant(ScoreKind.FRACTIONS, 0, "fractions of annotators (assumed: the file has no rows"
                    + (nameAll ? "; the file name says 'All')" : ")"));
        }
        if (allBinary) {
            if (nameAgreement > 0) {
                return new Variant(ScoreKind.BINARY, nameAgreement, "0/1, emotion chosen by at least "
                        + nameAgreement + "% of annotators (values all 0 or 1; 'Ag" + nameAgreement / 10
                        + "' in the file name)");
            }
            return new Variant(ScoreKind.BINARY, 0, "0/1, agreement level unknown (values all 0 or 1; the file name "
                    + (nameAll ? "says 'All', which should hold fractions" : "has no Ag3, Ag4 or Ag5") + ")");
        }
        return new Variant(ScoreKind.FRACTIONS, 0, "fractions of annotators who chose each emotion (values between 0 and 1"
                + (nameAgreement > 0 ? "; note: the file name says 'Ag" + nameAgreement / 10
                + "' but the values are not all 0 or 1)" : nameAll ? "; 'All' in the file name)" : ")"));
    }

    /** The header line: names by position, positions by name, and error locations. */
    private static final class Header {
        final Path file;
        final long line;
        final List<String> names;
        final Map<String, Integer> index = new LinkedHashMap<>();
        final Map<String, Integer> duplicates = new HashMap<>();

        private Header(Path file, long line, List<String> names) {
            this.file = file;
            this.line = line;
            this.names = names;
            for (int i = 0; i < names.size(); i++) {
                if (index.putIfAbsent(names.get(i), i) != null) {
                    duplicates.putIfAbsent(names.get(i), i);
                }
            }
        }

        static Header of(Path file, long line, List<String> raw) {
            List<String> names = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                String n = raw.get(i);
                if (i == 0 && n.startsWith("\uFEFF")) {
                    n = n.substring(1);
                }
                names.add(n.strip());
            }
            return new Header(file, line, names);
        }

        /** The index of a needed column; a missing or repeated one is an error. */
        int require(String column, Block block) {
            Integer i = index.get(column);
            if (i == null) {
                String found = names.size() + " column" + (names.size() == 1 ? "" : "s") + ": "
                        + names.stream().limit(4).map(n -> "'" + abbreviate(n) + "'").collect(Collectors.joining(", "))
                        + (names.size() > 4 ? ", ..." : "");
                String hint = names.size() == 1 && names.get(0).contains(",")
                        ? "; the line has no tabs but has commas: WikiArt Emotions files are tab-separated"
                        : "; the header needs " + String.join(", ", REQUIRED_INFO_COLUMNS) + " and '"
                        + block.prefix() + ": <emotion>' for the 20 emotions";
                throw new EmotionArtException(file + ": line " + line + ": missing column '" + column
                        + "' (found " + found + hint + ")");
            }
            Integer again = duplicates.get(column);
            if (again != null) {
                throw new EmotionArtException(file + ": line " + line + ", column " + (again + 1) + ": column '"
                        + column + "' appears twice (also column " + (i + 1) + ")");
            }
            return i;
        }

        /** "file: line 7, column 36 ('ImageOnly: arrogance')". */
        String where(long atLine, int column) {
            String name = column < names.size() ? " ('" + abbreviate(names.get(column)) + "')" : "";
            return file + ": line " + atLine + ", column " + (column + 1) + name;
        }

        void checkWidth(CSVRecord r, long atLine) {
            if (r.size() < names.size()) {
                throw new EmotionArtException(where(atLine, r.size()) + ": the row ends after " + r.size()
                        + " field" + (r.size() == 1 ? "" : "s") + " but the header has " + names.size()
                        + " columns (a truncated line, or a line break inside a title?)");
            }
            for (int c = names.size(); c < r.size(); c++) {
                if (!r.get(c).isEmpty()) {
                    throw new EmotionArtException(where(atLine, c) + ": unexpected field '" + abbreviate(r.get(c))
                            + "' beyond the header's " + names.size() + " columns (a tab inside a title?)");
                }
            }
        }

        double number(String value, long atLine, int column) {
            if (value.isEmpty()) {
                throw new EmotionArtException(where(atLine, column) + ": empty value; expected a number between 0 and 1");
            }
            if (!NUMBER.matcher(value).matches()) {
                throw new EmotionArtException(where(atLine, column) + ": not a number: '" + abbreviate(value)
                        + "'; expected a number between 0 and 1");
            }
            double v = Double.parseDouble(value);
            if (!(v >= 0 && v <= 1)) {
                throw new EmotionArtException(where(atLine, column) + ": " + abbreviate(value)
                        + " is outside [0, 1]; a score is a fraction of annotators (All) or 0/1 (Ag3, Ag4, Ag5)");
            }
            return v;
        }

        private static String abbreviate(String s) {
            return org.emotionart.util.Excerpt.of(s, 40);
        }
    }
}
