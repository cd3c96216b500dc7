package org.emotionart.train;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.util.AtomicFiles;
import org.emotionart.viz.Charts;

/** The GAN's per-step losses: kept in memory, written as {@code loss.csv} with each checkpoint. */
final class LossLog {
    private static final String[] HEADER = {"step", "d_loss", "g_loss", "d_real", "d_fake"};
    private final List<float[]> rows = new ArrayList<>();

    /** Rows of an earlier part of the run, up to {@code upToStep} (the checkpoint being resumed). */
    static LossLog read(Path file, long upToStep) throws IOException {
        LossLog log = new LossLog();
        if (upToStep == 0 || !Files.exists(file)) {
            return log;
        }
        long line = 1; // the last line read whole (1: the header)
        try (Reader in = Files.newBufferedReader(file)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                float[] row = new float[HEADER.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = Float.parseFloat(r.get(i));
                }
                if (row[0] <= upToStep) {
                    log.rows.add(row);
                }
                line = r.getRecordNumber() + 1;
            }
        } catch (RuntimeException e) { // a number that is none, a short row, broken quoting
            throw new org.emotionart.EmotionArtException(file + " line " + (line + 1) + " is not a loss row ("
                    + String.join(",", HEADER) + "): mend or delete that line, or move the file away to start the "
                    + "loss log afresh, then --resume again (the checkpoints are unharmed)");
        }
        return log;
    }

    void add(long step, float dLoss, float gLoss, float dReal, float dFake) {
        rows.add(new float[] {step, dLoss, gLoss, dReal, dFake});
    }

    void write(Path file) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER)
                .setRecordSeparator('\n').get())) {
            for (float[] r : rows) {
                p.printRecord((long) r[0], fmt(r[1]), fmt(r[2]), fmt(r[3]), fmt(r[4]));
            }
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /** Loss curves, smoothed over a window of ~1% of the run so the trend shows through the noise. */
    void writeChart(Path file, String style) throws IOException {
        int window = Math.max(1, rows.size() / 100);
        Charts.Series d = new Charts.Series("discriminator");
        Charts.Series g = new Charts.Series("generator");
        double sd = 0;
        double sg = 0;
        for (int i = 0; i < rows.size(); i++) {
            sd += rows.get(i)[1];
            sg += rows.get(i)[2];
            if (i >= window) {
                sd -= rows.get(i - window)[1];
                sg -= rows.get(i - window)[2];
            }
            int n = Math.min(i + 1, window);
            d.add(rows.get(i)[0], sd / n);
            g.add(rows.get(i)[0], sg / n);
        }
        Charts.writeLineChart(file, "GAN losses - " + style + " (moving average of " + window + " steps)",
                "step", "BCE loss", List.of(d, g));
    }

    int size() {
        return rows.size();
    }

    private static String fmt(float v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
