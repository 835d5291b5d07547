package org.sdzoo.zoo.blocks.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.RunningState;

/**
 * {@code torch.nn.BatchNorm1d(features, eps, momentum)} on {@code [M, D]} (M rows: the nodes of a
 * batch of graphs, or samples), with learnable {@code weight} (γ, ones) and {@code bias} (β, zeros):
 * <pre>
 *   training:  y = (x - mean_M(x)) / √(var_M(x) + eps) · γ + β       (biased variance of the batch)
 *              running_mean ← (1 - momentum) · running_mean + momentum · mean_M(x)
 *              running_var  ← (1 - momentum) · running_var  + momentum · var_M(x) · M / (M - 1)
 *   inference: y = (x - running_mean) / √(running_var + eps) · γ + β
 * </pre>
 * as PyTorch (running statistics start at 0 and 1; the running variance is the unbiased one). The
 * phase comes from {@link LearningPhase}, as for {@link Dropout}; the running statistics are
 * {@link RunningState} constants {@code <scope>.running_mean} and {@code <scope>.running_var},
 * advanced after each training step and saved with the model. With a single row (M = 1), where
 * PyTorch refuses to train, the running variance takes the batch variance (0) unscaled.
 *
 * @param weight      γ {@code [D]} ({@code <scope>.weight})
 * @param bias        β {@code [D]} ({@code <scope>.bias})
 * @param runningMean {@code [D]} constant
 * @param runningVar  {@code [D]} constant
 * @param eps         added to the variance
 * @param momentum    the weight of the batch's statistics in the running ones
 */
public record BatchNorm(SDVariable weight, SDVariable bias, SDVariable runningMean, SDVariable runningVar, double eps,
                        double momentum) {

    /** PyTorch's default eps. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default momentum. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    /** @param features D */
    public static BatchNorm create(Scope scope, long features, double eps, double momentum) {
        if (features < 1) {
            throw new IllegalArgumentException("BatchNorm '" + scope.path() + "' needs features (" + features + ") >= 1");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("BatchNorm '" + scope.path() + "' eps (" + eps + ") must be > 0, e.g. 1e-5");
        }
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm '" + scope.path() + "' momentum (" + momentum
                    + ") must be in (0, 1], e.g. 0.1 as PyTorch");
        }
        SameDiff sd = scope.sd();
        return new BatchNorm(scope.param("weight", Init.ones(scope.dataType(), features)),
                scope.param("bias", Init.zeros(scope.dataType(), features)),
                sd.constant(scope.name("running_mean"), Init.zeros(scope.dataType(), features)),
                sd.constant(scope.name("running_var"), Init.ones(scope.dataType(), features)), eps, momentum);
    }

    /** {@link #create} with PyTorch's defaults, as {@code nn.BatchNorm1d(features)}. */
    public static BatchNorm create(Scope scope, long features) {
        return create(scope, features, DEFAULT_EPS, DEFAULT_MOMENTUM);
    }

    /**
     * Normalises each feature over the rows, and declares the running statistics' next values.
     *
     * @param x {@code [M, D]}
     * @return {@code [M, D]}
     */
    public SDVariable apply(SDVariable x) {
        return apply(x, null);
    }

    /**
     * As {@link #apply(SDVariable)} with the batch statistics (and so the running ones) taken over
     * the rows {@code rowMask} keeps only: padding rows, such as the filler nodes that give every
     * mini-batch of graphs one shape, are normalised with the real rows' statistics but do not
     * enter them. A mask of ones is {@link #apply(SDVariable)}.
     *
     * @param x       {@code [M, D]}
     * @param rowMask {@code [M, 1]}, 1 for a row that counts and 0 for padding (at least one 1); null
     *                for every row
     * @return {@code [M, D]}
     */
    public SDVariable apply(SDVariable x, SDVariable rowMask) {
        SameDiff sd = x.getSameDiff();
        SDVariable training = LearningPhase.asNumber(sd, x.dataType());                 // 1 or 0
        SDVariable rows;                                                                // scalar
        SDVariable mean;                                                                // [1, D]
        SDVariable centred;                                                             // [M, D]
        SDVariable variance;                                                            // [1, D]
        if (rowMask == null) {
            rows = sd.sizeAt(x, 0).castTo(x.dataType());
            mean = x.mean(true, 0);
            centred = x.sub(mean);
            variance = centred.mul(centred).mean(true, 0);
        } else {
            rows = rowMask.sum();
            mean = x.mul(rowMask).sum(true, 0).div(rows);
            centred = x.sub(mean);
            variance = centred.mul(centred).mul(rowMask).sum(true, 0).div(rows);
        }
        SDVariable batch = centred.mul(sd.math.rsqrt(variance.add(eps)));               // [M, D]
        SDVariable running = x.sub(runningMean).mul(sd.math.rsqrt(runningVar.add(eps))); // [M, D]
        // Both branches are computed, each weighted by exactly 1 or 0 (the unused one gets a zero gradient).
        SDVariable y = batch.mul(training).add(running.mul(training.rsub(1.0)));        // [M, D]

        SDVariable unbiased = variance.mul(rows.div(sd.math.max(rows.sub(1.0), sd.onesLike(rows))));
        RunningState.declare(runningMean, momentumStep(runningMean, mean));
        RunningState.declare(runningVar, momentumStep(runningVar, unbiased));
        return y.mul(weight).add(bias);
    }

    /** @return {@code (1 - momentum) · state + momentum · observed}, {@code [D]} */
    private SDVariable momentumStep(SDVariable state, SDVariable observed) {
        return state.mul(1 - momentum).add(observed.reshape(-1).mul(momentum));
    }
}
