package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax over the last axis that ignores masked keys. The mask is additive (0 where a key may be
 * attended, {@value #MASKED_SCORE} where not) and built in Java once per batch by
 * {@link #additive}: two graph ops fewer per step than deriving it in the graph, and it avoids
 * what is broken in M2.1 ({@code matrixBandPart} has no gradient; 3-D masks fail in the built-in
 * attention).
 */
public final class MaskedSoftmax {

    /** The score of a masked key: its exp underflows to exactly 0 in float32 and float64. */
    public static final double MASKED_SCORE = -1e9;

    /**
     * A masked score (score plus additive mask) at or below this counts as masked in
     * {@link #exact}: half of {@link #MASKED_SCORE}, so a sum of two masks, or a mask plus a
     * score or a small float bias, still counts.
     */
    public static final double MASKED_THRESHOLD = MASKED_SCORE / 2;

    private MaskedSoftmax() {
    }

    /**
     * @param scores       {@code [..., Q, K]} unnormalised scores
     * @param additiveMask {@code [..., Q, K]} (or broadcastable) from {@link #additive}, or
     *                     {@code null} for no mask. A row with every key masked gets uniform weights.
     * @return {@code [..., Q, K]} weights summing to 1 over K
     */
    public static SDVariable apply(SameDiff sd, String name, SDVariable scores, SDVariable additiveMask) {
        return sd.nn.softmax(name, additiveMask == null ? scores : scores.add(additiveMask), -1);
    }

    /**
     * Softmax over the last axis in which masked keys get exactly zero weight, and a query whose
     * keys are all masked gets all-zero weights (so its attention output is 0) instead of the
     * NaN PyTorch gives there (the scores are shifted by their row maximum first, which leaves
     * the softmax unchanged and keeps a fully masked row finite). Every weight is multiplied by whether its masked score is above
     * {@link #MASKED_THRESHOLD}: masked keys would already underflow to 0 unless every key of the
     * row is masked, and then the row is zeroed as a whole.
     *
     * @param scores       {@code [..., T, S]} unnormalised scores (|score| well below 5·10⁸)
     * @param additiveMask broadcastable to {@code [..., T, S]}: 0 or any float bias where a key may
     *                     be attended, {@link #MASKED_SCORE} where not (see
     *                     {@code blocks.attention.AttentionMasks}); null for none
     * @return {@code [..., T, S]} weights, each row summing to 1, or to 0 when fully masked
     */
    public static SDVariable exact(SameDiff sd, SDVariable scores, SDVariable additiveMask) {
        if (additiveMask == null) {
            return sd.nn.softmax(shifted(sd, scores), -1);
        }
        SDVariable masked = scores.add(additiveMask);                                 // [..., T, S]
        SDVariable attended = sd.gt(masked, MASKED_THRESHOLD).castTo(scores.dataType());
        return sd.nn.softmax(shifted(sd, masked), -1).mul(attended);
    }

    /**
     * M2.1's softmax does not subtract the row maximum: a fully masked row would be 0/0, and
     * unscaled scores (HiT-MAC's reach ±128) overflow float32's exp.
     * ({@code max(keepDims=true, -1)} reduces the wrong axis in M2.1, hence max then expandDims.)
     *
     * @return {@code [..., T, S]} the scores minus their row maximum
     */
    //
    // The shift goes through an integer cast, so it is a constant to the gradient: the softmax does
    // not depend on it, and M2.1's reduce_max_bp took 20 ms per [64, 4, 32, 32] scores (a tenth of
    // a Transformer step). Rounded to an integer it still keeps exp from overflowing, and INT64
    // holds any sum of masked scores.
    private static SDVariable shifted(SameDiff sd, SDVariable scores) {
        SDVariable max = scores.max(false, -1).castTo(DataType.INT64).castTo(scores.dataType());
        return scores.sub(sd.expandDims(max, -1));
    }

    /**
     * Converts a 0/1 mask (1 = may attend) into the additive form {@link #apply} takes.
     *
     * @param mask any shape, 0 or 1
     * @return same shape and type: 0 where {@code mask} is 1, {@value #MASKED_SCORE} where it is 0
     */
    public static INDArray additive(INDArray mask) {
        return mask.rsub(1.0).muli(MASKED_SCORE);
    }
}
