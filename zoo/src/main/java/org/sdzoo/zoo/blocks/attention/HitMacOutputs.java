package org.sdzoo.zoo.blocks.attention;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What {@link HitMacAttention} adds to a graph (legend: A agents, T targets, D width {@code d_att}).
 *
 * @param z       {@code [A, T, D]} (or {@code [..., T, D]}) the attention-pooled values; 0 for a padded target
 * @param global  {@code [A, D]} (or {@code [..., D]}) the sum of {@code z} over the targets that are present
 * @param weights {@code [A, T, T]} (or {@code [..., T, T]}) softmax weights, query target by key target; a
 *                padded key gets weight 0 and a padded query an all-zero row
 */
public record HitMacOutputs(SDVariable z, SDVariable global, SDVariable weights) {
}
