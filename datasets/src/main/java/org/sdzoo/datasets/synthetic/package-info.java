/**
 * Synthetic data sets, generated deterministically from a seed, for tests, examples and
 * reproductions that need no download.
 *
 * <p>Shapes follow the dimension legend of {@link org.sdzoo.datasets}: B batch (examples),
 * T time, S source length, C channels, N nodes, E edges, F features, H heads, D model width,
 * V vocabulary.
 */
package org.sdzoo.datasets.synthetic;
