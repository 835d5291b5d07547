package org.sdzoo.examples.tcn;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.sequence.ForecastWindows;

/**
 * Sliding forecasting windows over a time series CSV: inputs {@code [B, C_in, L]}, targets
 * {@code [B, H, C_target]}, standardised with the training rows' statistics.
 *
 * @param windows     the train, validation and test windows with their statistics
 * @param window      L, the input steps of a window
 * @param horizon     H, the steps forecast after it
 * @param batchSize   training windows per step
 * @param seed        the run's seed
 * @param description a short description for logs and the archive
 * @param files       the CSV file
 */
public record ForecastData(ForecastWindows windows, int window, int horizon, int batchSize, long seed,
                           String description, List<Path> files) implements TcnData {

    /** Copies the file list. */
    public ForecastData {
        files = List.copyOf(files);
    }

    @Override
    public int inputChannels() {
        return windows.inputs().size();
    }

    @Override
    public MultiDataSetIterator train(long seedValue) {
        return windows.train().iterator(batchSize, true, seedValue);
    }

    @Override
    public MultiDataSetIterator validation() {
        return windows.validation().iterator(SequenceSplits.EVALUATION_BATCH, false, 0);
    }

    @Override
    public MultiDataSetIterator evaluation() {
        return windows.test().iterator(SequenceSplits.EVALUATION_BATCH, false, 0);
    }
}
