package org.sdzoo.zoo.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvePlotTest {

    @TempDir Path dir;

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    private static Map<String, double[]> curves(int n) {
        double[] train = new double[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
            train[i] = 2.0 * Math.exp(-0.3 * i) + 0.05;
            val[i] = i % 2 == 0 ? 2.2 * Math.exp(-0.25 * i) + 0.1 : Double.NaN;
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train loss", train);
        series.put("val loss", val);
        return series;
    }

    @Test
    void writesPngOfChartSizeIntoNewDirectories() throws IOException {
        Path png = dir.resolve("a/b/loss.png");
        LossCurvePlot.write(png, "training", epochs(10), curves(10), "loss");
        PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
        assertEquals(List.of("loss.png"), PlotAssertions.fileNames(png.getParent()));
    }

    @Test
    void sameInputsGiveSameBytesAndReplaceTheFile() throws IOException {
        Path png = dir.resolve("loss.png");
        Files.writeString(png, "stale");
        LossCurvePlot.write(png, "t", epochs(10), curves(10), null);
        byte[] first = Files.readAllBytes(png);
        LossCurvePlot.write(png, "t", epochs(10), curves(10), null);
        assertArrayEquals(first, Files.readAllBytes(png));
        assertEquals(List.of("loss.png"), PlotAssertions.fileNames(dir));
    }

    @Test
    void longRunsGetRoundEpochTicksWithoutThousandsSeparators() {
        assertEquals(new LossCurvePlot.EpochAxis(0, 3000, 500, true), LossCurvePlot.EpochAxis.of(epochs(3000)));
        assertEquals(new LossCurvePlot.EpochAxis(0, 300, 50, true), LossCurvePlot.EpochAxis.of(epochs(300)));
        assertEquals(new LossCurvePlot.EpochAxis(0, 100_000, 20_000, true), LossCurvePlot.EpochAxis.of(epochs(100_000)));
        assertFalse(LossCurvePlot.EpochAxis.of(epochs(20)).anchored(), "XChart labels 20 epochs well by itself");
        assertEquals(1, LossCurvePlot.EpochAxis.of(epochs(5)).step());
        assertEquals("1003", new java.text.DecimalFormat(LossCurvePlot.EpochAxis.PATTERN).format(1003.0));
        assertEquals(5, LossCurvePlot.roundStep(3.2));
        assertEquals(1, LossCurvePlot.roundStep(0.1));
        assertEquals(200, LossCurvePlot.roundStep(101));
    }

    @Test
    void rendersRunsOfAnyLength() throws IOException {
        for (int n : new int[] {1, 5, 21, 300, 3000, 100_000}) {
            Path png = dir.resolve("loss-" + n + ".png");
            double[] loss = new double[n];
            for (int i = 0; i < n; i++) {
                loss[i] = 10 + 5 * Math.exp(-i / 10.0);
            }
            LossCurvePlot.write(png, n + " epochs", epochs(n), Map.of("loss", loss), "loss");
            PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
        }
    }

    @Test
    void logScaleOnlyForPositiveValuesSpanningMoreThanTwoDecades() {
        assertTrue(LossCurvePlot.useLogScale(List.of(new double[] {10, 1, 0.01, Double.NaN})));
        assertFalse(LossCurvePlot.useLogScale(List.of(new double[] {10, 1, 0.2})));
        assertFalse(LossCurvePlot.useLogScale(List.of(new double[] {10, 0.001}, new double[] {0})));
        assertFalse(LossCurvePlot.useLogScale(List.of(new double[] {Double.NaN})));
    }

    @Test
    void writesLogScaleChartAndSkipsAllNaNSeries() throws IOException {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("loss", new double[] {5, 0.5, 0.05, 0.005});
        series.put("never logged", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        Path png = dir.resolve("log.png");
        LossCurvePlot.write(png, "log", epochs(4), series, "loss");
        PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
    }

    @Test
    void seriesOfWrongLengthNamesSeriesAndSizes() {
        Map<String, double[]> series = curves(10);
        series.put("val loss", new double[9]);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LossCurvePlot.write(dir.resolve("x.png"), "t", epochs(10), series, "loss"));
        assertTrue(
                e.getMessage().startsWith("series \"val loss\" has 9 values but epochs has 10;"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    @Test
    void emptyInputsAreRejectedWithTheArgumentName() {
        Path png = dir.resolve("x.png");
        IllegalArgumentException noEpochs =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LossCurvePlot.write(png, "t", new double[0], curves(0), "loss"));
        assertTrue(noEpochs.getMessage().startsWith("epochs is empty;"), noEpochs.getMessage());
        IllegalArgumentException noSeries =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LossCurvePlot.write(png, "t", epochs(3), Map.of(), "loss"));
        assertTrue(noSeries.getMessage().startsWith("series is empty;"), noSeries.getMessage());
        IllegalArgumentException nanEpoch =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LossCurvePlot.write(
                                        png, "t", new double[] {1, Double.NaN}, Map.of("l", new double[2]), "loss"));
        assertTrue(nanEpoch.getMessage().startsWith("epochs[1] is NaN"), nanEpoch.getMessage());
        IllegalArgumentException allNaN =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                LossCurvePlot.write(
                                        png, "t", epochs(2), Map.of("l", new double[] {Double.NaN, Double.NaN}),
                                        "loss"));
        assertTrue(allNaN.getMessage().contains("entirely NaN"), allNaN.getMessage());
        IllegalArgumentException noPng =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LossCurvePlot.write(null, "t", epochs(3), curves(3), "loss"));
        assertTrue(noPng.getMessage().startsWith("png is null;"), noPng.getMessage());
    }

    @Test
    void historyCsvWithMissingCellWritesLossAndMetricsCharts() throws IOException {
        Path csv = dir.resolve("history.csv");
        Files.writeString(
                csv,
                "epoch,step,loss,lr,seconds,val_loss,val_accuracy,val_mse\n"
                        + "1,10,1.20,0.01,0.5,1.30,0.40,\n"
                        + "2,20,0.80,0.01,0.5,,0.55,0.9\n"
                        + "3,30,0.50,0.01,0.5,0.70,0.70,0.6\n",
                StandardCharsets.UTF_8);
        Path png = dir.resolve("plots/history.png");
        List<Path> written = LossCurvePlot.fromHistoryCsv(csv, png, "run 1");
        Path metrics = dir.resolve("plots/history-metrics.png");
        assertEquals(List.of(png, metrics), written);
        PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
        PlotAssertions.assertPng(metrics, XyCharts.WIDTH, XyCharts.HEIGHT);
        assertEquals(
                List.of("history-metrics.png", "history.png"), PlotAssertions.fileNames(png.getParent()));
    }

    @Test
    void historyCsvWithOnlyLossesWritesOneChart() throws IOException {
        Path csv = dir.resolve("history.csv");
        Files.writeString(
                csv,
                "epoch,step,loss,lr,seconds,val_loss,val_accuracy\n1,10,1.2,0.01,0.5,1.3,\n"
                        + "2,20,0.8,0.01,0.5,0.9,\n",
                StandardCharsets.UTF_8);
        Path png = dir.resolve("history.png");
        assertEquals(List.of(png), LossCurvePlot.fromHistoryCsv(csv, png, null));
        assertFalse(Files.exists(LossCurvePlot.metricsPath(png)));
    }

    @Test
    void historyCsvProblemsNameTheFileAndTheFix() throws IOException {
        Path png = dir.resolve("history.png");
        Path noLoss = dir.resolve("no-loss.csv");
        Files.writeString(noLoss, "epoch,step,lr\n1,10,0.1\n", StandardCharsets.UTF_8);
        IllegalArgumentException e1 =
                assertThrows(
                        IllegalArgumentException.class, () -> LossCurvePlot.fromHistoryCsv(noLoss, png, "t"));
        assertTrue(e1.getMessage().contains("has no \"loss\" column (header: epoch,step,lr)"),
                e1.getMessage());
        Path text = dir.resolve("text.csv");
        Files.writeString(
                text, "epoch,step,loss,lr,seconds\n1,10,abc,0.1,1\n", StandardCharsets.UTF_8);
        IllegalArgumentException e2 =
                assertThrows(
                        IllegalArgumentException.class, () -> LossCurvePlot.fromHistoryCsv(text, png, "t"));
        assertTrue(
                e2.getMessage().contains("data row 1 column \"loss\" holds \"abc\", not a number"),
                e2.getMessage());
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "epoch,step,loss,lr,seconds\n", StandardCharsets.UTF_8);
        IllegalArgumentException e3 =
                assertThrows(
                        IllegalArgumentException.class, () -> LossCurvePlot.fromHistoryCsv(empty, png, "t"));
        assertTrue(e3.getMessage().contains("has a header but no rows"), e3.getMessage());
        assertFalse(Files.exists(png));
    }

    @Test
    void metricsPathKeepsDirectoryAndExtension() {
        assertEquals(
                Path.of("runs/a/history-metrics.png"),
                LossCurvePlot.metricsPath(Path.of("runs/a/history.png")));
        assertEquals(Path.of("plot-metrics.png"), LossCurvePlot.metricsPath(Path.of("plot")));
    }
}
