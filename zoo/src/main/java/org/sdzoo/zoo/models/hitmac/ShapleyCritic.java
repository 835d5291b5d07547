package org.sdzoo.zoo.models.hitmac;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.attention.HitMacAttention;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The coordinator's marginal-contribution critic ({@code AMCValueNet} of {@code model.py}, head
 * "multi-att-shap"): with the pairs' features {@code f_0 … f_{P-1}} in order,
 * <pre>
 *   value = Σ_j critic_linear([g_j, f_j]),   g_j = global of attention(f_0 … f_{j-1}),  g_0 = 0
 * </pre>
 * i.e. the value of each pair given the coalition of the pairs before it. (The original's
 * {@code goal} argument, the sampled actions, is not used by its forward pass.)
 *
 * <p>All P coalitions share one projection and one score matrix. Attention is per row, so
 * coalition j's Q, K, V are the first j rows of the pairs' own, and its scores the top-left j × j
 * block of {@code S = Q Kᵀ [B, P, P]}. Its global feature is
 * {@code g_j = Σ_{i<j} Σ_{k<j} w_jik V_k = (Σ_{i<j} w_ji·) V}, w_j the softmax of S over the keys
 * k &lt; j: the weights of all coalitions at once are one masked softmax {@code [B, P, P, P]}
 * (coalition, query, key), summed over the queries i &lt; j into {@code C [B, P, P]}, and
 * {@code g = C V} is one product. Coalition 0 masks every key and every query, so its row of C
 * is 0 and g_0 = 0 as in the original, without a special case. (Running the layer on P copies
 * of the pairs gives the same numbers with P times the projections: 20 times the coordinator's
 * arithmetic.)
 *
 * @param attention     {@code ShapleyVcritic.attention}, D → D
 * @param criticLinear  {@code ShapleyVcritic.critic_linear}, 2D → 1
 * @param keyMask       {@code [P, 1, P]} additive: 0 on the keys of coalition j (k &lt; j), else masked
 * @param queryMask     {@code [P, P, 1]} 1 on the queries of coalition j (i &lt; j), else 0
 */
record ShapleyCritic(HitMacAttention attention, Linear criticLinear, SDVariable keyMask, SDVariable queryMask) {

    static ShapleyCritic create(Scope scope, int pairs, long dAtt, boolean scaled) {
        HitMacAttention attention = HitMacAttention.create(scope.child("attention"), dAtt, dAtt, scaled);
        Linear critic = HitMacHeads.head(scope.child("critic_linear"), 2 * dAtt, 1);
        INDArray prefix = prefixMask(pairs, scope.dataType());                               // [P, P]
        return new ShapleyCritic(attention, critic,
                scope.sd().constant(scope.name("key_mask"), MaskedSoftmax.additive(prefix).reshape(pairs, 1, pairs)),
                scope.sd().constant(scope.name("query_mask"), prefix.reshape(pairs, pairs, 1)));
    }

    /** @return {@code [P, P]}: row j is 1 on columns 0..j-1, the pairs of coalition j */
    static INDArray prefixMask(int pairs, DataType type) {
        INDArray mask = Nd4j.zeros(type, pairs, pairs);
        for (int j = 0; j < pairs; j++) {
            for (int i = 0; i < j; i++) {
                mask.putScalar(j, i, 1.0);
            }
        }
        return mask;
    }

    /**
     * @param f {@code [B, P, D]} the pairs' features (the coordinator's z)
     * @return {@code [B, 1]} the value
     */
    SDVariable apply(SDVariable f) {
        SameDiff sd = f.getSameDiff();
        List<SDVariable> qkv = attention.projections(f);
        SDVariable query = qkv.get(0);                                                      // [B, P, D]
        SDVariable key = qkv.get(1);                                                        // [B, P, D]
        SDVariable value = qkv.get(2);                                                      // [B, P, D]
        double scale = attention.scale();
        SDVariable scores = sd.mmul(scale == 1 ? query : query.mul(scale), key, false, true, false); // [B, P, P]
        SDVariable weights = MaskedSoftmax.exact(sd, sd.expandDims(scores, 1), keyMask);   // [B, P, P, P]
        SDVariable shares = weights.mul(queryMask).sum(2);                                  // [B, P, P]
        SDVariable coalitions = sd.mmul(shares, value);                                     // [B, P, D]
        SDVariable terms = criticLinear.apply(sd.concat(2, coalitions, f));                 // [B, P, 1]
        return terms.sum(1);                                                                // [B, 1]
    }
}
