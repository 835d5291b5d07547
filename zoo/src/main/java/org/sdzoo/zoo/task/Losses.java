package org.sdzoo.zoo.task;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Losses built from primitive ops. SameDiff M2.1's {@code sd.loss.*} backprop ignores the
 * incoming gradient, so it is wrong as soon as a loss is scaled or summed with another; these
 * pass a strict finite-difference check (see LossesGradientTest).
 */
public final class Losses {

    private Losses() {
    }

    /**
     * {@code Σ (p - t)² / 2}.
     *
     * @param prediction any shape
     * @param target     same shape as {@code prediction}
     * @return scalar
     */
    public static SDVariable halfSumSquaredError(String name, SDVariable prediction, SDVariable target) {
        SDVariable d = prediction.sub(target);
        return d.mul(d).sum().mul(name, 0.5);
    }

    /**
     * {@code mean((p - t)²)}.
     *
     * @param prediction any shape
     * @param target     same shape as {@code prediction}
     * @return scalar
     */
    public static SDVariable meanSquaredError(String name, SDVariable prediction, SDVariable target) {
        SDVariable d = prediction.sub(target);
        return d.mul(d).mean(name);
    }

    /**
     * Mean softmax cross-entropy, max-shifted: {@code -mean_b Σ_c y log softmax(x)}.
     *
     * @param logits {@code [B, C]}
     * @param oneHot {@code [B, C]} one row per example, summing to 1
     * @return scalar
     */
    public static SDVariable softmaxCrossEntropy(String name, SDVariable logits, SDVariable oneHot) {
        SDVariable shifted = logits.sub(logits.max(1).reshape(-1, 1));                           // [B, C]
        SDVariable logSumExp = shifted.getSameDiff().math.log(
                shifted.getSameDiff().math.exp(shifted).sum(1)).reshape(-1, 1);                  // [B, 1]
        SDVariable logProbabilities = shifted.sub(logSumExp);                                    // [B, C]
        return oneHot.mul(logProbabilities).sum(1).mean().neg(name);
    }

    /**
     * Softmax cross-entropy averaged over the rows the mask keeps:
     * {@code Σ_m mask_m · (-Σ_c y log softmax(x))_m / Σ_m mask_m}. A batch whose mask is all 0
     * gives NaN (0/0); its weight is 0, so an epoch's mean skips it.
     *
     * @param logits {@code [M, C]} (M = B, N, or B·T flattened)
     * @param oneHot {@code [M, C]}
     * @param mask   {@code [M]}, 1 where the row counts and 0 where it does not
     * @return scalar
     */
    public static SDVariable maskedSoftmaxCrossEntropy(String name, SDVariable logits, SDVariable oneHot,
                                                       SDVariable mask) {
        SameDiff sd = logits.getSameDiff();
        SDVariable shifted = logits.sub(logits.max(1).reshape(-1, 1));                           // [M, C]
        SDVariable logSumExp = sd.math.log(sd.math.exp(shifted).sum(1));                          // [M]
        SDVariable perRow = logSumExp.sub(oneHot.mul(shifted).sum(1));                            // [M]
        return perRow.mul(mask).sum().div(name, mask.sum());
    }
}
