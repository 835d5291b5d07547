package org.sdzoo.zoo.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * A one-dimensional regression fit, 800×600 pixels: curves over a shared x grid (the true
 * function, the model's prediction) with the training points as semi-transparent grey dots,
 * like the d2l kernel-regression figures.
 */
public final class FitPlot {

    /** Legend name of the scatter series of training points. */
    public static final String POINTS_NAME = "training points";

    private static final Color POINTS_COLOUR = new Color(0x40, 0x40, 0x40, 0x80);

    private FitPlot() {}

    /**
     * Writes the fit chart. The training points are drawn last, semi-transparent over the lines,
     * as in d2l's figures, and come last in the legend.
     *
     * @param png the PNG file to write; parent directories are created and an existing file is
     *     replaced atomically
     * @param title the chart title, or {@code null} for none
     * @param xGrid the x values shared by every line, all finite
     * @param lines named curves in legend order (use a {@link java.util.LinkedHashMap}), each with
     *     {@code xGrid.length} values; NaN values are skipped
     * @param pointsX x of the training points, or {@code null} for none
     * @param pointsY y of the training points, {@code null} exactly when {@code pointsX} is; pairs
     *     with a NaN are skipped
     * @throws IllegalArgumentException if an argument is empty or of the wrong length, if a line is
     *     named {@value #POINTS_NAME}, or if nothing finite is left to plot
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path png,
            String title,
            double[] xGrid,
            Map<String, double[]> lines,
            double[] pointsX,
            double[] pointsY)
            throws IOException {
        write(png, title, new Axes("x", "y"), xGrid, lines, pointsX, pointsY);
    }

    /**
     * The axis titles of a chart.
     *
     * @param x what the horizontal axis shows, with its unit
     * @param y what the vertical axis shows, with its unit
     */
    public record Axes(String x, String y) {
        public Axes {
            if (x == null || x.isBlank() || y == null || y.isBlank()) {
                throw new IllegalArgumentException("axis titles must not be blank (x: " + x + ", y: " + y
                        + "); say what each axis shows, e.g. \"hours ahead\"");
            }
        }
    }

    /**
     * As {@link #write(Path, String, double[], Map, double[], double[])}, with axis titles.
     *
     * @param axes what the axes show
     */
    public static void write(
            Path png,
            String title,
            Axes axes,
            double[] xGrid,
            Map<String, double[]> lines,
            double[] pointsX,
            double[] pointsY)
            throws IOException {
        PngFiles.checkTarget(png);
        XyCharts.checkNonEmpty("xGrid", xGrid, "pass the x values at which the lines are sampled");
        XyCharts.checkFinite("xGrid", xGrid);
        if (lines == null) {
            throw new IllegalArgumentException(
                    "lines is null; pass a map such as \"truth\" -> double[" + xGrid.length
                            + "], or an empty map to draw only the points");
        }
        for (Map.Entry<String, double[]> e : lines.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getKey().equals(POINTS_NAME)) {
                throw new IllegalArgumentException(
                        "lines has an entry named " + (e.getKey() == null ? "null" : "\"" + e.getKey() + "\"")
                                + " among its " + lines.size() + "; give every line a non-blank legend name"
                                + " other than \"" + POINTS_NAME + "\"");
            }
            XyCharts.checkLength("lines \"" + e.getKey() + "\"", e.getValue(), xGrid.length, "xGrid");
        }
        if ((pointsX == null) != (pointsY == null)) {
            throw new IllegalArgumentException(
                    (pointsX == null ? "pointsX is null but pointsY has " + pointsY.length
                                    : "pointsY is null but pointsX has " + pointsX.length)
                            + " values; pass both coordinate arrays of the training points, or neither");
        }
        if (pointsX != null && pointsX.length != pointsY.length) {
            throw new IllegalArgumentException(
                    "pointsX has " + pointsX.length + " values but pointsY has " + pointsY.length
                            + "; pass one y per x for the training points");
        }
        XYChart chart = XyCharts.newChart(title, axes.x(), axes.y());
        boolean any = false;
        int colour = 0;
        for (Map.Entry<String, double[]> e : lines.entrySet()) {
            any |= XyCharts.addLine(chart, e.getKey(), xGrid, e.getValue(), colour++, false);
        }
        if (pointsX != null) {
            any |= XyCharts.addScatter(chart, POINTS_NAME, pointsX, pointsY, POINTS_COLOUR);
        }
        if (!any) {
            throw new IllegalArgumentException(
                    "nothing to plot: the " + lines.size() + " lines " + lines.keySet() + " and the "
                            + (pointsX == null ? 0 : pointsX.length) + " training points have no finite"
                            + " value; pass at least one line or point with finite values");
        }
        PngFiles.write(png, XyCharts.render(chart));
    }
}
