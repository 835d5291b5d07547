package org.sdzoo.zoo.blocks.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.autodiff.samediff.SDIndex;
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
        return applyEach(x, List.of(this)).get(0);
    }

    /**
     * Several Linears of the same widths on one input ({@code nn.Linear}s reading the same
     * tensor, such as attention's Q, K and V): an input of rank 3 or more is folded to
     * {@code [M, F_in]} once and the results unfolded with one shape computation, instead of once
     * per layer. Each result equals the layer's {@link #apply}.
     *
     * @param x {@code [B, F_in]} or {@code [..., F_in]}
     * @return per layer, {@code [B, F_out]} or {@code [..., F_out]}
     * @throws IllegalArgumentException when the layers' widths differ
     */
    public static List<SDVariable> applyEach(SDVariable x, List<Linear> layers) {
        Linear first = sameShape("applyEach", layers);
        SameDiff sd = first.weight.getSameDiff();
        boolean matrix = Shapes.isMatrix(x);
        SDVariable flat = matrix ? x : Shapes.fold(x, first.inFeatures);                // [M, F_in]
        List<SDVariable> ys = new ArrayList<>();
        for (Linear l : layers) {
            SDVariable y = sd.mmul(flat, l.weight, false, true, false);                  // [M, F_out]
            ys.add(l.bias != null ? y.add(l.bias) : y);
        }
        return matrix ? ys : Shapes.unfoldAll(sd, ys, x, first.outFeatures);           // [..., F_out]
    }

    /**
     * As {@link #applyEach} followed by {@code activation} on each result, computed as one layer:
     * the weights stacked to {@code [L·F_out, F_in]} (and the biases), one matmul, the activation
     * once on {@code [M, L·F_out]}, then a column slice per layer. For attention's Q, K and V on
     * small inputs that is one matmul, one bias and one activation instead of three of each: the
     * per-op cost, not the arithmetic, is what a batch of 4 pays for.
     *
     * @param x          {@code [B, F_in]} or {@code [..., F_in]}
     * @param activation element-wise, applied to {@code [M, L·F_out]}
     * @return per layer, {@code [B, F_out]} or {@code [..., F_out]}
     * @throws IllegalArgumentException when the layers' widths differ, or some have a bias and some not
     */
    public static List<SDVariable> applyStacked(SDVariable x, List<Linear> layers, UnaryOperator<SDVariable> activation) {
        Linear first = sameShape("applyStacked", layers);
        if (layers.stream().anyMatch(l -> (l.bias == null) != (first.bias == null))) {
            throw new IllegalArgumentException("Linear.applyStacked needs all layers with a bias or all without:"
                    + " apply them one by one");
        }
        SameDiff sd = first.weight.getSameDiff();
        boolean matrix = Shapes.isMatrix(x);
        SDVariable flat = matrix ? x : Shapes.fold(x, first.inFeatures);                // [M, F_in]
        SDVariable weights = sd.concat(0, layers.stream().map(Linear::weight).toArray(SDVariable[]::new)); // [L·F_out, F_in]
        SDVariable y = sd.mmul(flat, weights, false, true, false);                       // [M, L·F_out]
        if (first.bias != null) {
            y = y.add(sd.concat(0, layers.stream().map(Linear::bias).toArray(SDVariable[]::new)));
        }
        SDVariable activated = activation.apply(y);                                      // [M, L·F_out]
        long out = first.outFeatures;
        // With x's rank known, unfolded first, then sliced along the last axis: the slices are
        // strided views of the one activation (an execution plan's, and products read them in
        // place), where slicing [M, L·F_out] and unfolding each slice copies it.
        long[] known = matrix ? null : x.getShape();
        SDVariable source = known == null ? activated                                    // [M, L·F_out]
                : Shapes.unfold(sd, activated, x, layers.size() * out);                  // [..., L·F_out]
        int rank = known == null ? 2 : known.length;
        List<SDVariable> ys = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            SDIndex[] block = new SDIndex[rank];
            java.util.Arrays.fill(block, SDIndex.all());
            block[rank - 1] = SDIndex.interval(i * out, (i + 1) * out);
            ys.add(source.get(block));                                                   // [M or ..., F_out]
        }
        return matrix || known != null ? ys : Shapes.unfoldAll(sd, ys, x, out);          // [..., F_out]
    }

    /**
     * {@code x Wᵀ + b} for an {@code x} the caller knows to be {@code [M, F_in]} though SameDiff
     * does not (an op's output, such as a sum over an axis): {@link #apply} would fold it and
     * compute its shape at run time, five graph ops more.
     *
     * @param x {@code [M, F_in]}
     * @return {@code [M, F_out]}
     */
    public SDVariable applyToMatrix(SDVariable x) {
        SDVariable y = x.getSameDiff().mmul(x, weight, false, true, false);
        return bias != null ? y.add(bias) : y;
    }

    private static Linear sameShape(String method, List<Linear> layers) {
        Linear first = layers.get(0);
        for (Linear l : layers) {
            if (l.inFeatures != first.inFeatures || l.outFeatures != first.outFeatures) {
                throw new IllegalArgumentException("Linear." + method + " needs layers of one shape, got [" + first.outFeatures
                        + ", " + first.inFeatures + "] and [" + l.outFeatures + ", " + l.inFeatures
                        + "]: apply them one by one");
            }
        }
        return first;
    }
}
