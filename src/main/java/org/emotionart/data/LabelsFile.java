package org.emotionart.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.Emotion;
import org.emotionart.BadPathException;
import org.emotionart.EmotionArtException;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Excerpt;
import org.emotionart.util.IoErrors;
import org.emotionart.util.TextFiles;

/**
 * The labels file every training command reads: CSV with a header, columns {@code path} (relative to
 * the data root, forward slashes), {@code style}, {@code emotion} (negative|neutral|positive), and
 * optionally {@code p_negative,p_neutral,p_positive} (the classifier's manifest). Columns are found
 * by name; other columns are ignored. The procedural benchmark writes it, {@code label} writes the
 * manifest form, and both are read here the same way.
 */
public final class LabelsFile {
    public static final List<String> BASE_COLUMNS = List.of("path", "style", "emotion");
    public static final List<String> PROBABILITY_COLUMNS = List.of("p_negative", "p_neutral", "p_positive");

    private LabelsFile() {
    }

    /**
     * The largest labels file read: 256 MB, some two million rows (a row is well under 1 KB, and WikiArt
     * has about 80,000 paintings); a larger file is refused before it is read.
     */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    /**
     * Reads a labels file: UTF-8 (a byte order mark, as Excel writes, is skipped), at most
     * {@link #MAX_BYTES}, no line (or quoted record) over {@link TextFiles#MAX_LINE_BYTES}.
     *
     * @throws org.emotionart.BadPathException when it names nothing, a folder or a device
     * @throws EmotionArtException             when it is too large or malformed (file and line in the message)
     */
    public static List<LabelledImage> read(Path file) {
        TextFiles.requireSize(file, MAX_BYTES, "labels file");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader in = TextFiles.strictReader(Files.newInputStream(file), file, "labels file",
                TextFiles.MAX_LINE_BYTES, ',', true);
             CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            for (String col : BASE_COLUMNS) {
                if (!header.contains(col)) {
                    throw new EmotionArtException(file + ": line 1: missing column '" + col
                            + "' (a labels file has the columns " + String.join(",", BASE_COLUMNS)
                            + "[," + String.join(",", PROBABILITY_COLUMNS) + "]; found " + Excerpt.list(header, 8) + ")");
                }
            }
            boolean withProbabilities = header.containsAll(PROBABILITY_COLUMNS);
            List<LabelledImage> rows = new ArrayList<>();
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                if (!r.isConsistent()) {
                    throw new EmotionArtException(file + ": line " + line + ": expected " + header.size()
                            + " fields, found " + r.size());
                }
                String path = r.get("path").replace('\\', '/');
                String style = r.get("style");
                if (path.isEmpty() || style.isEmpty()) {
                    throw new EmotionArtException(file + ": line " + line + ": empty path or style");
                }
                Emotion emotion;
                try {
                    emotion = Emotion.parse(r.get("emotion"));
                } catch (IllegalArgumentException e) {
                    throw new EmotionArtException(file + ": line " + line + ": column 'emotion': " + e.getMessage());
                }
                float[] p = null;
                if (withProbabilities) {
                    p = new float[Emotion.COUNT];
                    for (int i = 0; i < p.length; i++) {
                        String col = PROBABILITY_COLUMNS.get(i);
                        try {
                            p[i] = Float.parseFloat(r.get(col));
                        } catch (NumberFormatException e) {
                            throw new EmotionArtException(file + ": line " + line + ": column '" + col
                                    + "': not a number: '" + Excerpt.of(r.get(col)) + "'");
                        }
                    }
                }
                rows.add(new LabelledImage(path, style, emotion, p));
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new BadPathException("labels file not found: " + file);
        } catch (UncheckedIOException e) {
            // the CSV parser's own complaint ("(line 3) invalid char between encapsulated token and delimiter")
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EmotionArtException("cannot read labels file " + file + ": not valid CSV: "
                    + Excerpt.of(String.valueOf(cause.getMessage()), 160), e);
        } catch (IOException e) {
            throw new EmotionArtException("cannot read labels file " + file + ": " + IoErrors.describe(e), e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new EmotionArtException("cannot read labels file " + file + ": "
                    + Excerpt.of(String.valueOf(e.getMessage()), 160), e);
        }
    }

    /** Writes rows atomically; probabilities are written when the first row has them. */
    public static void write(Path file, List<LabelledImage> rows) throws IOException {
        boolean withP = !rows.isEmpty() && rows.get(0).probabilities() != null;
        List<String> header = new ArrayList<>(BASE_COLUMNS);
        if (withP) {
            header.addAll(PROBABILITY_COLUMNS);
        }
        AtomicFiles.write(file, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').get())) {
                for (LabelledImage row : rows) {
                    printer.printRecord(formatRow(row, withP));
                }
            }
        });
    }

    /** The CSV fields of one row (used by writers that append, like the resumable labeller). */
    public static List<String> formatRow(LabelledImage row, boolean withProbabilities) {
        List<String> fields = new ArrayList<>(List.of(row.path(), row.style(), row.emotion().label()));
        if (withProbabilities) {
            for (float v : row.probabilities()) {
                fields.add(String.format(Locale.ROOT, "%.6f", v));
            }
        }
        return fields;
    }
}
