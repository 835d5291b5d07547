package org.sdzoo.zoo.plot;

import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves: one line per named series against the epoch, 800×600 pixels.
 *
 * <p>The y axis turns logarithmic by itself when every finite value is positive and the values
 * span more than two decades (max / min &gt; 100), which is when a falling loss would otherwise
 * flatten into the x axis. Non-finite values (a metric that is only computed every few epochs)
 * are skipped and the line joins the neighbouring points.
 */
public final class LossCurvePlot {

    /** The column of {@code history.csv} that holds the epoch. */
    public static final String EPOCH_COLUMN = "epoch";

    /** The column of {@code history.csv} that holds the training loss. */
    public static final String LOSS_COLUMN = "loss";

    /** The leading, fixed columns of {@code history.csv}; every column after them is a metric. */
    public static final List<String> FIXED_COLUMNS =
            List.of(EPOCH_COLUMN, "step", LOSS_COLUMN, "lr", "seconds");

    /** Suffix added to the PNG's stem for the chart of the non-loss metrics. */
    public static final String METRICS_SUFFIX = "-metrics";

    private static final double LOG_SCALE_MIN_RATIO = 100.0;

    /** Up to this many epochs XChart's own labels, one per epoch or every few, stay readable. */
    static final int FEW_EPOCHS = 20;
    static final int MAX_TICKS = 8;
    static final int TICK_SPACING_PX = 90;

    private LossCurvePlot() {}

    /**
     * Writes a line chart of {@code series} against {@code epochs}.
     *
     * @param png the PNG file to write; parent directories are created and an existing file is
     *     replaced atomically
     * @param title the chart title, or {@code null} for none
     * @param epochs the x values, one per row, all finite
     * @param series the named y series in legend order (use a {@link LinkedHashMap}), each with
     *     {@code epochs.length} values; NaN marks a missing value, and a series with no finite
     *     value is left out
     * @param yLabel the y axis title, or {@code null} for "value"
     * @throws IllegalArgumentException if an argument is null, empty or of the wrong length, or if
     *     no series has a finite value
     * @throws IOException if the file cannot be written
     */
    public static void write(
            Path png, String title, double[] epochs, Map<String, double[]> series, String yLabel)
            throws IOException {
        PngFiles.checkTarget(png);
        XyCharts.checkNonEmpty("epochs", epochs, "pass one x value per row of the series");
        XyCharts.checkFinite("epochs", epochs);
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(
                    "series is " + (series == null ? "null" : "empty")
                            + "; pass at least one named series such as \"train loss\" -> double["
                            + epochs.length + "]");
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank()) {
                throw new IllegalArgumentException(
                        "series has a " + (e.getKey() == null ? "null" : "blank")
                                + " name among its " + series.size() + " entries; give every series a legend"
                                + " name such as \"val loss\"");
            }
            XyCharts.checkLength(
                    "series \"" + e.getKey() + "\"", e.getValue(), epochs.length, "epochs");
        }
        XYChart chart = XyCharts.newChart(title, "epoch", yLabel == null ? "value" : yLabel);
        chart.getStyler().setYAxisLogarithmic(useLogScale(series.values()));
        EpochAxis axis = EpochAxis.of(epochs);
        int colour = 0;
        boolean any = false;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            any |= XyCharts.addLine(chart, e.getKey(), epochs, e.getValue(), colour++, true);
        }
        if (!any) {
            throw new IllegalArgumentException(
                    "every one of the " + series.size() + " series " + series.keySet()
                            + " is entirely NaN or infinite; pass at least one finite value to plot");
        }
        if (axis.anchored()) {
            axis.applyTo(chart, firstFinite(series.values()));
        }
        PngFiles.write(png, XyCharts.render(chart));
    }

    /**
     * Plots a trainer's {@code history.csv}. The header is {@code epoch,step,loss,lr,seconds}
     * followed by metric columns; each row is one epoch and an empty cell is a missing value.
     * The column {@code loss} and every metric column whose name contains "loss" go on {@code
     * png}; the other metric columns (such as {@code val_accuracy}) go on a second chart beside
     * it, {@code <png stem>-metrics.png}, written only when one of them has a value. Columns with
     * no value at all are left out.
     *
     * @param historyCsv the CSV file to read
     * @param png the PNG file for the loss chart
     * @param title the chart title, or {@code null} for none; the metrics chart adds "(metrics)"
     * @return the PNG files written: {@code png}, then the metrics chart if there was one
     * @throws IllegalArgumentException if the file lacks the {@code epoch} or {@code loss} column,
     *     has no rows, or holds a cell that is not a number
     * @throws IOException if the CSV cannot be read or a PNG cannot be written
     */
    public static List<Path> fromHistoryCsv(Path historyCsv, Path png, String title)
            throws IOException {
        if (historyCsv == null) {
            throw new IllegalArgumentException(
                    "historyCsv is null; pass the path of the history.csv a training run wrote");
        }
        PngFiles.checkTarget(png);
        Map<String, double[]> columns = readColumns(historyCsv);
        double[] epochs = columns.remove(EPOCH_COLUMN);
        Map<String, double[]> losses = new LinkedHashMap<>();
        Map<String, double[]> metrics = new LinkedHashMap<>();
        losses.put(LOSS_COLUMN, columns.get(LOSS_COLUMN));
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (FIXED_COLUMNS.contains(e.getKey()) || !hasFinite(e.getValue())) {
                continue;
            }
            if (e.getKey().toLowerCase(Locale.ROOT).contains("loss")) {
                losses.put(e.getKey(), e.getValue());
            } else {
                metrics.put(e.getKey(), e.getValue());
            }
        }
        List<Path> written = new ArrayList<>();
        write(png, title, epochs, losses, "loss");
        written.add(png);
        if (!metrics.isEmpty()) {
            Path metricsPng = metricsPath(png);
            String metricsTitle = title == null || title.isEmpty() ? "metrics" : title + " (metrics)";
            write(metricsPng, metricsTitle, epochs, metrics, "metric");
            written.add(metricsPng);
        }
        return List.copyOf(written);
    }

    /**
     * Returns the path of the metrics chart that {@link #fromHistoryCsv} writes beside {@code
     * png}: {@code runs/a/history.png} gives {@code runs/a/history-metrics.png}.
     *
     * @param png the loss chart's path
     * @return the metrics chart's path in the same directory
     */
    public static Path metricsPath(Path png) {
        PngFiles.checkTarget(png);
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : ".png";
        return png.resolveSibling(stem + METRICS_SUFFIX + extension);
    }

    /**
     * The epoch axis of a long run. XChart labels equally spaced x values (epochs 1..N) by
     * printing every k-th value without measuring the labels, so 3,000 epochs came out as
     * "1,0031,1701,337…" run together. For more than {@value #FEW_EPOCHS} epochs the axis gets a
     * round range and an invisible anchor series at its ends: the x values are then no longer
     * equally spaced and XChart places round ticks about {@value #TICK_SPACING_PX} pixels apart,
     * printed without thousands separators.
     *
     * @param min  the axis start, a multiple of {@code step} at or below the first epoch
     * @param max  the axis end, a multiple of {@code step} at or above the last epoch
     * @param step a round spacing (1, 2 or 5 times a power of ten) giving at most {@value #MAX_TICKS} ticks
     * @param anchored whether the run is long enough to need the round axis
     */
    record EpochAxis(double min, double max, double step, boolean anchored) {

        /** Tick labels of whole epochs, without grouping ("1003", not "1,003"). */
        static final String PATTERN = "#";

        static EpochAxis of(double[] epochs) {
            double first = Double.POSITIVE_INFINITY;
            double last = Double.NEGATIVE_INFINITY;
            for (double e : epochs) {
                first = Math.min(first, e);
                last = Math.max(last, e);
            }
            double step = roundStep((last - first) / MAX_TICKS);
            return new EpochAxis(Math.floor(first / step) * step, Math.max(Math.ceil(last / step) * step,
                    Math.floor(first / step) * step + step), step, epochs.length > FEW_EPOCHS);
        }

        /** @param y a value on the y axis for the invisible anchor */
        void applyTo(XYChart chart, double y) {
            var styler = chart.getStyler();
            styler.setXAxisMin(min);
            styler.setXAxisMax(max);
            styler.setXAxisDecimalPattern(PATTERN);
            styler.setXAxisTickMarkSpacingHint(TICK_SPACING_PX);
            // Half an epoch off the grid, so that the x values are not equally spaced.
            XYSeries anchor = chart.addSeries(" axis", new double[] {min + 0.5, max},
                    new double[] {y, y});
            anchor.setShowInLegend(false);
            anchor.setMarker(SeriesMarkers.NONE);
            anchor.setLineColor(new Color(0, 0, 0, 0));
        }
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least {@code minimum} (and at least 1). */
    static double roundStep(double minimum) {
        double step = 1;
        while (true) {
            for (double m : new double[] {1, 2, 5}) {
                if (step * m >= minimum) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /**
     * Whether a log y axis suits these series: every finite value is positive and the largest is
     * more than 100 times the smallest.
     */
    static boolean useLogScale(Iterable<double[]> series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : series) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (v <= 0) {
                    return false;
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max && max / min > LOG_SCALE_MIN_RATIO;
    }

    /** Reads every column as doubles, NaN for an empty or absent cell, in header order. */
    private static Map<String, double[]> readColumns(Path historyCsv) throws IOException {
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setTrim(true)
                        .setIgnoreEmptyLines(true)
                        .setAllowMissingColumnNames(false)
                        .get();
        List<String> header;
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(historyCsv, StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw new IllegalArgumentException(
                    "historyCsv " + historyCsv + " is not a valid CSV with one header row ("
                            + e.getMessage() + "); write it as epoch,step,loss,lr,seconds,<metrics...>", e);
        }
        Set<String> names = Set.copyOf(header);
        for (String required : List.of(EPOCH_COLUMN, LOSS_COLUMN)) {
            if (!names.contains(required)) {
                throw new IllegalArgumentException(
                        "historyCsv " + historyCsv + " has no \"" + required + "\" column (header: "
                                + String.join(",", header) + "); write the header as"
                                + " epoch,step,loss,lr,seconds,<metrics...>");
            }
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(
                    "historyCsv " + historyCsv + " has a header but no rows; plot it after at least one"
                            + " epoch has been logged");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String name : header) {
            double[] values = new double[records.size()];
            for (int r = 0; r < records.size(); r++) {
                values[r] = parseCell(historyCsv, records.get(r), r + 1, name);
            }
            columns.put(name, values);
        }
        return columns;
    }

    private static double parseCell(
            Path historyCsv, CSVRecord record, int dataRow, String column) {
        String cell = record.isSet(column) ? record.get(column) : "";
        if (cell.isEmpty()) {
            if (column.equals(EPOCH_COLUMN)) {
                throw new IllegalArgumentException(
                        "historyCsv " + historyCsv + " data row " + dataRow
                                + " has an empty epoch; every row needs its epoch number");
            }
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "historyCsv " + historyCsv + " data row " + dataRow + " column \""
                            + column + "\" holds \"" + cell + "\", not a number; leave the cell empty for a"
                            + " missing value",
                    e);
        }
    }

    private static double firstFinite(Iterable<double[]> series) {
        for (double[] values : series) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    return v;
                }
            }
        }
        throw new IllegalStateException("no finite value, though a series was plotted");
    }

    private static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
