package org.sdzoo.zoo.blocks.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code torch.nn.Linear}: {@code y = x Wᵀ + b} with PyTorch's layout, {@code weight [out, in]}
 * and {@code bias [out]}, so a state_dict loads without transposing.
 *
 * @param weight      {@code [F_out, F_in]}, named {@code <scope>.weight}
 * @param bias        {@code [F_out]}, named {@code <scope>.bias}, or null without bias
 * @param inFeatures  F_in
 * @param outFeatures F_out
 */
public record Linear(SDVariable weight, SDVariable bias, long inFeatures, long outFeatures) {

    /**
     * Creates the parameters with PyTorch's default initialisation:
     * {@code kaiming_uniform_(weight, a=√5)}, i.e. U(±1/√F_in), and bias U(±1/√F_in).
     */
    public static Linear create(Scope scope, long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear '" + scope.path() + "' needs inFeatures (" + inFeatures
                    + ") and outFeatures (" + outFeatures + ") >= 1");
        }
        INDArray w = scope.init("weight").kaimingUniform(scope.dataType(), Math.sqrt(5), true, outFeatures, inFeatures);
        SDVariable weight = scope.param("weight", w);
        SDVariable b = null;
        if (bias) {
            double bound = 1 / Math.sqrt(inFeatures);
            b = scope.param("bias", scope.init("bias").uniform(scope.dataType(), -bound, bound, outFeatures));
        }
        return new Linear(weight, b, inFeatures, outFeatures);
    }

    /**
     * Wraps existing variables, e.g. a slice of a packed {@code in_proj_weight}.
     *
     * @param weight {@code [F_out, F_in]} with a known shape
     * @param bias   {@code [F_out]} or null
     */
    public static Linear of(SDVariable weight, SDVariable bias) {
        long[] shape = weight.getShape();
        if (shape == null || shape.length != 2) {
            throw new IllegalArgumentException("Linear weight '" + weight.name() + "' must have a known [out, in] shape");
        }
        return new Linear(weight, bias, shape[1], shape[0]);
    }

    /**
     * @param x {@code [B, F_in]} or {@code [..., F_in]} (e.g. {@code [B, T, F_in]})
     * @return {@code [B, F_out]} or {@code [..., F_out]}
     */
    public SDVariable apply(SDVariable x) {
        SameDiff sd = weight.getSameDiff();
        boolean matrix = Shapes.isMatrix(x);
        SDVariable flat = matrix ? x : Shapes.fold(x, inFeatures);                  // [M, F_in]
        SDVariable y = sd.mmul(flat, weight, false, true, false);                    // [M, F_out]
        if (bias != null) {
            y = y.add(bias);
        }
        return matrix ? y : Shapes.unfold(sd, y, x, outFeatures);                    // [..., F_out]
    }
}
