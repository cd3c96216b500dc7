package org.emotionart.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Sample grids: equal-sized tiles in rows, an optional label left of each row and a title on top. */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /**
     * Columns for a grid of {@code n} paintings: one row up to 8, beyond that about 1.6 times as wide
     * as high (never more columns than paintings).
     */
    public static int columnsFor(int n) {
        return Math.min(n, n <= 8 ? n : (int) Math.ceil(Math.sqrt(n * 1.6)));
    }

    /**
     * Lays out {@code tiles} row by row, {@code columns} per row. {@code rowLabels} may be null or
     * name each row; {@code title} may be null. Tiles smaller than 96 px are scaled up (nearest
     * neighbour, so pixels stay honest) to stay readable.
     */
    public static BufferedImage grid(List<BufferedImage> tiles, int columns, List<String> rowLabels, String title) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("no images for the grid");
        }
        int tileSize = tiles.get(0).getWidth();
        int scale = Math.max(1, 96 / tileSize);
        int cell = tileSize * scale;
        int rows = (tiles.size() + columns - 1) / columns;
        int labelWidth = rowLabels == null ? 0 : 80;
        int titleHeight = title == null ? 0 : 24;
        int width = labelWidth + columns * (cell + GAP) + GAP;
        int height = titleHeight + rows * (cell + GAP) + GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.DARK_GRAY);
            if (title != null) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(title, GAP + 2, 17);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int i = 0; i < tiles.size(); i++) {
                int r = i / columns;
                int c = i % columns;
                int x = labelWidth + GAP + c * (cell + GAP);
                int y = titleHeight + GAP + r * (cell + GAP);
                g.drawImage(tiles.get(i), x, y, cell, cell, null);
                if (c == 0 && rowLabels != null && r < rowLabels.size()) {
                    g.drawString(rowLabels.get(r), 6, y + cell / 2 + 5);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
