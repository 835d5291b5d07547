package org.sdzoo.zoo.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapPlotTest {

    @TempDir Path dir;

    /** Softmax attention of 50 queries over 50 keys with a Gaussian kernel, rows summing to 1. */
    private static double[][] attention(int n) {
        double[][] w = new double[n][n];
        for (int q = 0; q < n; q++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                double d = (q - k) / 5.0;
                w[q][k] = Math.exp(-d * d / 2);
                sum += w[q][k];
            }
            for (int k = 0; k < n; k++) {
                w[q][k] /= sum;
            }
        }
        return w;
    }

    private static double[] ticks(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 0.1 * i;
        }
        return t;
    }

    @Test
    void writesSquareishHeatmapWithNumericTicks() throws IOException {
        Path png = dir.resolve("attn/heatmap.png");
        HeatmapPlot.write(png, attention(50), "attention", "keys", "queries", ticks(50), ticks(50));
        BufferedImage image = PlotAssertions.assertPng(png, HeatmapPlot.WIDTH, HeatmapPlot.HEIGHT);
        int centre = HeatmapPlot.PLOT_SIZE / 2;
        assertNotEquals(0xffffff, image.getRGB(100 + centre, 60 + centre) & 0xffffff);
        byte[] first = Files.readAllBytes(png);
        HeatmapPlot.write(png, attention(50), "attention", "keys", "queries", ticks(50), ticks(50));
        assertArrayEquals(first, Files.readAllBytes(png));
    }

    @Test
    void nonSquareMatrixWithIndexTicksAndNaNCells() throws IOException {
        double[][] m = new double[3][7];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 7; c++) {
                m[r][c] = r * 7 + c;
            }
        }
        m[1][2] = Double.NaN;
        Path png = dir.resolve("small.png");
        HeatmapPlot.write(png, m, null, null, null, null, null);
        PlotAssertions.assertPng(png, HeatmapPlot.WIDTH, HeatmapPlot.HEIGHT);
    }

    @Test
    void constantMatrixStillRenders() throws IOException {
        Path png = dir.resolve("flat.png");
        HeatmapPlot.write(png, new double[][] {{0.25, 0.25}, {0.25, 0.25}}, "t", "k", "q", null, null);
        PlotAssertions.assertPng(png, HeatmapPlot.WIDTH, HeatmapPlot.HEIGHT);
    }

    @Test
    void badMatricesNameTheRowAndSizes() {
        Path png = dir.resolve("x.png");
        IllegalArgumentException ragged =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HeatmapPlot.write(png, new double[][] {{1, 2}, {3}}, "t", "k", "q", null, null));
        assertTrue(
                ragged.getMessage().startsWith("matrix row 1 has 1 columns but row 0 has 2;"),
                ragged.getMessage());
        IllegalArgumentException empty =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HeatmapPlot.write(png, new double[0][], "t", "k", "q", null, null));
        assertTrue(empty.getMessage().startsWith("matrix is empty"), empty.getMessage());
        IllegalArgumentException ticks =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HeatmapPlot.write(png, attention(5), "t", "k", "q", ticks(4), null));
        assertTrue(
                ticks.getMessage().startsWith("xTickValues has 4 values but matrix has 5 columns;"),
                ticks.getMessage());
        IllegalArgumentException rowTicks =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> HeatmapPlot.write(png, attention(5), "t", "k", "q", null, ticks(6)));
        assertTrue(
                rowTicks.getMessage().startsWith("yTickValues has 6 values but matrix has 5 rows;"),
                rowTicks.getMessage());
        IllegalArgumentException nan =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                HeatmapPlot.write(
                                        png, new double[][] {{Double.NaN}}, "t", "k", "q", null, null));
        assertTrue(nan.getMessage().startsWith("matrix has no finite value"), nan.getMessage());
        assertTrue(Files.notExists(png));
    }

    @Test
    void ticksAndLabelsAreCompact() {
        assertEquals(1, HeatmapPlot.tickStep(6));
        assertEquals(2, HeatmapPlot.tickStep(7));
        assertEquals(10, HeatmapPlot.tickStep(50));
        assertEquals(20, HeatmapPlot.tickStep(100));
        assertEquals("3", HeatmapPlot.format(3.0));
        assertEquals("0.3", HeatmapPlot.format(0.1 * 3));
        assertEquals("0.0123", HeatmapPlot.format(0.012345));
        assertEquals("1.23e-05", HeatmapPlot.format(0.0000123));
        assertArrayEquals(
                new double[] {0, 0.05, 0.1, 0.15}, HeatmapPlot.barTicks(1e-34, 0.181), 1e-12);
        assertArrayEquals(new double[] {-1, 0, 1}, HeatmapPlot.barTicks(-1, 1.5), 1e-12);
        assertEquals(0xfff5f0, HeatmapPlot.colour(0));
        assertEquals(0x67000d, HeatmapPlot.colour(1));
    }
}
