package org.sdzoo.zoo.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sdzoo.datasets.AtomicFiles;

/**
 * Writes the history as CSV after every epoch: {@code epoch,step,loss,lr,seconds,<metrics…>},
 * an empty cell where an epoch lacks a metric. The plots read this file.
 *
 * <p>Each epoch appends its row: rewriting the whole file every epoch made each epoch cost more
 * than the one before (4.5 MB allocated an epoch by epoch 2,000), which grew the JVM's heap and
 * the process's memory over a long run. The file is rewritten whole, atomically, only for the
 * first epoch this listener sees (a fresh run, or a resumed one whose history comes from its
 * checkpoint) and when a new metric column appears.
 */
public final class HistoryCsv implements TrainingListener {

    private static final String FIXED_HEADER = "epoch,step,loss,lr,seconds";

    private final Path file;
    private Set<String> columns;
    private int rowsWritten;

    /** @param file where to write, e.g. {@code runs/x/history.csv} */
    public HistoryCsv(Path file) {
        this.file = file;
    }

    @Override
    public void onEpochEnd(EpochRecord record, List<EpochRecord> history) {
        try {
            if (columns != null && rowsWritten == history.size() - 1 && columns.containsAll(record.metrics().keySet())) {
                StringBuilder row = new StringBuilder();
                appendRow(row, record, columns);
                Files.writeString(file, row, StandardOpenOption.APPEND);
            } else {
                columns = rewrite(file, history);
            }
            rowsWritten = history.size();
        } catch (IOException e) {
            columns = null;
            throw new UncheckedIOException("could not write the history to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code history} to {@code file} atomically. */
    public static void write(Path file, List<EpochRecord> history) throws IOException {
        rewrite(file, history);
    }

    /** Writes the whole file atomically and returns its metric columns. */
    private static Set<String> rewrite(Path file, List<EpochRecord> history) throws IOException {
        TreeSet<String> metricNames = new TreeSet<>();
        history.forEach(r -> metricNames.addAll(r.metrics().keySet()));
        StringBuilder csv = new StringBuilder(FIXED_HEADER);
        metricNames.forEach(m -> csv.append(',').append(m));
        csv.append('\n');
        for (EpochRecord r : history) {
            appendRow(csv, r, metricNames);
        }
        AtomicFiles.writeString(file, csv.toString());
        return metricNames;
    }

    private static void appendRow(StringBuilder csv, EpochRecord r, Set<String> metricNames) {
        csv.append(r.epoch()).append(',').append(r.step()).append(',').append(r.loss()).append(',')
                .append(r.learningRate()).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds()));
        for (String m : metricNames) {
            Double v = r.metrics().get(m);
            csv.append(',').append(v == null ? "" : v.toString());
        }
        csv.append('\n');
    }
}
