package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Nadaraya–Watson attention pooling: {@code f(q) = Σ_k α(q, k) v_k} with α a kernel of the
 * query–key distance normalised over the keys (d2l, "Attention Pooling").
 */
public final class NadarayaWatson {

    private NadarayaWatson() {
    }

    /**
     * The learnable Gaussian form {@code softmax(-((q - k)·w)² / 2) · v}, summed over features.
     *
     * @param queries {@code [Q, F]}
     * @param keys    {@code [K, F]}
     * @param values  {@code [K]}
     * @param w       {@code [F]} per-feature inverse bandwidth
     * @param mask    {@code [Q, K]} 1 = attend, 0 = skip (leave-one-out training), or null
     * @return output {@code [Q]} and weights {@code [Q, K]}
     */
    public static AttentionOutputs parametric(SameDiff sd, String name, SDVariable queries, SDVariable keys,
                                              SDVariable values, SDVariable w, SDVariable mask) {
        try (var scope = sd.withNameScope(name)) {
            SDVariable scaled = differences(queries, keys, w.getShape()[0]).mul(w);   // [Q, K, F]
            SDVariable scores = scaled.mul(scaled).sum(2).mul(-0.5);                  // [Q, K]
            SDVariable weights = MaskedSoftmax.apply(sd, "weights", scores, mask);
            return new AttentionOutputs(pool(weights, values), weights);
        }
    }

    /**
     * A fixed kernel of {@code ‖q - k‖ / bandwidth}. The Gaussian goes through a softmax for
     * stability; the others are normalised directly, and a query that no key reaches (boxcar,
     * Epanechnikov) falls back to uniform weights over the keys it may attend instead of 0/0.
     *
     * @param queries {@code [Q, F]}
     * @param keys    {@code [K, F]}
     * @param values  {@code [K]}
     * @param mask    {@code [Q, K]} or null
     * @return output {@code [Q]} and weights {@code [Q, K]}
     */
    public static AttentionOutputs fixedKernel(SameDiff sd, String name, SDVariable queries, SDVariable keys,
                                               SDVariable values, Kernel kernel, double bandwidth, long numFeatures,
                                               SDVariable mask) {
        try (var scope = sd.withNameScope(name)) {
            SDVariable diff = differences(queries, keys, numFeatures);                // [Q, K, F]
            SDVariable squared = diff.mul(diff).sum(2).div(bandwidth * bandwidth);     // [Q, K] = u²
            SDVariable weights;
            if (kernel == Kernel.GAUSSIAN) {
                weights = MaskedSoftmax.apply(sd, "weights", squared.mul(-0.5), mask);
            } else {
                SDVariable allowed = mask == null ? sd.onesLike(squared) : mask.mul(sd.onesLike(squared));
                SDVariable k = kernelValues(sd, kernel, squared).mul(allowed);
                SDVariable total = k.sum(1).reshape(-1, 1);                           // [Q, 1]
                SDVariable unreached = sd.eq(total, 0.0).castTo(total.dataType());
                SDVariable fallback = allowed.mul(unreached);
                SDVariable numerator = k.add(fallback);
                weights = numerator.div("weights", numerator.sum(1).reshape(-1, 1));
            }
            return new AttentionOutputs(pool(weights, values), weights);
        }
    }

    private static SDVariable kernelValues(SameDiff sd, Kernel kernel, SDVariable squared) {
        return switch (kernel) {
            case GAUSSIAN -> sd.math.exp(squared.mul(-0.5));
            case BOXCAR -> sd.lt(squared, 1.0).castTo(squared.dataType());
            case CONSTANT -> sd.onesLike(squared);
            case EPANECHNIKOV -> sd.math.max(sd.math.sqrt(squared).rsub(1.0), sd.zerosLike(squared));
        };
    }

    /** {@code [Q, 1, F] - [1, K, F]} by broadcasting: {@code [Q, K, F]}. */
    private static SDVariable differences(SDVariable queries, SDVariable keys, long numFeatures) {
        return queries.reshape(-1, 1, numFeatures).sub(keys.reshape(1, -1, numFeatures));
    }

    /** {@code [Q, K] · [K]} as a 2-D mmul: {@code [Q]}. */
    private static SDVariable pool(SDVariable weights, SDVariable values) {
        return weights.mmul(values.reshape(-1, 1)).reshape(-1);
    }
}
