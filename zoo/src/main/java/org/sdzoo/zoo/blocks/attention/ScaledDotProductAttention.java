package org.sdzoo.zoo.blocks.attention;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.nn.Dropout;

/**
 * {@code softmax(scale · Q Kᵀ + mask) V} with batched mmul on 3-D or 4-D inputs (d2l's
 * {@code DotProductAttention}, the core of {@code nn.MultiheadAttention}).
 */
public final class ScaledDotProductAttention {

    private ScaledDotProductAttention() {
    }

    /**
     * With the Transformer's scale {@code 1/√d}, d the query width.
     *
     * @see #apply(SDVariable, SDVariable, SDVariable, SDVariable, double, double)
     */
    public static AttentionOutputs apply(SDVariable queries, SDVariable keys, SDVariable values,
                                         SDVariable additiveMask, double dropout) {
        long[] q = queries.getShape();
        if (q == null || q[q.length - 1] < 1) {
            throw new IllegalArgumentException("queries '" + queries.name() + "' need a known last dimension to scale"
                    + " by 1/√d, got " + Arrays.toString(q) + ": pass the scale explicitly");
        }
        return apply(queries, keys, values, additiveMask, 1 / Math.sqrt(q[q.length - 1]), dropout);
    }

    /**
     * @param queries      {@code [B, T, d]} or {@code [B, H, T, d]}
     * @param keys         {@code [B, S, d]} or {@code [B, H, S, d]}
     * @param values       {@code [B, S, Dv]} or {@code [B, H, S, Dv]}
     * @param additiveMask broadcastable to {@code [B, T, S]} / {@code [B, H, T, S]} (e.g. {@code [T, S]},
     *                     {@code [B, 1, S]}), from {@link AttentionMasks}; null for none
     * @param scale        multiplies the queries (1 for an unscaled dot product, as HiT-MAC)
     * @param dropout      PyTorch's p, on the weights before they pool the values (0: none)
     * @return output {@code [B, (H,) T, Dv]} and weights {@code [B, (H,) T, S]} (before dropout;
     *         masked keys exactly 0, a fully masked query all 0)
     */
    public static AttentionOutputs apply(SDVariable queries, SDVariable keys, SDVariable values,
                                         SDVariable additiveMask, double scale, double dropout) {
        SameDiff sd = queries.getSameDiff();
        SDVariable q = scale == 1 ? queries : queries.mul(scale);
        SDVariable scores = sd.mmul(q, keys, false, true, false);                    // [B, (H,) T, S]
        SDVariable weights = MaskedSoftmax.exact(sd, scores, additiveMask);
        SDVariable output = sd.mmul(Dropout.apply(sd, weights, dropout), values);    // [B, (H,) T, Dv]
        return new AttentionOutputs(output, weights);
    }
}
