package org.sdzoo.zoo.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An attention heatmap drawn straight into a {@link BufferedImage}: rows (queries) run down the
 * y axis from the top, columns (keys) along the x axis, like d2l's {@code show_heatmaps} with its
 * "Reds" colour map. The image is {@value #WIDTH}×{@value #HEIGHT} pixels with a square plot
 * area whatever the matrix shape, a colour bar on the right, axis titles and at most six tick
 * labels per axis at cell centres. Non-finite cells are drawn grey and left out of the colour
 * range. A matrix with more rows or columns than the plot area has pixels (540)
 * is sampled, one cell per pixel.
 *
 * <p>Why not XChart's {@code HeatMapChart} (3.8.8, tried on the 50×50 attention of kernel
 * regression): its colour legend shows only the minimum and maximum, printed at full double
 * precision ("0.14778534745578714", "2.0644784601424991E-22"), with no round ticks in between
 * and no formatter for them; a NaN cell is painted black, the colour of the largest weights, and
 * still counts in the range, where this plot paints it grey and leaves it out; the axes are
 * categories, so every one of the 50 keys gets a label and they run together unless a formatter
 * blanks them; and every cell is a rectangle with no sampling, so the plot area is not square
 * and a large matrix draws every cell.
 */
public final class HeatmapPlot {

    /** Image width in pixels. */
    public static final int WIDTH = 760;

    /** Image height in pixels. */
    public static final int HEIGHT = 680;

    /** Side of the square plot area in pixels. */
    static final int PLOT_SIZE = 540;

    private static final int PLOT_LEFT = 100;
    private static final int PLOT_TOP = 60;
    private static final int BAR_LEFT = PLOT_LEFT + PLOT_SIZE + 25;
    private static final int BAR_WIDTH = 20;
    private static final int TICK_LENGTH = 5;
    private static final int MAX_TICKS = 6;
    private static final int BAR_TICKS = 5;
    private static final Color MISSING = new Color(0xbdbdbd);
    private static final Color AXIS = new Color(0x333333);

    /** ColorBrewer "Reds", matplotlib's {@code cmap='Reds'}, from low to high. */
    private static final int[] REDS = {
        0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d
    };

    private HeatmapPlot() {}

    /**
     * Writes a heatmap of {@code matrix}.
     *
     * @param png the PNG file to write; parent directories are created and an existing file is
     *     replaced atomically
     * @param matrix the values, {@code [rows][cols]}: row i is query i (y axis, top to bottom),
     *     column j is key j (x axis); rectangular, with at least one finite value
     * @param title the chart title, or {@code null} for none
     * @param xLabel the x axis title (such as "keys"), or {@code null} for none
     * @param yLabel the y axis title (such as "queries"), or {@code null} for none
     * @param xTickValues the value shown under each column, length {@code cols}, or {@code null}
     *     to label columns by index
     * @param yTickValues the value shown beside each row, length {@code rows}, or {@code null} to
     *     label rows by index
     * @throws IllegalArgumentException if the matrix is null, empty, ragged or has no finite value,
     *     or if a tick array has the wrong length
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path png,
            double[][] matrix,
            String title,
            String xLabel,
            String yLabel,
            double[] xTickValues,
            double[] yTickValues)
            throws IOException {
        PngFiles.checkTarget(png);
        checkMatrix(matrix);
        int rows = matrix.length;
        int cols = matrix[0].length;
        checkTicks("xTickValues", xTickValues, cols, "columns");
        checkTicks("yTickValues", yTickValues, rows, "rows");
        double[] range = finiteRange(matrix);
        PngFiles.write(png, render(matrix, range, title, xLabel, yLabel, xTickValues, yTickValues));
    }

    private static void checkMatrix(double[][] matrix) {
        if (matrix == null || matrix.length == 0) {
            throw new IllegalArgumentException(
                    "matrix is " + (matrix == null ? "null" : "empty (0 rows)")
                            + "; pass a [rows][cols] array with at least one row and one column");
        }
        if (matrix[0] == null || matrix[0].length == 0) {
            throw new IllegalArgumentException(
                    "matrix row 0 is " + (matrix[0] == null ? "null" : "empty") + " (matrix has "
                            + matrix.length + " rows); pass a [rows][cols] array with at least one column");
        }
        int cols = matrix[0].length;
        for (int r = 1; r < matrix.length; r++) {
            if (matrix[r] == null || matrix[r].length != cols) {
                throw new IllegalArgumentException(
                        "matrix row " + r + " has " + (matrix[r] == null ? "null" : matrix[r].length)
                                + " columns but row 0 has " + cols + "; pass a rectangular [rows][cols] array");
            }
        }
    }

    private static void checkTicks(String name, double[] ticks, int expected, String what) {
        if (ticks != null && ticks.length != expected) {
            throw new IllegalArgumentException(
                    name + " has " + ticks.length + " values but matrix has " + expected + " " + what
                            + "; pass one value per " + what.substring(0, what.length() - 1)
                            + ", or null to label by index");
        }
    }

    /** Returns {min, max} of the finite cells, widened by 0.5 each way when all are equal. */
    static double[] finiteRange(double[][] matrix) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : matrix) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException(
                    "matrix has no finite value (all " + matrix.length + "x" + matrix[0].length
                            + " cells are NaN or infinite); check the model output before plotting it");
        }
        if (min == max) {
            return new double[] {min - 0.5, max + 0.5};
        }
        return new double[] {min, max};
    }

    /** Maps {@code t} in [0, 1] to the "Reds" colour map, linearly between its anchors. */
    static int colour(double t) {
        double s = Math.max(0.0, Math.min(1.0, t)) * (REDS.length - 1);
        int i = Math.min((int) s, REDS.length - 2);
        double f = s - i;
        int a = REDS[i];
        int b = REDS[i + 1];
        int red = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int green = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int blue = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (red << 16) | (green << 8) | blue;
    }

    private static BufferedImage render(
            double[][] matrix,
            double[] range,
            String title,
            String xLabel,
            String yLabel,
            double[] xTickValues,
            double[] yTickValues) {
        int rows = matrix.length;
        int cols = matrix[0].length;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double span = range[1] - range[0];
            for (int py = 0; py < PLOT_SIZE; py++) {
                double[] row = matrix[(int) ((long) py * rows / PLOT_SIZE)];
                for (int px = 0; px < PLOT_SIZE; px++) {
                    double v = row[(int) ((long) px * cols / PLOT_SIZE)];
                    int rgb = Double.isFinite(v) ? colour((v - range[0]) / span) : MISSING.getRGB();
                    image.setRGB(PLOT_LEFT + px, PLOT_TOP + py, rgb);
                }
            }
            for (int py = 0; py < PLOT_SIZE; py++) {
                int rgb = colour(1.0 - (double) py / (PLOT_SIZE - 1));
                for (int px = 0; px < BAR_WIDTH; px++) {
                    image.setRGB(BAR_LEFT + px, PLOT_TOP + py, rgb);
                }
            }
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(AXIS);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(PLOT_LEFT - 1, PLOT_TOP - 1, PLOT_SIZE + 1, PLOT_SIZE + 1);
            g.drawRect(BAR_LEFT - 1, PLOT_TOP - 1, BAR_WIDTH + 1, PLOT_SIZE + 1);
            Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            g.setFont(tickFont);
            FontMetrics fm = g.getFontMetrics();
            int step = tickStep(cols);
            for (int c = 0; c < cols; c += step) {
                int x = PLOT_LEFT + (int) Math.round((c + 0.5) * PLOT_SIZE / cols);
                int y = PLOT_TOP + PLOT_SIZE;
                g.drawLine(x, y, x, y + TICK_LENGTH);
                String label = xTickValues == null ? Integer.toString(c) : format(xTickValues[c]);
                g.drawString(label, x - fm.stringWidth(label) / 2, y + TICK_LENGTH + fm.getAscent() + 2);
            }
            step = tickStep(rows);
            for (int r = 0; r < rows; r += step) {
                int y = PLOT_TOP + (int) Math.round((r + 0.5) * PLOT_SIZE / rows);
                g.drawLine(PLOT_LEFT - TICK_LENGTH - 1, y, PLOT_LEFT - 1, y);
                String label = yTickValues == null ? Integer.toString(r) : format(yTickValues[r]);
                g.drawString(
                        label,
                        PLOT_LEFT - TICK_LENGTH - 4 - fm.stringWidth(label),
                        y + fm.getAscent() / 2 - 1);
            }
            for (double value : barTicks(range[0], range[1])) {
                double t = (value - range[0]) / (range[1] - range[0]);
                int y = PLOT_TOP + PLOT_SIZE - 1 - (int) Math.round(t * (PLOT_SIZE - 1));
                int x = BAR_LEFT + BAR_WIDTH;
                g.drawLine(x, y, x + TICK_LENGTH, y);
                g.drawString(format(value), x + TICK_LENGTH + 3, y + fm.getAscent() / 2 - 1);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            fm = g.getFontMetrics();
            if (xLabel != null && !xLabel.isEmpty()) {
                g.drawString(
                        xLabel,
                        PLOT_LEFT + (PLOT_SIZE - fm.stringWidth(xLabel)) / 2,
                        PLOT_TOP + PLOT_SIZE + 48);
            }
            if (yLabel != null && !yLabel.isEmpty()) {
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                g.drawString(
                        yLabel, -(PLOT_TOP + (PLOT_SIZE + fm.stringWidth(yLabel)) / 2), PLOT_LEFT - 52);
                g.setTransform(saved);
            }
            if (title != null && !title.isEmpty()) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
                fm = g.getFontMetrics();
                g.drawString(title, PLOT_LEFT + (PLOT_SIZE - fm.stringWidth(title)) / 2, PLOT_TOP - 22);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The smallest step of 1, 2, 5, 10, 20, 50, ... that puts at most six ticks on the axis. */
    static int tickStep(int count) {
        long base = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                long step = base * m;
                if ((count + step - 1) / step <= MAX_TICKS) {
                    return (int) step;
                }
            }
            base *= 10;
        }
    }

    /**
     * Round colour bar values inside [lo, hi]: multiples of a step of 1, 2, 2.5 or 5 times a power
     * of ten, at most five of them.
     */
    static double[] barTicks(double lo, double hi) {
        double magnitude = Math.pow(10, Math.floor(Math.log10((hi - lo) / BAR_TICKS)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            double step = m * magnitude;
            long first = (long) Math.ceil(lo / step - 1e-9);
            long last = (long) Math.floor(hi / step + 1e-9);
            if (last - first + 1 <= BAR_TICKS) {
                double[] ticks = new double[(int) (last - first + 1)];
                for (int i = 0; i < ticks.length; i++) {
                    ticks[i] = (first + i) * step;
                }
                return ticks;
            }
        }
        throw new IllegalStateException("no colour bar step fits [" + lo + ", " + hi + "]");
    }

    /** Formats a tick value in at most three significant digits, without a locale. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e7) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }
}
