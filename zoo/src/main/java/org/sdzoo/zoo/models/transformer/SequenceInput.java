package org.sdzoo.zoo.models.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.attention.PositionalEncoding;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * What the zoo's Transformers do to a sequence before their first layer, as the Annotated
 * Transformer: {@code dropout(x·scale + PE[t])}, with the positions fed as indices so one graph
 * takes every length up to {@code maxLen}.
 *
 * @param positions the table, a constant (sinusoidal) or {@code pos_embed.weight} (learned)
 * @param scale     √D for token embeddings, 1 for projected features
 * @param dropout   PyTorch's p
 */
record SequenceInput(PositionalEncoding positions, double scale, double dropout) {

    /** @param root the model's root scope: a learned table is named {@code pos_embed.weight} */
    static SequenceInput create(Scope root, PositionalKind kind, int maxLen, int dModel, double scale, double dropout) {
        PositionalEncoding table = kind == PositionalKind.LEARNED
                ? PositionalEncoding.learned(root.child("pos_embed"), maxLen, dModel)
                : PositionalEncoding.sinusoidal(root, maxLen, dModel);
        return new SequenceInput(table, scale, dropout);
    }

    /**
     * @param x           {@code [B, L, D]} embedded tokens or projected features
     * @param positionIds {@code [L]} INT64 positions 0..L-1
     * @return {@code [B, L, D]}
     */
    SDVariable apply(SDVariable x, SDVariable positionIds) {
        SameDiff sd = x.getSameDiff();
        SDVariable scaled = scale == 1 ? x : x.mul(scale);
        return Dropout.apply(sd, scaled.add(sd.gather(positions.table(), positionIds, 0)), dropout);   // [L, D] broadcast
    }
}
