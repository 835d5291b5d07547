package org.sdzoo.zoo.models.kernelregression;

/** Which Nadaraya–Watson estimator a kernel-regression model computes. */
public enum Estimator {
    /** The mean of the training targets, whatever the query: the baseline. */
    AVERAGE,
    /** A fixed kernel of the query–key distance, normalised over the keys: no parameters. */
    NONPARAMETRIC,
    /** The Gaussian kernel with a learnable bandwidth {@code w} per feature: {@code softmax(-((q - k)·w)² / 2)}. */
    PARAMETRIC
}
