package org.emotionart.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.emotionart.viz.Charts;

/**
 * The classifier's figures per epoch: kept in memory, written after every epoch as the run folder's
 * {@code epochs.csv} ({@link CsvLog}) and {@code learning-curve.png}.
 */
final class EpochLog {
    private static final CsvLog CSV = new CsvLog("epoch", "epoch", "train_loss", "train_accuracy", "val_loss",
            "val_accuracy");
    private final List<double[]> rows = new ArrayList<>();

    /** The epochs of an earlier part of the run in {@code runDir}, up to {@code upTo} (the checkpoint resumed). */
    static EpochLog read(Path runDir, int upTo) throws IOException {
        EpochLog log = new EpochLog();
        log.rows.addAll(CSV.read(runDir.resolve("epochs.csv"), upTo, EpochLog::parse, row -> row[0] <= upTo));
        return log;
    }

    private static double[] parse(CSVRecord r) {
        double[] row = new double[CSV.columns()];
        for (int i = 0; i < row.length; i++) {
            row[i] = Double.parseDouble(r.get(i));
        }
        return row;
    }

    void add(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
        rows.add(new double[] {epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy});
    }

    /** Writes {@code epochs.csv} and {@code learning-curve.png} into {@code runDir}. */
    void write(Path runDir) throws IOException {
        CSV.write(runDir.resolve("epochs.csv"), rows, r -> new Object[] {(int) r[0], CsvLog.decimal(r[1]),
                CsvLog.decimal(r[2]), CsvLog.decimal(r[3]), CsvLog.decimal(r[4])});
        Map<String, Charts.Series> s = Charts.seriesMap("train loss", "validation loss", "train accuracy",
                "validation accuracy");
        for (double[] r : rows) {
            s.get("train loss").add(r[0], r[1]);
            s.get("validation loss").add(r[0], r[3]);
            s.get("train accuracy").add(r[0], r[2]);
            s.get("validation accuracy").add(r[0], r[4]);
        }
        Charts.writeLineChart(runDir.resolve("learning-curve.png"), "Emotion classifier - learning curve", "epoch",
                "loss / accuracy", s.values());
    }
}
