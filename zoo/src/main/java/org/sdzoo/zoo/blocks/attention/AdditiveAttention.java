package org.sdzoo.zoo.blocks.attention;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * d2l's {@code AdditiveAttention}: score {@code w_vᵀ tanh(W_q q + W_k k)}, for queries and keys of
 * different widths. Parameters are named as d2l's module ({@code W_q.weight}, {@code W_k.weight},
 * {@code w_v.weight}, no biases).
 *
 * @param wQ      {@code [h, Fq]}
 * @param wK      {@code [h, Fk]}
 * @param wV      {@code [1, h]}
 * @param dropout PyTorch's p on the weights (checked when applied)
 */
public record AdditiveAttention(Linear wQ, Linear wK, Linear wV, double dropout) {

    /**
     * @param querySize Fq
     * @param keySize   Fk
     * @param hidden    h, d2l's {@code num_hiddens}
     */
    public static AdditiveAttention create(Scope scope, long querySize, long keySize, long hidden, double dropout) {
        return new AdditiveAttention(Linear.create(scope.child("W_q"), querySize, hidden, false),
                Linear.create(scope.child("W_k"), keySize, hidden, false),
                Linear.create(scope.child("w_v"), hidden, 1, false), dropout);
    }

    /**
     * @param queries      {@code [B, T, Fq]}
     * @param keys         {@code [B, S, Fk]}
     * @param values       {@code [B, S, Dv]}
     * @param additiveMask broadcastable to {@code [B, T, S]} (e.g. {@link AttentionMasks#validLengths}), or null
     * @return output {@code [B, T, Dv]} and weights {@code [B, T, S]}
     */
    public AttentionOutputs apply(SDVariable queries, SDVariable keys, SDVariable values, SDVariable additiveMask) {
        SameDiff sd = queries.getSameDiff();
        SDVariable features = sd.math.tanh(sd.expandDims(wQ.apply(queries), 2)        // [B, T, 1, h]
                .add(sd.expandDims(wK.apply(keys), 1)));                                // [B, T, S, h]
        SDVariable scores = sd.squeeze(wV.apply(features), 3);                         // [B, T, S]
        SDVariable weights = MaskedSoftmax.exact(sd, scores, additiveMask);
        return new AttentionOutputs(sd.mmul(Dropout.apply(sd, weights, dropout), values), weights); // [B, T, Dv]
    }
}
