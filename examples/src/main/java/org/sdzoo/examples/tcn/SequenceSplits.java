package org.sdzoo.examples.tcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.datasets.sequence.SequentialMnist;
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

    /**
     * MNIST from {@code <data dir>/mnist} as sequences {@code [N, 1, 784]} of normalised pixels;
     * {@code --samples N} takes the first N training images and the first min(N, 10,000) test images.
     *
     * @param permutation a fixed pixel order (permuted MNIST), or null
     * @throws IllegalArgumentException for {@code --data}, or when the directory has no MNIST
     */
    public static SequenceSplits mnist(String example, DataSource source, int[] permutation, int batchSize)
            throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException(example + " reads MNIST's IDX files from the data directory: drop --data"
                    + " and give --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = (source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null)).resolve("mnist");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("MNIST is not in " + dir + ": put the four IDX files"
                    + " (train-images-idx3-ubyte.gz, ...) there or point --data-dir / " + DataDirectory.ENV_VAR
                    + " at a directory with a mnist folder");
        }
        int samples = source.positiveOption("samples", SequentialMnist.TRAIN_SIZE);
        SequenceData train = SequentialMnist.load(dir, SequentialMnist.Split.TRAIN, samples, permutation,
                DataType.FLOAT);
        SequenceData test = SequentialMnist.load(dir, SequentialMnist.Split.TEST,
                Math.min(samples, SequentialMnist.TEST_SIZE), permutation, DataType.FLOAT);
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().contains("-ubyte")).sorted().toList();
        }
        return new SequenceSplits(train, test, batchSize, source.seed(), (permutation != null ? "permuted"
                : "sequential") + " MNIST (" + train.size() + " training, " + test.size() + " test images)", files);
    }

    /**
     * @param features {@code [N, ...]} → the same examples reshaped, e.g. MNIST's {@code [N, 1, 784]}
     *                 pixels as 28 rows of 28, {@code [N, 28, 28]}
     * @return these splits with both feature arrays reshaped and {@code description}
     */
    public SequenceSplits reshaped(long[] exampleShape, String newDescription) {
        return new SequenceSplits(reshape(train, exampleShape), reshape(test, exampleShape), batchSize, seed,
                newDescription, files);
    }

    private static SequenceData reshape(SequenceData data, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = data.size();
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return new SequenceData(data.features().reshape(shape), data.labels());
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
