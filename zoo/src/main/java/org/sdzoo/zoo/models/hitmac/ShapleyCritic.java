package org.sdzoo.zoo.models.hitmac;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * <p>The P prefixes run as one masked attention on P copies of the pairs: copy j masks every
 * pair from j on. Copy 0 masks all of them; the layer then zeroes every row of z, so g_0 = 0 as
 * in the original without a special case (its softmax row is defined because the masked scores
 * are shifted by their maximum).
 *
 * @param attention     {@code ShapleyVcritic.attention}, D → D
 * @param criticLinear  {@code ShapleyVcritic.critic_linear}, 2D → 1
 * @param prefixMask    {@code [P, P]} constant, row j = 1 on the first j pairs
 */
record ShapleyCritic(HitMacAttention attention, Linear criticLinear, SDVariable prefixMask) {

    static ShapleyCritic create(Scope scope, int pairs, long dAtt, boolean scaled) {
        HitMacAttention attention = HitMacAttention.create(scope.child("attention"), dAtt, dAtt, scaled);
        Linear critic = HitMacHeads.head(scope.child("critic_linear"), 2 * dAtt, 1);
        return new ShapleyCritic(attention, critic,
                scope.sd().constant(scope.name("prefix_mask"), prefixMask(pairs, scope.dataType())));
    }

    /** @return {@code [P, P]}: row j is 1 on columns 0..j-1 */
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
        long pairs = prefixMask.getShape()[0];
        long d = attention.dAtt();
        SDVariable copies = f.reshape(-1, 1, pairs, d)                                   // [B, P, P, D]
                .mul(sd.constant(Nd4j.ones(f.dataType(), 1, pairs, 1, 1)));
        SDVariable coalitions = attention.apply(copies, prefixMask).global();            // [B, P, D]
        SDVariable terms = criticLinear.apply(sd.concat(2, coalitions, f));              // [B, P, 1]
        return terms.sum(1);                                                             // [B, 1]
    }
}
