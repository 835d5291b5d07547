/**
 * The TCN paper's experiments (Bai, Kolter, Koltun 2018, locuslab/TCN) as examples: the adding
 * problem, copy memory, sequential and permuted MNIST, JSB Chorales, and forecasting ETTh1 or the
 * user's CSV time series. {@link org.sdzoo.examples.tcn.TcnExample} holds what they share.
 *
 * <p>Dimension legend: B batch, T time, C channels, H horizon (forecast steps), L window (input
 * steps of a forecast), O head outputs, K piano keys.
 */
package org.sdzoo.examples.tcn;
