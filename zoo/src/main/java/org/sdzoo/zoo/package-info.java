/**
 * sdzoo's model layer: SameDiff blocks, models, configs, the trainer, tasks, metrics and the
 * {@code .sdz} model archive.
 *
 * <p>Dimension legend used in every shape comment and Javadoc of this module:
 * B batch, T time/sequence, S source length, C channels, N nodes, E edges, F features,
 * H heads, D model width, V vocabulary, Q queries, K keys.
 */
package org.sdzoo.zoo;
