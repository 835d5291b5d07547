package org.sdzoo.zoo.blocks;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What an attention block adds to a graph.
 *
 * @param output  the attention-pooled values, e.g. {@code [Q]} or {@code [B, T, D]}
 * @param weights the normalised attention weights, {@code [..., Q, K]}, each row summing to 1
 */
public record AttentionOutputs(SDVariable output, SDVariable weights) {
}
