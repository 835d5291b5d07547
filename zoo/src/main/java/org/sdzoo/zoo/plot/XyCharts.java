package org.sdzoo.zoo.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Shared look, argument checks and NaN filtering for the XChart line plots. */
final class XyCharts {

    /** Chart width in pixels. */
    static final int WIDTH = 800;

    /** Chart height in pixels. */
    static final int HEIGHT = 600;

    /** Matplotlib's "tab10" colours, so the plots read like the d2l figures. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };

    /** A series with this many finite points or fewer gets a marker on each point. */
    private static final int MARKER_MAX_POINTS = 40;

    private XyCharts() {}

    /** Builds an empty 800×600 chart with the common style: legend below the plot, light grid. */
    static XYChart newChart(String title, String xLabel, String yLabel) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title == null ? "" : title)
                        .xAxisTitle(xLabel)
                        .yAxisTitle(yLabel)
                        .build();
        XYStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.DARK_GRAY);
        styler.setPlotGridLinesColor(new Color(0xe0e0e0));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendPadding(14);
        styler.setLegendSeriesLineLength(28);
        styler.setChartTitleBoxVisible(false);
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setMarkerSize(6);
        return chart;
    }

    /**
     * Adds a line series, skipping the points whose x or y is not finite; a series with no finite
     * point is not added. With {@code markSparse}, a series of at most 40 points gets a dot on
     * each point, so a metric logged every few epochs stays visible.
     *
     * @return whether the series was added
     */
    static boolean addLine(
            XYChart chart, String name, double[] x, double[] y, int colourIndex, boolean markSparse) {
        double[][] xy = finitePairs(x, y);
        if (xy[0].length == 0) {
            return false;
        }
        XYSeries series = chart.addSeries(name, xy[0], xy[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(PALETTE[colourIndex % PALETTE.length]);
        series.setLineStyle(new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        if (markSparse && xy[0].length <= MARKER_MAX_POINTS) {
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(PALETTE[colourIndex % PALETTE.length]);
        } else {
            series.setMarker(SeriesMarkers.NONE);
        }
        return true;
    }

    /**
     * Adds a scatter series of semi-transparent dots, skipping non-finite pairs.
     *
     * @return whether the series was added
     */
    static boolean addScatter(XYChart chart, String name, double[] x, double[] y, Color colour) {
        double[][] xy = finitePairs(x, y);
        if (xy[0].length == 0) {
            return false;
        }
        XYSeries series = chart.addSeries(name, xy[0], xy[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
        return true;
    }

    /** Renders the chart into an image of its configured size. */
    static BufferedImage render(XYChart chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Returns {xs, ys} holding only the pairs where both values are finite. */
    static double[][] finitePairs(double[] x, double[] y) {
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    /** Throws unless {@code values} is non-null and non-empty. */
    static void checkNonEmpty(String name, double[] values, String fix) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(
                    name + " is " + (values == null ? "null" : "empty") + "; " + fix);
        }
    }

    /** Throws unless every value of the x axis array is finite. */
    static void checkFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] is " + values[i] + " (of " + values.length
                                + " values); every x value must be finite, so drop that row or fix the value");
            }
        }
    }

    /** Throws unless {@code values} has {@code expected} entries. */
    static void checkLength(String name, double[] values, int expected, String against) {
        if (values == null) {
            throw new IllegalArgumentException(
                    name + " is null; pass " + expected + " values, one per entry of " + against
                            + " (NaN where a value is missing)");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    name + " has " + values.length + " values but " + against + " has " + expected
                            + "; pass one value per entry of " + against + " (NaN where a value is missing)");
        }
    }
}
