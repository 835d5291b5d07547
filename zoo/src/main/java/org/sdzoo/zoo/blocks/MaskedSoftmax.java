package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
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
     * Converts a 0/1 mask (1 = may attend) into the additive form {@link #apply} takes.
     *
     * @param mask any shape, 0 or 1
     * @return same shape and type: 0 where {@code mask} is 1, {@value #MASKED_SCORE} where it is 0
     */
    public static INDArray additive(INDArray mask) {
        return mask.rsub(1.0).muli(MASKED_SCORE);
    }
}
