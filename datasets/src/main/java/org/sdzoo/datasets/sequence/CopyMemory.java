package org.sdzoo.datasets.sequence;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The copy-memory task (locuslab/TCN's {@code copy_memory}): the input is M digits from 1–8, then
 * T-1 blanks (0), then M+1 markers (9); the target is 0 for the first M+T steps and the M digits
 * in the last M. Total length T + 2M. Guessing blanks and then uniformly among 8 digits scores a
 * cross-entropy of {@code 10·ln 8 / (T + 20)} with M = 10 (0.0297 at T = 1000); the paper's TCN
 * reaches 3.5e-5.
 */
public final class CopyMemory {

    /** The digit that marks "recall now". */
    public static final int MARKER = 9;
    /** Classes: blank 0, digits 1–8, marker 9. */
    public static final int NUM_CLASSES = 10;
    /** locuslab's memory length M. */
    public static final int DEFAULT_MEMORY = 10;

    private CopyMemory() {
    }

    /**
     * @param examples B
     * @param blank    T ≥ 1, the blank length
     * @param memory   M ≥ 1, the digits to recall
     * @return features {@code [B, 1, T + 2M]} (the symbols as numbers, as locuslab feeds them) and
     *         class ids {@code [B, T + 2M]}
     */
    public static SequenceData generate(int examples, int blank, int memory, long seed, DataType type) {
        if (examples < 1 || blank < 1 || memory < 1) {
            throw new IllegalArgumentException("copy memory needs examples, blank length and memory length >= 1 but"
                    + " got " + examples + ", " + blank + ", " + memory);
        }
        int length = blank + 2 * memory;
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[examples * length];
        double[] y = new double[examples * length];
        for (int b = 0; b < examples; b++) {
            int row = b * length;
            for (int i = 0; i < memory; i++) {
                double digit = 1 + random.nextInt(8);
                x[row + i] = digit;
                y[row + memory + blank + i] = digit;
            }
            for (int i = memory + blank - 1; i < length; i++) {
                x[row + i] = MARKER;
            }
        }
        return new SequenceData(Nd4j.create(x, new long[] {examples, 1, length}, DataType.DOUBLE).castTo(type),
                Nd4j.create(y, new long[] {examples, length}, DataType.DOUBLE).castTo(type));
    }

    /** @return the cross-entropy of predicting blanks until the marker and then guessing among 8 digits */
    public static double guessingBaseline(int blank, int memory) {
        return memory * Math.log(8) / (blank + 2.0 * memory);
    }
}
