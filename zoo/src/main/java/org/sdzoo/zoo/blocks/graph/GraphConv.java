package org.sdzoo.zoo.blocks.graph;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.nn.Init;

/**
 * The graph convolution of Kipf and Welling, {@code H' = P · (X · W) + b} with {@code P} the
 * normalised adjacency ({@link GcnNorm}); the activation is the caller's. The weight is
 * {@code [in, out]} as pygcn's {@code GraphConvolution.weight} (PyG's {@code lin.weight} is its
 * transpose). {@code X · W} comes first: with {@code out < in} it is the cheaper order, and it is
 * the reference's.
 */
public final class GraphConv {

    /** The parameter names inside the layer's scope, as pygcn's: {@code <name>/weight}, {@code <name>/bias}. */
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
     * Adds one graph convolution under the name scope {@code name}, with Kipf's initialisation:
     * Glorot-uniform weight ({@code U(±√(6 / (in + out)))}, Kipf's {@code glorot}), zero bias;
     * the weight is drawn by {@link Init#forParameter} from {@code seed} and its full name.
     *
     * @param x           the node features {@code [N, in]}, dense or sparse
     * @param propagation how messages move along the edges
     * @param in          F, the input width
     * @param out         D, the output width
     * @param bias        whether to add a bias {@code [out]}
     * @param seed        the seed of the weight's initial values
     * @param type        the parameters' floating-point type
     * @return the output {@code [N, out]} and the parameters
     */
    public static Outputs apply(SameDiff sd, String name, FeatureMatrix x, Propagation propagation, int in, int out,
                                boolean bias, long seed, DataType type) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("graph convolution '" + name + "' has widths " + in + " -> " + out
                    + "; both must be at least 1");
        }
        try (var scope = sd.withNameScope(name)) {
            // M2.1's sd.var ignores the name scope, so parameters are named in full
            SDVariable w = sd.var(name + "/" + WEIGHT,
                    Init.forParameter(seed, name + "/" + WEIGHT).xavierUniform(type, 1.0, in, out));
            SDVariable b = bias ? sd.var(name + "/" + BIAS, Nd4j.zeros(type, out)) : null;
            SDVariable h = propagation.propagate(sd, x.times(sd, w)); // [N, out]
            return new Outputs(b == null ? h : h.add(b), w, b);
        }
    }
}
