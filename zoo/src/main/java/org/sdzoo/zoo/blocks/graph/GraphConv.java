package org.sdzoo.zoo.blocks.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The graph convolution of Kipf and Welling, {@code H' = P · (X · W) + b} with {@code P} the
 * normalised adjacency ({@link GcnNorm}); the activation is the caller's. The weight is
 * {@code [in, out]} as pygcn's {@code GraphConvolution.weight} (PyG's {@code lin.weight} is its
 * transpose). {@code X · W} comes first: with {@code out < in} it is the cheaper order, and it is
 * the reference's.
 */
public final class GraphConv {

    /**
     * The parameter names inside the layer's {@link Scope}, as pygcn's state_dict:
     * {@code <scope>.weight}, {@code <scope>.bias}.
     */
    public static final String WEIGHT = "weight";
    /** See {@link #WEIGHT}. */
    public static final String BIAS = "bias";

    /**
     * What the layer made.
     *
     * @param output {@code [N, out]}
     * @param weight {@code [in, out]}
     * @param bias   {@code [out]}, or {@code null} without bias
     */
    public record Outputs(SDVariable output, SDVariable weight, SDVariable bias) {
    }

    private GraphConv() {
    }

    /**
     * Adds one graph convolution whose parameters are {@code <name>.weight} and {@code <name>.bias}
     * ({@link #apply(Scope, FeatureMatrix, Propagation, int, int, boolean)} in the root scope).
     *
     * @param seed the model seed: each parameter draws from (seed, its full name)
     * @see #apply(Scope, FeatureMatrix, Propagation, int, int, boolean)
     */
    public static Outputs apply(SameDiff sd, String name, FeatureMatrix x, Propagation propagation, int in, int out,
                                boolean bias, long seed, DataType type) {
        return apply(Scope.root(sd, seed, type).child(name), x, propagation, in, out, bias);
    }

    /**
     * Adds one graph convolution with its parameters in {@code scope}, with Kipf's initialisation:
     * Glorot-uniform weight ({@code U(±√(6 / (in + out)))}, Kipf's {@code glorot}), zero bias;
     * the weight is drawn by {@link Scope#init} from the scope's seed and its full name.
     *
     * @param scope       where the parameters go: {@code <scope>.weight [in, out]}, {@code <scope>.bias [out]}
     * @param x           the node features {@code [N, in]}, dense or sparse
     * @param propagation how messages move along the edges
     * @param in          F, the input width
     * @param out         D, the output width
     * @param bias        whether to add a bias {@code [out]}
     * @return the output {@code [N, out]} and the parameters
     */
    public static Outputs apply(Scope scope, FeatureMatrix x, Propagation propagation, int in, int out, boolean bias) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("graph convolution '" + scope.path() + "' has widths " + in + " -> " + out
                    + "; both must be at least 1");
        }
        SameDiff sd = scope.sd();
        SDVariable w = scope.param(WEIGHT, scope.init(WEIGHT).xavierUniform(scope.dataType(), 1.0, in, out));
        SDVariable b = bias ? scope.param(BIAS, Nd4j.zeros(scope.dataType(), out)) : null;
        SDVariable h = propagation.propagate(sd, x.times(sd, w)); // [N, out]
        return new Outputs(b == null ? h : h.add(b), w, b);
    }
}
