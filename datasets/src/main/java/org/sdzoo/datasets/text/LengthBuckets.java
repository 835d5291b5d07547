package org.sdzoo.datasets.text;

import java.util.Arrays;

/**
 * A few fixed padded lengths and a budget of positions per batch, for {@link ParallelBatches}:
 * a pair goes to the smallest length that holds both its source and its target (with
 * {@code <bos>}/{@code <eos>}), and every batch of a bucket has the same shape
 * {@code [positions / L, L]} on both sides. A model compiled per input shape (sdzoo's execution
 * plan, over a gigabyte per shape for a translation model) then sees one shape per bucket, and a
 * batch costs about the same at every length because it holds about the same number of positions.
 *
 * @param lengths   the padded lengths, strictly increasing; a pair longer than the last goes to a
 *                  multiple of the last
 * @param positions sentences × length per batch: a bucket's batch holds {@code max(1, positions / L)}
 *                  sentences
 */
public record LengthBuckets(int[] lengths, int positions) implements java.io.Serializable {

    public LengthBuckets {
        if (lengths == null || lengths.length == 0) {
            throw new IllegalArgumentException("no bucket lengths: give at least one padded length, e.g. 16");
        }
        lengths = lengths.clone();
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 1 || (i > 0 && lengths[i] <= lengths[i - 1])) {
                throw new IllegalArgumentException("bucket lengths " + Arrays.toString(lengths)
                        + " must be positive and strictly increasing: sort them and drop repeats");
            }
        }
        if (positions < 1) {
            throw new IllegalArgumentException("positions per batch is " + positions
                    + " but must be at least 1: give sentences × length, e.g. 2048");
        }
    }

    /** @return buckets of these lengths holding {@code positions} positions per batch */
    public static LengthBuckets of(int positions, int... lengths) {
        return new LengthBuckets(lengths, positions);
    }

    @Override
    public int[] lengths() {
        return lengths.clone();
    }

    /**
     * @param longest the pair's longer side, in positions (target counted with {@code <bos>})
     * @return the padded length of its bucket
     */
    public int lengthFor(int longest) {
        for (int l : lengths) {
            if (longest <= l) {
                return l;
            }
        }
        int last = lengths[lengths.length - 1];
        return (longest + last - 1) / last * last;
    }

    /** @return the sentences of a batch padded to {@code length} */
    public int batchSize(int length) {
        return Math.max(1, positions / length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LengthBuckets b && b.positions == positions && Arrays.equals(b.lengths, lengths);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lengths) + positions;
    }

    @Override
    public String toString() {
        return "LengthBuckets" + Arrays.toString(lengths) + " × " + positions + " positions";
    }
}
