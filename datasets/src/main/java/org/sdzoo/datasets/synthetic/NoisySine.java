package org.sdzoo.datasets.synthetic;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataChecks;

/**
 * The one-dimensional regression data of d2l's attention-pooling chapter (Nadaraya–Watson kernel
 * regression): {@code y = 2 sin(x) + x^0.8 + noise}.
 *
 * <table>
 *   <caption>Statistics of the d2l setting</caption>
 *   <tr><th>split</th><th>examples</th><th>x</th><th>y</th></tr>
 *   <tr><td>train</td><td>50</td><td>uniform on [0, 5), sorted</td><td>truth(x) + N(0, 0.5<sup>2</sup>)</td></tr>
 *   <tr><td>test</td><td>50</td><td>0, 0.1, ..., 4.9</td><td>truth(x), no noise</td></tr>
 * </table>
 * On [0, 5) the truth rises from 0 at x = 0 to its maximum of about 3.56 near x = 1.93 and falls
 * to about 1.60 at x = 4.9.
 *
 * <p>Generated with {@link java.util.Random}: deterministic for a seed, but not the same numbers
 * as PyTorch's generator, so a result comparable to d2l needs the statistics, not the exact
 * points. PyTorch parity tests use fixture files instead.
 */
public final class NoisySine {

    /** Training points in the d2l setting. */
    public static final int D2L_TRAIN_SIZE = 50;
    /** Noise standard deviation in the d2l setting. */
    public static final double D2L_NOISE_STD = 0.5;
    /** The upper end (exclusive) of the x range. */
    public static final double X_MAX = 5.0;
    /** Number of points on the test grid. */
    public static final int TEST_GRID_SIZE = 50;

    /**
     * Noisy regression data.
     *
     * @param x inputs {@code [B, 1]}, float64, sorted ascending
     * @param y targets {@code [B]}, float64
     */
    public record Regression1D(INDArray x, INDArray y) {

        /**
         * Checks that x is {@code [B, 1]} and y is {@code [B]}.
         *
         * @throws IllegalArgumentException if a shape is wrong
         */
        public Regression1D {
            DataChecks.requireShape(x, "x", "give one input per row, shape [B, 1]", -1, 1);
            DataChecks.requireShape(y, "y", "give one target per example, shape [" + x.size(0) + "]", x.size(0));
        }

        /**
         * Returns the number of examples.
         *
         * @return {@code B}
         */
        public int size() {
            return (int) x.size(0);
        }
    }

    private NoisySine() {
    }

    /**
     * The noise-free function.
     *
     * @param x the input, {@code >= 0}
     * @return {@code 2 sin(x) + x^0.8}
     */
    public static double truth(double x) {
        return 2 * Math.sin(x) + Math.pow(x, 0.8);
    }

    /**
     * The noise-free function applied element-wise.
     *
     * @param x inputs of any shape, values {@code >= 0}
     * @return float64 values of the same shape
     */
    public static INDArray truth(INDArray x) {
        double[] values = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < values.length; i++) {
            values[i] = truth(values[i]);
        }
        return Nd4j.create(values, x.shape(), DataType.DOUBLE);
    }

    /**
     * Draws {@code n} noisy points: {@code x ~ U(0, 5)} sorted ascending, then
     * {@code y = truth(x) + N(0, noiseStd^2)}, all from {@code new java.util.Random(seed)}
     * (first the n x values, then the n noise values in sorted-x order).
     *
     * @param n        the number of points, {@code >= 1} (d2l: 50)
     * @param noiseStd the noise standard deviation, {@code >= 0} (d2l: 0.5)
     * @param seed     the random seed
     * @return x {@code [n, 1]} and y {@code [n]}, float64
     * @throws IllegalArgumentException if {@code n < 1} or the noise is negative or not finite
     */
    public static Regression1D generate(int n, double noiseStd, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n is " + n + "; generate at least 1 point (d2l uses 50).");
        }
        if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
            throw new IllegalArgumentException("noiseStd is " + noiseStd + "; use a finite value >= 0 (d2l uses 0.5).");
        }
        Random random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = X_MAX * random.nextDouble();
        }
        Arrays.sort(x);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = truth(x[i]) + noiseStd * random.nextGaussian();
        }
        return new Regression1D(Nd4j.create(x, new long[] {n, 1}, DataType.DOUBLE),
                Nd4j.create(y, new long[] {n}, DataType.DOUBLE));
    }

    /**
     * The d2l test inputs {@code 0, 0.1, ..., 4.9}, each computed as {@code i * 0.1} (no
     * accumulated rounding).
     *
     * @return 50 values, shape {@code [50]}, float64
     */
    public static INDArray testGrid() {
        double[] grid = new double[TEST_GRID_SIZE];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = i * 0.1;
        }
        return Nd4j.create(grid, new long[] {TEST_GRID_SIZE}, DataType.DOUBLE);
    }
}
