package org.sdzoo.zoo.blocks.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * {@code torch.nn.LayerNorm(features, eps, elementwise_affine)} over the last dimension:
 * {@code (x - mean) / √(var + eps) · weight + bias} with the biased variance, as PyTorch.
 *
 * <p>Built from primitives rather than {@code sd.nn.layerNorm} because ND4J's op has no
 * {@code eps} argument, and PyTorch parity needs PyTorch's eps (1e-5 by default, 1e-6 or 1e-12
 * in some models).
 *
 * @param weight   {@code [D]} ({@code <scope>.weight}, initialised to ones) or null without affine
 * @param bias     {@code [D]} ({@code <scope>.bias}, zeros) or null without affine
 * @param features D
 * @param eps      added to the variance
 */
public record LayerNorm(SDVariable weight, SDVariable bias, long features, double eps) {

    /** PyTorch's default eps. */
    public static final double DEFAULT_EPS = 1e-5;

    /** @param affine PyTorch's {@code elementwise_affine} */
    public static LayerNorm create(Scope scope, long features, double eps, boolean affine) {
        if (features < 1) {
            throw new IllegalArgumentException("LayerNorm '" + scope.path() + "' needs features (" + features + ") >= 1");
        }
        if (!(eps > 0)) {
            throw new IllegalArgumentException("LayerNorm '" + scope.path() + "' eps (" + eps + ") must be > 0, e.g. 1e-5");
        }
        if (!affine) {
            return new LayerNorm(null, null, features, eps);
        }
        return new LayerNorm(scope.param("weight", Init.ones(scope.dataType(), features)),
                scope.param("bias", Init.zeros(scope.dataType(), features)), features, eps);
    }

    /** {@link #create} with eps 1e-5 and affine parameters, as {@code nn.LayerNorm(features)}. */
    public static LayerNorm create(Scope scope, long features) {
        return create(scope, features, DEFAULT_EPS, true);
    }

    /**
     * @param x {@code [..., D]}
     * @return {@code [..., D]}, normalised over D
     */
    public SDVariable apply(SDVariable x) {
        long[] shape = x.getShape();
        if (shape == null) {
            // Rank unknown at build time: normalise the [M, D] fold, then restore x's shape.
            return normalise(Shapes.fold(x, features), 1).reshape(x.getSameDiff().shape(x));
        }
        return normalise(x, shape.length - 1);
    }

    // M2.1's mean(keepDims, -1) of a 3-D input is not the per-row mean [..., 1] (NnWorkaroundsTest),
    // so the axis is always given as a non-negative number.
    //
    // The two scalings broadcast ([..., 1] and [D]). M2.1's multiply_bp with a broadcast operand
    // takes about 60 times as long as with equal shapes (23 ms against 0.36 ms at [2048, 128] on
    // one thread); the execution plan, every step's default path, replaces it by a product and a
    // sum in Java (StepRewrites, SumKernels), so the layer needs no broadcasting adds onto zeros:
    // 9 forward ops instead of 12, the same values.
    private SDVariable normalise(SDVariable x, int axis) {
        SDVariable centred = x.sub(x.mean(true, axis));                              // [..., D]
        SDVariable variance = centred.mul(centred).mean(true, axis);                  // [..., 1]
        SDVariable y = centred.mul(x.getSameDiff().math.rsqrt(variance.add(eps)));  // [..., D]
        return weight == null ? y : y.mul(weight).add(bias);
    }
}
