/**
 * Sequence data for temporal models (the tasks of Bai, Kolter, Koltun 2018, "An Empirical
 * Evaluation of Generic Convolutional and Recurrent Networks for Sequence Modeling"): the adding
 * problem and copy memory (generated from a seed), sequential and permuted MNIST (IDX files),
 * polyphonic piano rolls (JSB Chorales, Nottingham, …) and sliding forecasting windows over CSV
 * time series (ETT).
 *
 * <p>Features are in the convolutional layout {@code [B, C, T]} (channels before time) that
 * temporal convolutions take. Dimension legend: B batch (examples), T time, S source length,
 * C channels, N nodes, E edges, F features, H horizon (forecast steps), D model width,
 * V vocabulary.
 */
package org.sdzoo.datasets.sequence;
