package org.emotionart.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** A confusion matrix as a heat map: cells shaded by the row share, labelled with count and share. */
public final class ConfusionMatrixChart {
    private ConfusionMatrixChart() {
    }

    public static BufferedImage render(String title, List<String> labels, long[][] counts) {
        return render(title, labels, counts, "rows: true emotion");
    }

    /** As above, with the caption that says what the rows are (e.g. "rows: emotion asked for"). */
    public static BufferedImage render(String title, List<String> labels, long[][] counts, String rowsCaption) {
        int n = labels.size();
        int cell = 110;
        int left = 120;
        int top = 70;
        int width = left + n * cell + 30;
        int height = top + n * cell + 60;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, 12, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString("predicted", left + n * cell / 2 - 30, top - 26);
            for (int i = 0; i < n; i++) {
                long row = 0;
                for (long c : counts[i]) {
                    row += c;
                }
                centered(g, labels.get(i), left + i * cell + cell / 2, top - 8);
                g.drawString(labels.get(i), 12, top + i * cell + cell / 2 + 5);
                for (int j = 0; j < n; j++) {
                    double share = row == 0 ? 0 : (double) counts[i][j] / row;
                    int shade = (int) Math.round(255 - 200 * share);
                    g.setColor(new Color(shade, shade, 255));
                    g.fillRect(left + j * cell, top + i * cell, cell - 2, cell - 2);
                    g.setColor(share > 0.55 ? Color.WHITE : Color.BLACK);
                    centered(g, Long.toString(counts[i][j]), left + j * cell + cell / 2, top + i * cell + cell / 2 - 4);
                    centered(g, String.format(Locale.ROOT, "%.0f%%", 100 * share), left + j * cell + cell / 2,
                            top + i * cell + cell / 2 + 14);
                }
                g.setColor(Color.DARK_GRAY);
            }
            g.drawString(rowsCaption, 12, height - 20);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void centered(Graphics2D g, String s, int x, int y) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, x - fm.stringWidth(s) / 2, y);
    }
}
