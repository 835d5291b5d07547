package org.sdzoo.zoo.train;

/** The learning-rate schedule after warm-up. */
public enum Schedule {
    /** The base rate throughout. */
    CONSTANT,
    /** Multiplied by {@code stepGamma} every {@code stepEpochs} epochs. */
    STEP,
    /** Cosine from the base rate down to {@code minLearningRate} over the run's steps. */
    COSINE,
    /**
     * The Transformer's schedule (Vaswani et al. 2017, "noam"): after the linear warm-up the base
     * rate times {@code sqrt(warmupSteps / (step + 1))}, so the base rate is the peak, reached at
     * the end of the warm-up.
     */
    INVERSE_SQRT
}
