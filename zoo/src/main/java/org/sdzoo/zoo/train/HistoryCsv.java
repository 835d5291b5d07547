package org.sdzoo.zoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.sdzoo.datasets.AtomicFiles;

/**
 * Writes the history as CSV after every epoch: {@code epoch,step,loss,lr,seconds,<metrics…>},
 * an empty cell where an epoch lacks a metric. The plots read this file.
 */
public final class HistoryCsv implements TrainingListener {

    private final Path file;

    /** @param file where to write, e.g. {@code runs/x/history.csv} */
    public HistoryCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(EpochRecord record, List<EpochRecord> history) {
        try {
            write(file, history);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the history to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code history} to {@code file} atomically. */
    public static void write(Path file, List<EpochRecord> history) throws IOException {
        TreeSet<String> metricNames = new TreeSet<>();
        history.forEach(r -> metricNames.addAll(r.metrics().keySet()));
        StringBuilder csv = new StringBuilder("epoch,step,loss,lr,seconds");
        metricNames.forEach(m -> csv.append(',').append(m));
        csv.append('\n');
        for (EpochRecord r : history) {
            csv.append(r.epoch()).append(',').append(r.step()).append(',').append(r.loss()).append(',')
                    .append(r.learningRate()).append(',').append(String.format("%.3f", r.seconds()));
            for (String m : metricNames) {
                Double v = r.metrics().get(m);
                csv.append(',').append(v == null ? "" : v.toString());
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(file, csv.toString());
    }
}
