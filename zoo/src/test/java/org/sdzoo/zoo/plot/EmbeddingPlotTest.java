package org.sdzoo.zoo.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingPlotTest {

    @TempDir
    Path tmp;

    /** Points on a line in 3-D: the first component is that line (its coordinate up to a shift), the second is zero. */
    @Test
    void principalComponentsOfPointsOnALine() {
        double[][] rows = new double[5][];
        for (int i = 0; i < 5; i++) {
            rows[i] = new double[] {i, 2.0 * i, -2.0 * i};
        }
        double[][] xy = EmbeddingPlot.principalComponents(rows);
        for (int i = 0; i < 5; i++) {
            assertEquals(3.0 * (i - 2), xy[0][i], 1e-9, "projection onto (1, 2, -2)/3 of row " + i);
            assertEquals(0, xy[1][i], 1e-9, "no variance left for the second component");
        }
    }

    @Test
    void writesAReadablePngAndRefusesMismatches() throws Exception {
        double[][] rows = {{0, 1, 2}, {1, 0, 2}, {5, 5, 0}, {6, 4, 1}};
        Path png = tmp.resolve("e.png");
        EmbeddingPlot.write(png, "test", rows, new int[] {0, 0, 1, 1}, List.of("a", "b"), new int[] {0, 3});
        PlotAssertions.assertPng(png, XyCharts.WIDTH, XyCharts.HEIGHT);
        var classes = assertThrows(IllegalArgumentException.class, () -> EmbeddingPlot.write(png, null, rows,
                new int[] {0, 0, 1}, List.of("a", "b"), new int[0]));
        assertTrue(classes.getMessage().contains("3 classes for 4"), classes.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> EmbeddingPlot.write(png, null, rows,
                new int[] {0, 0, 1, 2}, List.of("a", "b"), new int[0]));
        assertTrue(range.getMessage().contains("class 2"), range.getMessage());
        var marked = assertThrows(IllegalArgumentException.class, () -> EmbeddingPlot.write(png, null, rows,
                new int[] {0, 0, 1, 1}, List.of("a", "b"), new int[] {4}));
        assertTrue(marked.getMessage().contains("marked item 4"), marked.getMessage());
    }
}
