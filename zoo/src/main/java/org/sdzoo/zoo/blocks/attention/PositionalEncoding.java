package org.sdzoo.zoo.blocks.attention;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * Adds a position table to token embeddings: sinusoidal (the Annotated Transformer / d2l:
 * {@code PE[t, 2i] = sin(t / 10000^(2i/D))}, {@code PE[t, 2i+1] = cos(...)}, a constant) or
 * learned ({@code <scope>.weight [maxLen, D]}, N(0, 1) as {@code nn.Embedding}). No dropout here:
 * apply {@code blocks.nn.Dropout} after it as those models do.
 *
 * @param table  {@code [maxLen, D]}
 * @param maxLen the longest sequence the table covers
 */
public record PositionalEncoding(SDVariable table, long maxLen) {

    /** A constant sinusoidal table. */
    public static PositionalEncoding sinusoidal(Scope scope, long maxLen, long dModel) {
        return new PositionalEncoding(scope.sd().constant(sinusoidTable(maxLen, dModel).castTo(scope.dataType())), maxLen);
    }

    /** A trainable table named {@code <scope>.weight}. */
    public static PositionalEncoding learned(Scope scope, long maxLen, long dModel) {
        requireSizes(maxLen, dModel);
        return new PositionalEncoding(scope.param("weight",
                scope.init("weight").normal(scope.dataType(), 0, 1, maxLen, dModel)), maxLen);
    }

    /** @return {@code [maxLen, D]} sinusoids */
    public static INDArray sinusoidTable(long maxLen, long dModel) {
        requireSizes(maxLen, dModel);
        double[][] pe = new double[(int) maxLen][(int) dModel];
        for (int t = 0; t < maxLen; t++) {
            for (int i = 0; i < dModel; i += 2) {
                double angle = t / Math.pow(10000, (double) i / dModel);
                pe[t][i] = Math.sin(angle);
                if (i + 1 < dModel) {
                    pe[t][i + 1] = Math.cos(angle);
                }
            }
        }
        return Nd4j.createFromArray(pe);
    }

    /**
     * @param x {@code [B, T, D]} with T known when the graph is built
     * @return {@code [B, T, D]}, {@code x + table[0:T]}
     * @throws IllegalArgumentException when T is unknown or longer than the table
     */
    public SDVariable apply(SDVariable x) {
        long[] shape = x.getShape();
        if (shape == null || shape.length != 3 || shape[1] < 1) {
            throw new IllegalArgumentException("positional encoding needs [B, T, D] with T known, got "
                    + Arrays.toString(shape) + ": declare the sequence length");
        }
        requireFits(shape[1]);
        return x.add(table.get(SDIndex.interval(0L, shape[1]), SDIndex.all()));        // [T, D] broadcast
    }

    /** @throws IllegalArgumentException when a sequence of {@code length} does not fit the table */
    public void requireFits(long length) {
        if (length > maxLen) {
            throw new IllegalArgumentException("a sequence of length " + length + " is longer than the positional table ("
                    + maxLen + "): build the model with a larger maxLen or truncate the input");
        }
    }

    private static void requireSizes(long maxLen, long dModel) {
        if (maxLen < 1 || dModel < 1) {
            throw new IllegalArgumentException("a positional table needs maxLen (" + maxLen + ") and dModel (" + dModel
                    + ") >= 1");
        }
    }
}
