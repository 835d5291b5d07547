/**
 * Shared neural-network blocks named like PyTorch: {@link org.sdzoo.zoo.blocks.nn.Scope} gives every
 * parameter its {@code state_dict} path, and {@link org.sdzoo.zoo.blocks.nn.Linear},
 * {@link org.sdzoo.zoo.blocks.nn.LayerNorm}, {@link org.sdzoo.zoo.blocks.nn.Embedding} and
 * {@link org.sdzoo.zoo.blocks.nn.Activation} compute what their {@code torch.nn} namesakes do, with
 * PyTorch's default initialisation from {@link org.sdzoo.zoo.blocks.nn.Init}.
 *
 * <p>Dimension legend: B batch, T time/sequence, S source length, C channels, N nodes, E edges,
 * F features, H heads, D model width, V vocabulary; {@code ...} any number of leading dimensions.
 */
package org.sdzoo.zoo.blocks.nn;
