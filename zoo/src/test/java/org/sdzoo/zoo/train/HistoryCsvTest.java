package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCsvTest {

    @TempDir
    Path dir;

    private static EpochRecord record(int epoch, Map<String, Double> metrics) {
        return new EpochRecord(epoch, epoch * 10L, 1.0 / epoch, 0.5, epoch * 0.25, metrics);
    }

    @Test
    void appendsARowAnEpochAndRewritesWhenANewMetricAppears() throws IOException {
        Path csv = dir.resolve("history.csv");
        HistoryCsv listener = new HistoryCsv(csv);
        List<EpochRecord> history = new ArrayList<>();
        for (int epoch = 1; epoch <= 3; epoch++) {
            history.add(record(epoch, Map.of()));
            listener.onEpochEnd(history.get(epoch - 1), List.copyOf(history));
        }
        assertEquals(List.of("epoch,step,loss,lr,seconds", "1,10,1.0,0.5,0.250", "2,20,0.5,0.5,0.500",
                "3,30,0.3333333333333333,0.5,0.750"), Files.readAllLines(csv));

        history.add(record(4, Map.of("val_mse", 0.125)));
        listener.onEpochEnd(history.get(3), List.copyOf(history));
        assertEquals(List.of("epoch,step,loss,lr,seconds,val_mse", "1,10,1.0,0.5,0.250,", "2,20,0.5,0.5,0.500,",
                "3,30,0.3333333333333333,0.5,0.750,", "4,40,0.25,0.5,1.000,0.125"), Files.readAllLines(csv));

        history.add(record(5, Map.of()));
        listener.onEpochEnd(history.get(4), List.copyOf(history));
        assertEquals("5,50,0.2,0.5,1.250,", Files.readAllLines(csv).get(5));
        assertEquals(Files.readString(csv), written(history));
    }

    @Test
    void aResumedRunRewritesTheFileFromItsCheckpointsHistory() throws IOException {
        Path csv = dir.resolve("history.csv");
        Files.writeString(csv, "epoch,step,loss,lr,seconds\n1,10,1.0,0.5,0.250\n2,20,0.5,0.5,0.500\n9,90,0,0,0\n");
        List<EpochRecord> history = List.of(record(1, Map.of()), record(2, Map.of()), record(3, Map.of()));
        new HistoryCsv(csv).onEpochEnd(history.get(2), history);
        assertEquals(written(history), Files.readString(csv));
    }

    private String written(List<EpochRecord> history) throws IOException {
        Path whole = dir.resolve("whole.csv");
        HistoryCsv.write(whole, history);
        return Files.readString(whole);
    }
}
