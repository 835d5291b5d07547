package org.sdzoo.zoo.blocks.attention;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.blocks.nn.Init;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The attention layer of HiT-MAC (Xu, Zhong, Wang, NeurIPS 2020; {@code AttentionLayer} in the
 * authors' {@code perception.py}):
 * <pre>
 *   Q = tanh(x W_qᵀ + b_q),  K = tanh(x W_kᵀ + b_k),  V = tanh(x W_vᵀ + b_v)
 *   z = softmax(s · Q Kᵀ) V        over the targets ({@link ScaledDotProductAttention})
 *   global = Σ_targets z
 * </pre>
 * Legend: A agents (the batch), T targets, F input features, D width {@code d_att}. Parameters are
 * named as the PyTorch module's ({@code Q.weight [D, F]}, {@code Q.bias [D]}, {@code K.*},
 * {@code V.*}) under the given {@link Scope}.
 *
 * <p><b>Scaling.</b> The paper writes {@code softmax(Q Kᵀ / √d)}, the authors' code (which
 * produced the published models) applies no scale. {@code scaled = false}, s = 1, is the code's
 * behaviour and the default everywhere; {@code scaled = true} gives s = 1/√D.
 *
 * <p><b>Mask</b> (not in the original, which always sees every target): a 0/1 mask {@code [A, T]}
 * (1 = the target is present). A padded target gets weight 0 as a key, its own row of {@code z}
 * and of the weights is 0, and so it stays out of {@code global}: the outputs for the present
 * targets are those of the original layer run on the present targets alone. A row with every
 * target padded has no defined softmax and is refused in Java by {@link #checkMask}.
 *
 * @param q      the query projection, {@code Q}
 * @param k      the key projection, {@code K}
 * @param v      the value projection, {@code V}
 * @param scaled whether the scores are scaled by 1/√D
 */
public record HitMacAttention(Linear q, Linear k, Linear v, boolean scaled) {

    /**
     * Creates the three projections with the original's initialisation: {@code xavier_uniform_}
     * weights and zero biases.
     *
     * @param inFeatures F
     * @param dAtt       D
     */
    public static HitMacAttention create(Scope scope, long inFeatures, long dAtt, boolean scaled) {
        if (inFeatures < 1 || dAtt < 1) {
            throw new IllegalArgumentException("HiT-MAC attention '" + scope.path() + "' needs inFeatures ("
                    + inFeatures + ") and dAtt (" + dAtt + ") >= 1");
        }
        return new HitMacAttention(projection(scope.child("Q"), inFeatures, dAtt),
                projection(scope.child("K"), inFeatures, dAtt), projection(scope.child("V"), inFeatures, dAtt), scaled);
    }

    private static Linear projection(Scope scope, long in, long out) {
        SDVariable weight = scope.param("weight", scope.init("weight").xavierUniform(scope.dataType(), 1.0, out, in));
        SDVariable bias = scope.param("bias", Init.zeros(scope.dataType(), out));
        return Linear.of(weight, bias);
    }

    /** @return D, the width of z and global */
    public long dAtt() {
        return q.outFeatures();
    }

    /** @return the scale s of the scores: 1 (the authors' code) or 1/√D */
    public double scale() {
        return scaled ? 1 / Math.sqrt(dAtt()) : 1;
    }

    /**
     * @param x    {@code [A, T, F]}, or any leading dimensions {@code [..., T, F]}
     * @param mask {@code [A, T]} (or broadcastable to {@code [..., T]}) with 1 for a present target and 0
     *             for a padded one, of x's type, every row with at least one 1 ({@link #checkMask}); null
     *             when every target is present
     * @return z {@code [A, T, D]}, global {@code [A, D]}, weights {@code [A, T, T]}
     */
    public HitMacOutputs apply(SDVariable x, SDVariable mask) {
        SameDiff sd = x.getSameDiff();
        List<SDVariable> qkv = projections(x);
        SDVariable query = qkv.get(0);                                                     // [..., T, D]
        SDVariable key = qkv.get(1);                                                       // [..., T, D]
        SDVariable value = qkv.get(2);                                                     // [..., T, D]
        SDVariable additive = mask == null ? null                                          // [..., 1, T]
                : sd.expandDims(mask.rsub(1.0).mul(MaskedSoftmax.MASKED_SCORE), -2);
        AttentionOutputs attended = ScaledDotProductAttention.apply(query, key, value, additive, scale(), 0);
        SDVariable z = attended.output();                                                  // [..., T, D]
        SDVariable weights = attended.weights();                                           // [..., T, T]
        if (mask != null) {
            // A padded query still attends the present keys; zeroing its row keeps it out of global.
            SDVariable present = sd.expandDims(mask, -1);                                  // [..., T, 1]
            z = z.mul(present);
            weights = weights.mul(present);
        }
        return new HitMacOutputs(z, z.sum(-2), weights);
    }

    /**
     * The layer's three projections of one input, for callers that attend with them their own
     * way: one stacked projection ({@link Linear#applyStacked}), the input folded to 2-D once, one
     * tanh on all three, and the results unfolded with one shape computation.
     *
     * @param x {@code [..., T, F]}
     * @return {@code [Q, K, V]}, each {@code [..., T, D]} {@code tanh(x Wᵀ + b)}, the tanh as
     *         {@link Activation#tanhByExp} (half the time of M2.1's tanh on the batched shapes)
     */
    public List<SDVariable> projections(SDVariable x) {
        return Linear.applyStacked(x, List.of(q, k, v), Activation::tanhByExp);
    }

    /**
     * Refuses a mask the layer cannot use, before SameDiff runs.
     *
     * @param mask {@code [A, T]} of 0 and 1
     * @throws IllegalArgumentException for another shape, another value or a row with no target present
     */
    public static void checkMask(INDArray mask, long agents, long targets) {
        if (mask.rank() != 2 || mask.size(0) != agents || mask.size(1) != targets) {
            throw new IllegalArgumentException("the target mask has shape " + Arrays.toString(mask.shape())
                    + " but must be [A, T] = [" + agents + ", " + targets + "]: 1 for a present target, 0 for padding");
        }
        for (long a = 0; a < agents; a++) {
            boolean any = false;
            for (long t = 0; t < targets; t++) {
                double m = mask.getDouble(a, t);
                if (m != 0 && m != 1) {
                    throw new IllegalArgumentException("the target mask holds " + m + " at [" + a + ", " + t
                            + "]: use 1 for a present target and 0 for padding");
                }
                any |= m == 1;
            }
            if (!any) {
                throw new IllegalArgumentException("row " + a + " of the target mask pads every target, which leaves"
                        + " nothing to attend to: give each agent at least one present target");
            }
        }
    }
}
