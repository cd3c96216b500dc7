package org.emotionart.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.emotionart.Emotion;

/**
 * An overview image: one row per style, one column per emotion, a few examples per cell, with the
 * style and emotion names written in the margins.
 */
public final class ContactSheet {
    /** Side of one example on the sheet, in pixels (examples are scaled to it). */
    public static final int TILE = 96;
    private static final int GAP = 4;
    private static final int CELL_GAP = 14;
    private static final int LEFT = 160;
    private static final int TOP = 30;

    private ContactSheet() {
    }

    /**
     * Builds the sheet; {@code examples.get(s).get(e)} are the examples of style {@code styles.get(s)}
     * and emotion {@code e} (by index), each cell showing up to {@code perCell} of them in one row.
     */
    public static BufferedImage build(List<Style> styles, List<List<List<BufferedImage>>> examples, int perCell) {
        int cellW = perCell * TILE + (perCell - 1) * GAP;
        int width = LEFT + Emotion.COUNT * cellW + (Emotion.COUNT - 1) * CELL_GAP + GAP * 2;
        int height = TOP + styles.size() * TILE + (styles.size() - 1) * CELL_GAP + GAP * 2;
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(0xF4F1EA));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0x222222));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            FontMetrics fm = g.getFontMetrics();
            for (Emotion e : Emotion.values()) {
                int x0 = LEFT + e.index() * (cellW + CELL_GAP);
                g.drawString(e.label(), x0 + (cellW - fm.stringWidth(e.label())) / 2, TOP - 10);
            }
            for (int s = 0; s < styles.size(); s++) {
                int y0 = TOP + s * (TILE + CELL_GAP);
                g.setColor(new Color(0x222222));
                g.drawString(styles.get(s).label(), 8, y0 + TILE / 2 + fm.getAscent() / 2 - 2);
                for (Emotion e : Emotion.values()) {
                    int x0 = LEFT + e.index() * (cellW + CELL_GAP);
                    List<BufferedImage> cell = examples.get(s).get(e.index());
                    for (int k = 0; k < Math.min(perCell, cell.size()); k++) {
                        BufferedImage img = cell.get(k);
                        boolean integerScale = TILE % img.getWidth() == 0;
                        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, integerScale
                                ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR
                                : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                        g.drawImage(img, x0 + k * (TILE + GAP), y0, TILE, TILE, null);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
