package org.sdzoo.datasets.sequence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequential MNIST (pixel by pixel, T = 784, one channel) and permuted MNIST (the same pixels in
 * one fixed, seeded order), as locuslab's {@code mnist_pixel}: pixels scaled to [0, 1] and
 * normalised with MNIST's mean 0.1307 and standard deviation 0.3081.
 *
 * <table>
 *   <caption>Statistics</caption>
 *   <tr><th>split</th><th>images</th><th>files</th></tr>
 *   <tr><td>train</td><td>60,000</td><td>train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz</td></tr>
 *   <tr><td>test</td><td>10,000</td><td>t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz</td></tr>
 * </table>
 * Paper: TCN 99.0% (sequential), 97.2% (permuted).
 */
public final class SequentialMnist {

    /** The mean pixel of MNIST's training images, after scaling to [0, 1]. */
    public static final double MEAN = 0.1307;
    /** Their standard deviation. */
    public static final double STD = 0.3081;
    /** Sequence length: 28 × 28 pixels. */
    public static final int LENGTH = 784;
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    public static final int NUM_CLASSES = 10;

    /** Which MNIST file pair. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private SequentialMnist() {
    }

    /**
     * @param dir         a folder with the four IDX files (gzipped or not)
     * @param limit       read at most this many images (≤ 0: all)
     * @param permutation null for sequential MNIST, or {@link #permutation(long)} for permuted
     * @return features {@code [B, 1, 784]} and class ids {@code [B]}
     */
    public static SequenceData load(Path dir, Split split, int limit, int[] permutation, DataType type)
            throws IOException {
        MnistIdx.Images images = MnistIdx.readImages(file(dir, split.prefix + "-images-idx3-ubyte"));
        byte[] labels = MnistIdx.readLabels(file(dir, split.prefix + "-labels-idx1-ubyte"));
        if (images.count() != labels.length || images.rows() * images.cols() != LENGTH) {
            throw new IllegalArgumentException(dir + ": " + images.count() + " images of " + images.rows() + "x"
                    + images.cols() + " but " + labels.length + " labels: the MNIST files do not belong together");
        }
        if (permutation != null && permutation.length != LENGTH) {
            throw new IllegalArgumentException("a pixel permutation must have " + LENGTH + " entries but has "
                    + permutation.length + ": use SequentialMnist.permutation(seed)");
        }
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        float[] x = new float[n * LENGTH];
        float[] y = new float[n];
        byte[] pixels = images.pixels();
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                int source = permutation == null ? t : permutation[t];
                x[i * LENGTH + t] = (float) (((pixels[i * LENGTH + source] & 0xff) / 255.0 - MEAN) / STD);
            }
            y[i] = labels[i];
        }
        return new SequenceData(Nd4j.create(x, new long[] {n, 1, LENGTH}).castTo(type),
                Nd4j.create(y, new long[] {n}).castTo(type));
    }

    /** @return a fixed permutation of the 784 pixel positions, the same for the same seed (Fisher–Yates) */
    public static int[] permutation(long seed) {
        int[] p = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        return java.nio.file.Files.exists(gz) ? gz : dir.resolve(name);
    }
}
