package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What {@link TransformerDecoderLayer#step} adds to a graph.
 *
 * @param output the layer's output at the decoded position {@code [B, 1, D]}
 * @param keys   the position's self-attention keys {@code [B, H, 1, D/H]}, for the cache
 * @param values the position's self-attention values {@code [B, H, 1, D/H]}
 */
public record DecoderStepOutputs(SDVariable output, SDVariable keys, SDVariable values) {
}
