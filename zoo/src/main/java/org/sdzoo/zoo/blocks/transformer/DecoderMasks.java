package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The four masks of a decoder's forward pass, named as PyTorch's arguments, all additive
 * ({@code blocks.attention.AttentionMasks}); any may be null.
 *
 * @param tgtMask              {@code [T, T]} (causal) or {@code [B·H, T, T]}
 * @param memoryMask           {@code [T, S]} or {@code [B·H, T, S]}
 * @param tgtKeyPaddingMask    {@code [B, T]}
 * @param memoryKeyPaddingMask {@code [B, S]}
 */
public record DecoderMasks(SDVariable tgtMask, SDVariable memoryMask, SDVariable tgtKeyPaddingMask,
                           SDVariable memoryKeyPaddingMask) {

    /** No masks. */
    public static final DecoderMasks NONE = new DecoderMasks(null, null, null, null);
}
