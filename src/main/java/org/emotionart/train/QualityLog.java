package org.emotionart.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.emotionart.EmotionArtException;
import org.emotionart.util.AtomicFiles;
import org.emotionart.viz.Charts;
import org.emotionart.viz.Images;

/**
 * A run's {@code quality.csv} (one row per measurement of {@code train-gan --eval-every}) and its
 * {@code quality.png}, and the rule that picks the best step:
 * <b>the lowest FD ratio among the steps whose adherence is at least {@value #ADHERENCE_FLOOR}; if no
 * step reaches that, the highest adherence</b> (among the steps that still have a checkpoint).
 */
public final class QualityLog {
    public static final String FILE = "quality.csv";
    public static final String CHART = "quality.png";
    public static final double ADHERENCE_FLOOR = 0.9;
    static final String HEADER = "step,fd,fd_real_vs_real,fd_ratio,precision,recall,adherence";

    public record Row(long step, QualityProbe.Figures figures) {
    }

    private final List<Row> rows;

    private QualityLog(List<Row> rows) {
        this.rows = rows;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Reads {@code file} (empty if absent), keeping the rows up to {@code upToStep} (a resumed run's checkpoint). */
    public static QualityLog read(Path file, long upToStep) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                try {
                    long step = Long.parseLong(f[0]);
                    if (step <= upToStep) {
                        rows.add(new Row(step, new QualityProbe.Figures(Double.parseDouble(f[1]),
                                Double.parseDouble(f[2]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                                Double.parseDouble(f[6]))));
                    }
                } catch (RuntimeException e) {
                    throw new EmotionArtException(file + " line " + (i + 1) + " is not a quality row (" + HEADER
                            + "): " + lines.get(i));
                }
            }
        }
        return new QualityLog(rows);
    }

    void add(long step, QualityProbe.Figures f) {
        rows.removeIf(r -> r.step() == step);
        rows.add(new Row(step, f));
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            QualityProbe.Figures f = r.figures();
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.4f,%.4f,%.4f,%.4f%n", r.step(), f.fd(), f.fdBaseline(),
                    f.fdRatio(), f.precision(), f.recall(), f.adherence()));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    void writeChart(Path file, String style) throws IOException {
        Charts.Series ratio = new Charts.Series("FD ratio (generated / real-vs-real)");
        Charts.Series adherence = new Charts.Series("emotion adherence");
        Charts.Series precision = new Charts.Series("precision");
        Charts.Series recall = new Charts.Series("recall");
        for (Row r : rows) {
            ratio.add(r.step(), r.figures().fdRatio());
            adherence.add(r.step(), r.figures().adherence());
            precision.add(r.step(), r.figures().precision());
            recall.add(r.step(), r.figures().recall());
        }
        var top = Charts.lineChart(style + ": Fréchet distance ratio (lower is better)", "step", "FD ratio",
                List.of(ratio), 900, 360);
        var bottom = Charts.lineChart(style + ": adherence, precision, recall", "step", "share",
                List.of(adherence, precision, recall), 900, 360);
        var both = new java.awt.image.BufferedImage(900, 720, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = both.createGraphics();
        g.drawImage(top, 0, 0, null);
        g.drawImage(bottom, 0, 360, null);
        g.dispose();
        Images.writePng(both, file);
    }

    /** The best step by the rule above among {@code available} steps, if any was measured. */
    public Optional<Row> best(Set<Long> available) {
        List<Row> candidates = rows.stream().filter(r -> available.contains(r.step())).toList();
        Optional<Row> good = candidates.stream().filter(r -> r.figures().adherence() >= ADHERENCE_FLOOR)
                .min(java.util.Comparator.comparingDouble(r -> r.figures().fdRatio()));
        return good.isPresent() ? good : candidates.stream()
                .max(java.util.Comparator.comparingDouble(r -> r.figures().adherence()));
    }
}
