package org.sdzoo.datasets.sequence;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997; locuslab/TCN's {@code adding_problem}):
 * channel 0 holds T numbers drawn uniformly from [0, 1), channel 1 is 0 except for two distinct
 * positions marked 1; the target is the sum of the two marked numbers. Predicting 1 (the mean)
 * scores MSE ≈ 0.167; the paper's TCN reaches 5.8e-5 at T = 600.
 *
 * <p>Deterministic for a seed ({@link SplittableRandom}); the numbers differ from PyTorch's, the
 * distribution does not.
 */
public final class AddingProblem {

    /** The MSE of always predicting 1, the expected sum: Var(U₁ + U₂) = 2/12. */
    public static final double MEAN_BASELINE_MSE = 1.0 / 6;

    private AddingProblem() {
    }

    /**
     * @param examples B
     * @param length   T ≥ 2
     * @return features {@code [B, 2, T]} (values, markers) and targets {@code [B, 1]}
     */
    public static SequenceData generate(int examples, int length, long seed, DataType type) {
        if (examples < 1 || length < 2) {
            throw new IllegalArgumentException("the adding problem needs at least 1 example and length 2 (two marked"
                    + " positions) but got " + examples + " examples of length " + length);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[examples * 2 * length];
        double[] y = new double[examples];
        for (int b = 0; b < examples; b++) {
            int base = b * 2 * length;
            for (int t = 0; t < length; t++) {
                x[base + t] = random.nextDouble();
            }
            int first = random.nextInt(length);
            int second = random.nextInt(length - 1);
            if (second >= first) {
                second++;                                 // two distinct positions, each pair equally likely
            }
            x[base + length + first] = 1;
            x[base + length + second] = 1;
            y[b] = x[base + first] + x[base + second];
        }
        return new SequenceData(Nd4j.create(x, new long[] {examples, 2, length}, DataType.DOUBLE).castTo(type),
                Nd4j.create(y, new long[] {examples, 1}, DataType.DOUBLE).castTo(type));
    }
}
