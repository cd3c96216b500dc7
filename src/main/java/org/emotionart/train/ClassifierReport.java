package org.emotionart.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.emotionart.Emotion;
import org.emotionart.util.AtomicFiles;
import org.emotionart.util.Json;
import org.emotionart.viz.ConfusionMatrixChart;
import org.emotionart.viz.Images;

/**
 * The validation figures of a classifier run's best epoch, in its run folder: {@code report.md},
 * {@code report.json} and {@code confusion-matrix.png}.
 */
final class ClassifierReport {
    private ClassifierReport() {
    }

    /** Writes the three files for the best epoch's validation loss and confusion matrix. */
    static void write(Path runDir, ClassifierRunConfig config, int bestEpoch, double validationLoss,
                      ConfusionMatrix m) throws IOException {
        Images.writePng(ConfusionMatrixChart.render(String.format(Locale.ROOT,
                        "Validation, epoch %d: accuracy %.1f%%", bestEpoch, 100 * m.accuracy()),
                Emotion.labels(), m.counts()), runDir.resolve("confusion-matrix.png"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("bestEpoch", bestEpoch);
        report.put("validationLoss", validationLoss);
        report.put("validation", m.toMap());
        report.put("trainedOn", config.trainedOn());
        Json.writeFile(runDir.resolve("report.json"), report);
        AtomicFiles.writeString(runDir.resolve("report.md"), "# Emotion classifier: validation report\n\n"
                + "Backbone " + config.spec().backbone() + " at " + config.spec().imageSize() + " px; data: "
                + config.trainedOn() + ".\nBest epoch " + bestEpoch + String.format(Locale.ROOT,
                ", validation loss %.4f.%n%n", validationLoss) + m.toMarkdown());
    }
}
