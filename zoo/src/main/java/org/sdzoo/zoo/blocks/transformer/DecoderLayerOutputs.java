package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A decoder layer's (or stack's) graph handles.
 *
 * @param output       {@code [B, T, D]}
 * @param crossWeights the cross-attention weights per head {@code [B, H, T, S]} (before dropout)
 */
public record DecoderLayerOutputs(SDVariable output, SDVariable crossWeights) {
}
