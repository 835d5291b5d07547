package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Nadaraya–Watson attention pooling: {@code f(q) = Σ_k α(q, k) v_k} with α a kernel of the
 * query–key distance normalised over the keys (d2l, "Attention Pooling").
 *
 * <p>SameDiff's cost here is per op, not per flop, so the graph is kept small: keys come
 * transposed ({@code [F, K]}), values as a column ({@code [K, 1]}), and one feature (d2l's case)
 * takes a path without the {@code [Q, K, F]} tensor.
 */
public final class NadarayaWatson {

    private NadarayaWatson() {
    }

    /**
     * The learnable Gaussian form {@code softmax(-Σ_f ((q_f - k_f)·w_f)² / 2) · v}.
     *
     * @param queries      {@code [Q, F]}
     * @param keysByFeature {@code [F, K]}, the keys transposed
     * @param valueColumn  {@code [K, 1]}
     * @param w            {@code [F]} per-feature inverse bandwidth
     * @param additiveMask {@code [Q, K]} from {@link MaskedSoftmax#additive}, or null
     * @return output {@code [Q]} and weights {@code [Q, K]}
     */
    public static AttentionOutputs parametric(SameDiff sd, String name, SDVariable queries, SDVariable keysByFeature,
                                              SDVariable valueColumn, SDVariable w, SDVariable additiveMask) {
        try (var scope = sd.withNameScope(name)) {
            long f = keysByFeature.getShape()[0];
            SDVariable squared = f == 1
                    ? sd.math.square(queries.sub(keysByFeature).mul(w))                 // [Q, K]
                    : sd.math.square(differences(queries, keysByFeature, f).mul(w)).sum(2); // [Q, K]
            SDVariable weights = MaskedSoftmax.apply(sd, "weights", squared.mul(-0.5), additiveMask);
            return new AttentionOutputs(pool(weights, valueColumn), weights);
        }
    }

    /**
     * A fixed kernel of {@code ‖q - k‖ / bandwidth}. The Gaussian goes through a softmax for
     * stability; the others are normalised directly, and a query that no key reaches (boxcar,
     * Epanechnikov) falls back to uniform weights over the keys it may attend instead of 0/0.
     *
     * @param queries       {@code [Q, F]}
     * @param keysByFeature {@code [F, K]}
     * @param valueColumn   {@code [K, 1]}
     * @param additiveMask  {@code [Q, K]} from {@link MaskedSoftmax#additive}, or null
     * @return output {@code [Q]} and weights {@code [Q, K]}
     */
    public static AttentionOutputs fixedKernel(SameDiff sd, String name, SDVariable queries, SDVariable keysByFeature,
                                               SDVariable valueColumn, Kernel kernel, double bandwidth,
                                               SDVariable additiveMask) {
        try (var scope = sd.withNameScope(name)) {
            long f = keysByFeature.getShape()[0];
            SDVariable squared = (f == 1 ? sd.math.square(queries.sub(keysByFeature))
                    : sd.math.square(differences(queries, keysByFeature, f)).sum(2))
                    .div(bandwidth * bandwidth);                                          // [Q, K] = u²
            SDVariable weights;
            if (kernel == Kernel.GAUSSIAN) {
                weights = MaskedSoftmax.apply(sd, "weights", squared.mul(-0.5), additiveMask);
            } else {
                SDVariable allowed = additiveMask == null ? sd.onesLike(squared)
                        : sd.eq(additiveMask, 0.0).castTo(squared.dataType());
                SDVariable k = kernelValues(sd, kernel, squared).mul(allowed);
                SDVariable total = k.sum(1).reshape(-1, 1);                           // [Q, 1]
                SDVariable unreached = sd.eq(total, 0.0).castTo(total.dataType());
                SDVariable numerator = k.add(allowed.mul(unreached));
                weights = numerator.div("weights", numerator.sum(1).reshape(-1, 1));
            }
            return new AttentionOutputs(pool(weights, valueColumn), weights);
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
    private static SDVariable differences(SDVariable queries, SDVariable keysByFeature, long numFeatures) {
        return queries.reshape(-1, 1, numFeatures).sub(keysByFeature.permute(1, 0).reshape(1, -1, numFeatures));
    }

    /** {@code [Q, K] · [K, 1]}: {@code [Q]}. */
    private static SDVariable pool(SDVariable weights, SDVariable valueColumn) {
        return weights.mmul(valueColumn).reshape(-1);
    }
}
