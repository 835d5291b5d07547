package org.sdzoo.zoo.blocks.attention;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What {@link MultiHeadAttention#apply} adds to a graph. SameDiff computes only what is asked
 * for, so unused weights cost nothing.
 *
 * @param output          {@code [B, T, D]}, after {@code out_proj}
 * @param weights         {@code [B, H, T, S]} per head (PyTorch's {@code average_attn_weights=False})
 * @param averagedWeights {@code [B, T, S]}, the mean over heads (PyTorch's default)
 */
public record MultiHeadOutputs(SDVariable output, SDVariable weights, SDVariable averagedWeights) {
}
