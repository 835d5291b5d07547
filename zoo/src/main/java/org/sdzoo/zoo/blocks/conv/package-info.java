/**
 * Temporal convolution blocks: {@link org.sdzoo.zoo.blocks.conv.CausalConv1d} (dilated, causal,
 * optionally weight-normalised), {@link org.sdzoo.zoo.blocks.conv.TemporalBlock} and
 * {@link org.sdzoo.zoo.blocks.conv.TemporalConvNet} as in locuslab/TCN (Bai, Kolter, Koltun 2018).
 * Parameters are named by {@link org.sdzoo.zoo.blocks.nn.Scope} with locuslab's state_dict paths.
 *
 * <p>Layout is PyTorch's {@code Conv1d} layout, channels before time: {@code [B, C, T]}.
 *
 * <p>Dimension legend: B batch, T time/sequence, S source length, C channels, N nodes, E edges,
 * F features, H heads, D model width, V vocabulary.
 */
package org.sdzoo.zoo.blocks.conv;
