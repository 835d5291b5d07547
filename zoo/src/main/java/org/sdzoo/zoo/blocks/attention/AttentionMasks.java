package org.sdzoo.zoo.blocks.attention;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.MaskedSoftmax;

/**
 * Builds the additive masks the attention blocks take (0 = attend, {@link MaskedSoftmax#MASKED_SCORE}
 * = masked) from PyTorch's conventions and d2l's valid lengths, and checks their shapes before
 * SameDiff runs.
 *
 * <p>PyTorch's conventions ({@code nn.MultiheadAttention}, {@code nn.Transformer}): a boolean mask
 * is True where a position is masked; a float mask is added to the scores ({@code -inf} masks).
 * {@code key_padding_mask} is {@code [B, S]}; {@code attn_mask} is {@code [T, S]} or
 * {@code [B·H, T, S]}.
 */
public final class AttentionMasks {

    private AttentionMasks() {
    }

    /**
     * A PyTorch mask in additive form.
     *
     * @param mask any shape; BOOL (True = masked) or floating point (added to the scores; -inf and
     *             anything below {@link MaskedSoftmax#MASKED_SCORE} become {@code MASKED_SCORE})
     * @return same shape, {@code dataType}
     * @throws IllegalArgumentException for an integer mask or a NaN/+inf entry
     */
    public static INDArray fromTorch(INDArray mask, DataType dataType) {
        if (mask.dataType() == DataType.BOOL) {
            return mask.castTo(dataType).muli(MaskedSoftmax.MASKED_SCORE);
        }
        if (!mask.dataType().isFPType()) {
            throw new IllegalArgumentException("an attention mask of type " + mask.dataType() + " is ambiguous: give"
                    + " a bool mask (True = masked) or a float mask added to the scores (-inf = masked), as PyTorch");
        }
        double[] values = mask.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i]) || values[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("a float attention mask holds " + values[i] + " at flat index " + i
                        + ": use 0 to attend and -inf to mask");
            }
            values[i] = Math.max(values[i], MaskedSoftmax.MASKED_SCORE);
        }
        return Nd4j.createFromArray(values).reshape(mask.shape()).castTo(dataType);
    }

    /**
     * d2l's valid lengths: key {@code s} is attended when {@code s < length}.
     *
     * @param lengths {@code [B]} (one per batch row) or {@code [B, T]} (one per query), integers in [0, S]
     * @param keys    S
     * @return {@code [B, 1, S]} or {@code [B, T, S]} additive, {@code dataType}
     */
    public static INDArray validLengths(INDArray lengths, long keys, DataType dataType) {
        if (lengths.rank() != 1 && lengths.rank() != 2) {
            throw new IllegalArgumentException("valid lengths have shape " + Arrays.toString(lengths.shape())
                    + ": give [B] (per batch row) or [B, T] (per query)");
        }
        INDArray l = lengths.rank() == 1 ? lengths.reshape(lengths.length(), 1) : lengths;       // [B, T']
        INDArray out = Nd4j.zeros(dataType, l.size(0), l.size(1), keys);
        for (long b = 0; b < l.size(0); b++) {
            for (long t = 0; t < l.size(1); t++) {
                double n = l.getDouble(b, t);
                if (n < 0 || n > keys || n != Math.rint(n)) {
                    throw new IllegalArgumentException("valid length " + n + " at [" + b + ", " + t
                            + "] must be an integer in [0, " + keys + "] (the number of keys)");
                }
                for (long s = (long) n; s < keys; s++) {
                    out.putScalar(new long[] {b, t, s}, MaskedSoftmax.MASKED_SCORE);
                }
            }
        }
        return out;
    }

    /**
     * Valid lengths in the graph, for lengths fed at run time.
     *
     * @param lengths integer {@code [B]} or {@code [B, T]} (rank declared)
     * @param keys    S
     * @return {@code [B, 1, S]} or {@code [B, T, S]} additive, {@code dataType}
     */
    public static SDVariable validLengths(SameDiff sd, SDVariable lengths, long keys, DataType dataType) {
        long[] shape = lengths.getShape();
        if (shape == null || (shape.length != 1 && shape.length != 2)) {
            throw new IllegalArgumentException("valid lengths '" + lengths.name() + "' need a declared rank of 1 ([B])"
                    + " or 2 ([B, T]), got " + Arrays.toString(shape));
        }
        SDVariable l = shape.length == 1 ? sd.expandDims(sd.expandDims(lengths, 1), 2)   // [B, 1, 1]
                : sd.expandDims(lengths, 2);                                              // [B, T, 1]
        SDVariable positions = sd.constant(Nd4j.arange(keys).castTo(lengths.dataType())); // [S]
        return sd.gte(positions, l).castTo(dataType).mul(MaskedSoftmax.MASKED_SCORE);    // [B, T', S]
    }

    /**
     * The causal mask of PyTorch's {@code generate_square_subsequent_mask}: query t attends keys
     * 0..t.
     *
     * @return {@code [T, T]} additive
     */
    public static INDArray causal(long length, DataType dataType) {
        if (length < 1) {
            throw new IllegalArgumentException("a causal mask needs a length >= 1, got " + length);
        }
        INDArray out = Nd4j.zeros(dataType, length, length);
        for (long t = 0; t < length; t++) {
            for (long s = t + 1; s < length; s++) {
                out.putScalar(new long[] {t, s}, MaskedSoftmax.MASKED_SCORE);
            }
        }
        return out;
    }

    /**
     * Checks a {@code key_padding_mask}.
     *
     * @param mask {@code [B, S]}
     * @throws IllegalArgumentException naming the expected shape
     */
    public static void checkKeyPadding(String name, INDArray mask, long batch, long keys) {
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != keys) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(mask.shape()) + " but must be [B, S] = ["
                    + batch + ", " + keys + "]: True (or -inf) at padded key positions");
        }
    }

    /**
     * Checks an {@code attn_mask}.
     *
     * @param mask {@code [T, S]} or {@code [B·H, T, S]}
     * @throws IllegalArgumentException naming the accepted shapes
     */
    public static void checkAttnMask(String name, INDArray mask, long batchTimesHeads, long queries, long keys) {
        long[] s = mask.shape();
        boolean ok = (s.length == 2 && s[0] == queries && s[1] == keys)
                || (s.length == 3 && s[0] == batchTimesHeads && s[1] == queries && s[2] == keys);
        if (!ok) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(s) + " but must be [T, S] = ["
                    + queries + ", " + keys + "] or [B·H, T, S] = [" + batchTimesHeads + ", " + queries + ", " + keys + "]");
        }
    }
}
