package org.sdzoo.zoo.train;

/** The learning-rate schedule after warm-up. */
public enum Schedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Multiplied by {@code stepGamma} every {@code stepEpochs} epochs. */
    STEP,
    /** Cosine from the base rate down to {@code minLearningRate} over the run's steps. */
    COSINE
}
