/**
 * Attention blocks: masks ({@link org.sdzoo.zoo.blocks.attention.AttentionMasks}), scaled
 * dot-product, additive and multi-head attention, positional encodings. Every block composes
 * ops whose gradients pass a strict float64 check in SameDiff M2.1 (batched mmul, softmax,
 * reshape/permute); M2.1's built-in {@code dotProductAttention} is not used because it fails with
 * 3-D masks. Masks enter the graph in additive form (0 to attend, {@code MaskedSoftmax.MASKED_SCORE}
 * to mask); masked keys get exactly zero weight and a fully masked query all-zero weights.
 *
 * <p>Dimension legend: B batch, T query length, S key (source) length, D model width
 * ({@code embed_dim}), H heads, D/H width per head, F features; {@code ...} any leading dimensions.
 */
package org.sdzoo.zoo.blocks.attention;
