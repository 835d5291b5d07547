package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Softmax over the last axis that ignores masked keys. Built from ops that pass a strict
 * finite-difference gradient check in M2.1: an additive {@code -1e9} on masked positions, not
 * {@code matrixBandPart} or a 3-D mask to the built-in attention (both broken there).
 */
public final class MaskedSoftmax {

    /** Added to a masked score: exp of it underflows to exactly 0 in float32 and float64. */
    public static final double MASKED_SCORE = -1e9;

    private MaskedSoftmax() {
    }

    /**
     * @param scores {@code [..., Q, K]} unnormalised scores
     * @param mask   {@code [..., Q, K]} (or broadcastable) with 1 where a key may be attended and 0
     *               where it may not; {@code null} for no mask. A row with every key masked gets
     *               uniform weights rather than NaN.
     * @return {@code [..., Q, K]} weights summing to 1 over K
     */
    public static SDVariable apply(SameDiff sd, String name, SDVariable scores, SDVariable mask) {
        SDVariable masked = mask == null ? scores : scores.add(mask.rsub(1.0).mul(MASKED_SCORE));
        return sd.nn.softmax(name, masked, -1);
    }
}
