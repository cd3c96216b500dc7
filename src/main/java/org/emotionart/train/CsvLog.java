package org.emotionart.train;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.EmotionArtException;
import org.emotionart.util.AtomicFiles;

/**
 * A training log as a CSV file of number rows (a header line, then one row per step or epoch,
 * '\n'-separated), rewritten whole and atomically with each checkpoint and read back on
 * {@code --resume} up to the checkpoint's step: the format of {@code loss.csv} ({@link LossLog}) and
 * {@code epochs.csv} ({@link EpochLog}), each with its own columns.
 */
final class CsvLog {
    private final String rowName;
    private final String[] header;

    /** A log whose rows are called "{@code rowName} rows" in error messages, with these columns. */
    CsvLog(String rowName, String... header) {
        this.rowName = rowName;
        this.header = header.clone();
    }

    int columns() {
        return header.length;
    }

    /**
     * The rows of {@code file} that {@code keep} keeps (those up to the checkpoint being resumed),
     * each parsed by {@code parse}; none when {@code upTo} is 0 (a fresh run) or there is no file.
     *
     * @throws EmotionArtException naming the line, for a row that {@code parse} cannot read
     */
    <R> List<R> read(Path file, long upTo, Function<CSVRecord, R> parse, Predicate<R> keep) throws IOException {
        List<R> rows = new ArrayList<>();
        if (upTo == 0 || !Files.exists(file)) {
            return rows;
        }
        long line = 1; // the last line read whole (1: the header)
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                R row = parse.apply(r);
                if (keep.test(row)) {
                    rows.add(row);
                }
                line = r.getRecordNumber() + 1;
            }
        } catch (RuntimeException e) { // a number that is none, a short row, broken quoting
            throw new EmotionArtException(file + " line " + (line + 1) + " is not a " + rowName + " row ("
                    + String.join(",", header) + "): mend or delete that line, or move the file away to start the "
                    + rowName + " log afresh, then --resume again (the checkpoints are unharmed)");
        }
        return rows;
    }

    /** Writes the header and one record per row, its cells given by {@code cells}, atomically. */
    <R> void write(Path file, List<R> rows, Function<R, Object[]> cells) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header)
                .setRecordSeparator('\n').get())) {
            for (R r : rows) {
                p.printRecord(cells.apply(r));
            }
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /** A value with five decimals, as every column after the first is written. */
    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
