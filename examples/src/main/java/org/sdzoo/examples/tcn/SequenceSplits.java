package org.sdzoo.examples.tcn;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.examples.DataSource;

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
    /** locuslab's test set size of the generated tasks. */
    static final int GENERATED_TEST_SIZE = 1_000;
    /** locuslab's batch size of the generated tasks. */
    static final int GENERATED_BATCH = 32;
    /** The test set's seed is apart from the training set's, as locuslab draws them one after the other. */
    private static final long TEST_SEED_OFFSET = 1_000_003;

    /** Draws generated sequences. */
    @FunctionalInterface
    interface Generator {
        /** @return {@code examples} sequences of length {@code length} drawn with {@code seed} */
        SequenceData generate(int examples, int length, long seed);
    }

    /**
     * Generated data as locuslab's synthetic tasks: {@code --samples} training sequences (default
     * {@code trainSize}) and at most 1,000 test ones, all of {@code --length} (default
     * {@code defaultLength}), the test set drawn with another seed; batches of 32.
     *
     * @param what the data's name in the description, e.g. {@code AddingProblem}
     * @throws IllegalArgumentException for {@code --data}, which a generated task does not read
     */
    static SequenceSplits generated(String example, DataSource source, int defaultLength, int trainSize,
                                    Generator generator, String what) {
        if (source.isUserData()) {
            throw new IllegalArgumentException(example + " generates its sequences: drop --data (set their length with"
                    + " --length and their number with --samples)");
        }
        int length = source.positiveOption("length", defaultLength);
        int samples = source.positiveOption("samples", trainSize);
        SequenceData train = generator.generate(samples, length, source.seed());
        SequenceData test = generator.generate(Math.min(GENERATED_TEST_SIZE, samples), length,
                source.seed() + TEST_SEED_OFFSET);
        return new SequenceSplits(train, test, GENERATED_BATCH, source.seed(), what + "(T=" + length + ", " + samples
                + " training sequences, seed " + source.seed() + ")", List.of());
    }

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
