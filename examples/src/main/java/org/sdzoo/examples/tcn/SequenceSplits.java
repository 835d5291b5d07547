package org.sdzoo.examples.tcn;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.sequence.SequenceData;

/**
 * Sequences held in memory, split into training and test examples (the adding problem, copy
 * memory, sequential MNIST).
 *
 * @param train       features {@code [B, C, T]} and labels of the training examples
 * @param test        the test examples, the same shapes
 * @param batchSize   training examples per step
 * @param seed        the run's seed
 * @param description a short description for logs and the archive
 * @param files       the files the data was read from; empty for generated data
 */
public record SequenceSplits(SequenceData train, SequenceData test, int batchSize, long seed, String description,
                             List<Path> files) implements TcnData {

    /** Test batches are larger than training ones: no gradients are kept. */
    static final int EVALUATION_BATCH = 256;

    /** Copies the file list. */
    public SequenceSplits {
        files = List.copyOf(files);
    }

    @Override
    public int inputChannels() {
        return (int) train.features().size(1);
    }

    /** @return T, the length of every sequence */
    public long length() {
        return train.features().size(2);
    }

    /** Shuffled each epoch, the order a function of (seed, epoch). */
    @Override
    public MultiDataSetIterator train(long seedValue) {
        return train.iterator(batchSize, true, seedValue);
    }

    @Override
    public MultiDataSetIterator evaluation() {
        return test.iterator(EVALUATION_BATCH, false, 0);
    }
}
