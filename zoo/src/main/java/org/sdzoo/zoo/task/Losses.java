package org.sdzoo.zoo.task;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
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
        return oneHot.mul(logProbabilities(logits)).sum(1).mean().neg(name);
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
        SDVariable perRow = oneHot.mul(logProbabilities(logits)).sum(1).neg();                    // [M]
        return perRow.mul(mask).sum().div(name, mask.sum());
    }

    /**
     * {@code log softmax(x)} over the classes, written out as {@code s - log Σ exp(s)} with
     * {@code s = x - c} and {@code c} the row's maximum rounded to an integer, as PyTorch's
     * {@code log_softmax} is stable. M2.1's {@code log_softmax} op takes the log of the softmax, so
     * a logit 200 below the row's maximum gives -∞ where PyTorch gives -200, and the one-hot
     * product turns that into NaN (0 · -∞): GCN on MUTAG diverged at its tenth step. The shift
     * goes through an integer cast, and SameDiff differentiates floating-point variables only, so
     * the backward pass has no {@code reduce_max_bp} (several milliseconds in M2.1 on a Cora-sized
     * {@code [2708, 7]}); the gradient is exact because a constant shift cancels.
     *
     * @param logits {@code [M, C]}
     * @return {@code [M, C]}
     */
    static SDVariable logProbabilities(SDVariable logits) {
        SameDiff sd = logits.getSameDiff();
        SDVariable shift = logits.max(true, 1).castTo(DataType.INT64).castTo(logits.dataType());   // [M, 1]
        SDVariable shifted = logits.sub(shift);                                                      // [M, C]
        return shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1)));
    }
}
