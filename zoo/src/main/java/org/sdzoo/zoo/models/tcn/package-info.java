/**
 * Temporal convolutional networks (Bai, Kolter, Koltun 2018, locuslab/TCN): {@link
 * org.sdzoo.zoo.models.tcn.TcnConfig} → {@link org.sdzoo.zoo.models.tcn.Tcn#create}, with a
 * last-step, per-step or forecast head, and {@link org.sdzoo.zoo.models.tcn.TcnArchitecture} for
 * archives and locuslab state_dict import.
 *
 * <p>Receptive field: each level has two causal convolutions of kernel K and dilation
 * {@code base^i}, so an output sees {@code 1 + 2·(K-1)·Σ_i base^i} input steps (3061 for kernel 7
 * and 8 levels of base 2).
 *
 * <p>Dimension legend: B batch, T time, S source length, C channels, N nodes, E edges,
 * F features, H horizon (forecast steps) or heads, D model width, V vocabulary, O head outputs,
 * K kernel size.
 */
package org.sdzoo.zoo.models.tcn;
