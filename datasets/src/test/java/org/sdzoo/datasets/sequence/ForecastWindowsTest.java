package org.sdzoo.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.sdzoo.datasets.DataDirectory;

class ForecastWindowsTest {

    /** Rows t = 0..n-1: a = t, b = 2t + 1 (so standardised values are easy to predict). */
    private static Path series(Path dir, int n) throws IOException {
        StringBuilder s = new StringBuilder("date,a,b\n");
        for (int t = 0; t < n; t++) {
            s.append("2020-01-01 ").append(t).append(",").append(t).append(",").append(2 * t + 1).append("\n");
        }
        return Files.writeString(dir.resolve("series.csv"), s.toString());
    }

    @Test
    void windowsSlideOverEachSplitWithTrainStatistics(@TempDir Path dir) throws IOException {
        ForecastWindows w = ForecastWindows.fromCsv(series(dir, 30), List.of("a", "b"), List.of("b"),
                new ForecastSplit(20, 25, 30), 4, 2, DataType.DOUBLE);
        assertEquals(9.5, w.mean()[0], 1e-12, "mean of the 20 training rows of a");
        assertEquals(Math.sqrt((20 * 20 - 1) / 12.0), w.std()[0], 1e-12, "population std of 0..19");
        assertArrayEquals(new long[] {20 - 4 - 2 + 1, 2, 4}, w.train().features().shape());
        assertArrayEquals(new long[] {15, 2, 1}, w.train().labels().shape());
        assertEquals(5 - 2 + 1, w.validation().size(), "validation windows may start 4 rows before the split");
        // validation window 0 starts at row 16: inputs rows 16..19, targets rows 20..21
        assertEquals((16 - 9.5) / w.std()[0], w.validation().features().getDouble(0, 0, 0), 1e-12);
        assertEquals((2 * 20 + 1 - w.targetMean()[0]) / w.targetStd()[0], w.validation().labels().getDouble(0, 0, 0),
                1e-12);
        // persistence repeats the last input value of b
        double last = (2 * 19 + 1 - w.targetMean()[0]) / w.targetStd()[0];
        assertEquals(last, w.persistence(w.validation()).getDouble(0, 1, 0), 1e-12);
    }

    @Test
    void badSeriesAreRefusedWithASentence(@TempDir Path dir) throws IOException {
        Path csv = series(dir, 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForecastWindows.fromCsv(csv,
                List.of("a"), List.of("a"), new ForecastSplit(20, 25, 30), 4, 6, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("the validation split has 5 rows, too few for a window of 4 steps plus a"
                + " horizon of 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForecastWindows.fromCsv(csv, List.of("a"), List.of("a"),
                new ForecastSplit(20, 25, 40), 4, 1, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("has 30 rows but the split ends at row 40"), e.getMessage());

        Path missing = Files.writeString(dir.resolve("missing.csv"), "t,a\n0,1\n1,\n2,3\n3,4\n4,5\n5,6\n");
        e = assertThrows(IllegalArgumentException.class, () -> ForecastWindows.fromCsv(missing, List.of("a"),
                List.of("a"), new ForecastSplit(3, 4, 6), 1, 1, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("missing values (row 2 column 'a')"), e.getMessage());

        Path text = Files.writeString(dir.resolve("text.csv"), "t,a\n0,1\n1,x\n2,3\n3,4\n4,5\n5,6\n");
        e = assertThrows(IllegalArgumentException.class, () -> ForecastWindows.fromCsv(text, List.of("a"),
                List.of("a"), new ForecastSplit(3, 4, 6), 1, 1, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("row 2 column 'a': 'x' is not a number"), e.getMessage());
    }

    @Test
    void ettSplitIsTwelveFourFourMonths() {
        assertEquals(new ForecastSplit(8640, 11520, 14400), ForecastSplit.ettHourly());
        assertEquals(new ForecastSplit(34560, 46080, 57600), ForecastSplit.ettQuarterHourly());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void etth1HasTheReadmeRowsAndSplit() throws IOException {
        Path csv = DataDirectory.resolve(null).resolve("ett").resolve("ETTh1.csv");
        ForecastWindows w = ForecastWindows.fromCsv(csv, List.of("OT"), List.of("OT"), ForecastSplit.ettHourly(), 96,
                24, DataType.FLOAT);
        assertEquals(8640 - 96 - 24 + 1, w.train().size());
        assertEquals(2880 - 24 + 1, w.validation().size());
        assertEquals(2880 - 24 + 1, w.test().size());
        assertEquals(0, w.train().labels().meanNumber().doubleValue(), 0.05,
                "standardised with train statistics (the labels skip the first 96 training rows)");
        assertEquals(ForecastWindows.fromCsv(csv, List.of("OT"), List.of("OT"), ForecastSplit.ettHourly(), 96, 24,
                DataType.FLOAT).mean()[0], w.mean()[0], 0, "deterministic");
    }
}
