package org.emotionart.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts (loss and learning curves) rendered to PNG with JFreeChart. */
public final class Charts {
    private Charts() {
    }

    /** A named series of (x, y) points. */
    public static final class Series {
        final XYSeries data;

        public Series(String name) {
            data = new XYSeries(name, false, true);
        }

        public Series add(double x, double y) {
            data.add(x, y, false);
            return this;
        }
    }

    /** Ordered series by name, created on first use. */
    public static Map<String, Series> seriesMap(String... names) {
        Map<String, Series> map = new LinkedHashMap<>();
        for (String n : names) {
            map.put(n, new Series(n));
        }
        return map;
    }

    public static BufferedImage lineChart(String title, String xLabel, String yLabel, Iterable<Series> series,
                                          int width, int height) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Series s : series) {
            s.data.fireSeriesChanged();
            dataset.addSeries(s.data);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
        return chart.createBufferedImage(width, height);
    }

    public static void writeLineChart(Path file, String title, String xLabel, String yLabel,
                                      Iterable<Series> series) throws IOException {
        Images.writePng(lineChart(title, xLabel, yLabel, series, 900, 500), file);
    }
}
