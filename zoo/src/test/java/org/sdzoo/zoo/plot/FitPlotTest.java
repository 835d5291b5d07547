package org.sdzoo.zoo.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitPlotTest {

    @TempDir Path dir;

    private static double[] grid(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 5.0 * i / (n - 1);
        }
        return x;
    }

    private static Map<String, double[]> lines(double[] x) {
        double[] truth = new double[x.length];
        double[] prediction = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            truth[i] = 2 * Math.sin(x[i]) + Math.pow(x[i], 0.8);
            prediction[i] = i == 3 ? Double.NaN : truth[i] + 0.3 * Math.cos(3 * x[i]);
        }
        Map<String, double[]> lines = new LinkedHashMap<>();
        lines.put("truth", truth);
        lines.put("prediction", prediction);
        return lines;
    }

    @Test
    void blankAxisTitlesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FitPlot.Axes("steps", " "));
        assertTrue(e.getMessage().contains("axis titles must not be blank"), e.getMessage());
    }

    @Test
    void writesLinesOverTrainingPoints() throws IOException {
        double[] x = grid(50);
        double[] px = {0.3, 1.1, 2.0, Double.NaN, 3.7, 4.4};
        double[] py = {0.9, 2.7, 3.4, 1.0, 1.1, 0.5};
        Path png = dir.resolve("fit/fit.png");
        FitPlot.write(png, "Nadaraya-Watson", x, lines(x), px, py);
        PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
    }

    @Test
    void writesLinesWithoutPointsAndPointsWithoutLines() throws IOException {
        double[] x = grid(20);
        FitPlot.write(dir.resolve("lines.png"), null, x, lines(x), null, null);
        PlotAssertions.assertPng(dir.resolve("lines.png"), XyCharts.WIDTH, XyCharts.HEIGHT);
        FitPlot.write(dir.resolve("points.png"), "p", x, Map.of(), new double[] {1}, new double[] {2});
        PlotAssertions.assertPng(dir.resolve("points.png"), XyCharts.WIDTH, XyCharts.HEIGHT);
    }

    @Test
    void badArgumentsNameTheArgumentAndSizes() {
        double[] x = grid(10);
        Path png = dir.resolve("x.png");
        IllegalArgumentException points =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", x, lines(x), new double[3], new double[2]));
        assertTrue(
                points.getMessage().startsWith("pointsX has 3 values but pointsY has 2;"),
                points.getMessage());
        IllegalArgumentException half =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", x, lines(x), new double[3], null));
        assertTrue(
                half.getMessage().startsWith("pointsY is null but pointsX has 3 values;"),
                half.getMessage());
        IllegalArgumentException line =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", x, Map.of("truth", new double[7]), null, null));
        assertTrue(
                line.getMessage().startsWith("lines \"truth\" has 7 values but xGrid has 10;"),
                line.getMessage());
        IllegalArgumentException grid =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", null, Map.of(), null, null));
        assertTrue(grid.getMessage().startsWith("xGrid is null;"), grid.getMessage());
        IllegalArgumentException nothing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", x, Map.of(), null, null));
        assertTrue(nothing.getMessage().startsWith("nothing to plot"), nothing.getMessage());
        IllegalArgumentException clash =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FitPlot.write(png, "t", x, Map.of(FitPlot.POINTS_NAME, x), null, null));
        assertTrue(clash.getMessage().contains("\"training points\""), clash.getMessage());
    }
}
