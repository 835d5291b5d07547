/**
 * {@code torch.nn.Transformer}'s layers and stacks on the attention blocks, with every parameter
 * named as in PyTorch's {@code state_dict} ({@code layers.0.self_attn.in_proj_weight},
 * {@code linear1.weight}, {@code norm1.weight}, {@code multihead_attn.*}, {@code norm}), so a
 * state_dict loads by name. Inputs are batch-first.
 *
 * <p>Dimension legend: B batch, T target (query) length, S source length, D model width
 * ({@code d_model}), H heads.
 */
package org.sdzoo.zoo.blocks.transformer;
