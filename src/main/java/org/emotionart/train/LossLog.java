package org.emotionart.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.viz.Charts;

/** The GAN's per-step losses: kept in memory, written as {@code loss.csv} ({@link CsvLog}) with each checkpoint. */
final class LossLog {
    private static final CsvLog CSV = new CsvLog("loss", "step", "d_loss", "g_loss", "d_real", "d_fake");
    private final List<float[]> rows = new ArrayList<>();

    /** Rows of an earlier part of the run, up to {@code upToStep} (the checkpoint being resumed). */
    static LossLog read(Path file, long upToStep) throws IOException {
        LossLog log = new LossLog();
        log.rows.addAll(CSV.read(file, upToStep, LossLog::parse, row -> row[0] <= upToStep));
        return log;
    }

    private static float[] parse(CSVRecord r) {
        float[] row = new float[CSV.columns()];
        for (int i = 0; i < row.length; i++) {
            row[i] = Float.parseFloat(r.get(i));
        }
        return row;
    }

    void add(long step, float dLoss, float gLoss, float dReal, float dFake) {
        rows.add(new float[] {step, dLoss, gLoss, dReal, dFake});
    }

    void write(Path file) throws IOException {
        CSV.write(file, rows, r -> new Object[] {(long) r[0], CsvLog.decimal(r[1]), CsvLog.decimal(r[2]),
                CsvLog.decimal(r[3]), CsvLog.decimal(r[4])});
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
}
