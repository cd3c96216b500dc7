package org.emotionart.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emotionart.Emotion;

/** Counts of (true emotion, predicted emotion), with accuracy and per-class precision, recall and F1. */
public final class ConfusionMatrix {
    private final long[][] counts = new long[Emotion.COUNT][Emotion.COUNT];

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    public long rowTotal(int actual) {
        long t = 0;
        for (long c : counts[actual]) {
            t += c;
        }
        return t;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < Emotion.COUNT; i++) {
            right += counts[i][i];
        }
        return total() == 0 ? 0 : (double) right / total();
    }

    /** Share of class {@code actual} predicted as itself (its recall). */
    public double recall(int actual) {
        long row = rowTotal(actual);
        return row == 0 ? 0 : (double) counts[actual][actual] / row;
    }

    public double precision(int predicted) {
        long col = 0;
        for (int i = 0; i < Emotion.COUNT; i++) {
            col += counts[i][predicted];
        }
        return col == 0 ? 0 : (double) counts[predicted][predicted] / col;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** A copy of the counts, [actual][predicted]. */
    public long[][] counts() {
        long[][] copy = new long[Emotion.COUNT][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Per-class figures as a map for JSON reports. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("total", total());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("emotion", e.label());
            c.put("support", rowTotal(e.index()));
            c.put("precision", precision(e.index()));
            c.put("recall", recall(e.index()));
            c.put("f1", f1(e.index()));
            classes.add(c);
        }
        m.put("classes", classes);
        m.put("matrix", counts);
        return m;
    }

    /** A Markdown table: the matrix, then precision/recall/F1 per class. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| true \\ predicted |");
        for (Emotion e : Emotion.values()) {
            sb.append(' ').append(e.label()).append(" |");
        }
        sb.append("\n|---|---|---|---|\n");
        for (Emotion a : Emotion.values()) {
            sb.append("| ").append(a.label()).append(" |");
            for (Emotion p : Emotion.values()) {
                sb.append(' ').append(counts[a.index()][p.index()]).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\n| emotion | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        for (Emotion e : Emotion.values()) {
            int i = e.index();
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", e.label(), precision(i), recall(i),
                    f1(i), rowTotal(i)));
        }
        sb.append(String.format(Locale.ROOT, "%naccuracy: %.4f (%d images)%n", accuracy(), total()));
        return sb.toString();
    }
}
