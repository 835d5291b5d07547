/**
 * d2l's "attention pooling: Nadaraya–Watson kernel regression" as a runnable example: the average,
 * the fixed Gaussian kernel and the learnable Gaussian kernel on noisy {@code 2 sin x + x^0.8},
 * or on the user's CSV data. Shapes: Q queries, K keys (training points), F features.
 */
package org.sdzoo.examples.kernelregression;
