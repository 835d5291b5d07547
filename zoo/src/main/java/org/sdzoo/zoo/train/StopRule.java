package org.sdzoo.zoo.train;

/** When early stopping ends a run (only with {@code patience} above 0; the patience is the rule's window). */
public enum StopRule {
    /** After {@code patience} epochs in a row without a new best value (Keras, Lightning). */
    NO_IMPROVEMENT,
    /**
     * Kipf's rule (tkipf/gcn {@code train.py}): once more than {@code patience + 1} values are in,
     * stop as soon as the latest is worse than the mean of the {@code patience} before it: a value
     * that wobbles on a plateau ends the run at its first bad step, where {@link #NO_IMPROVEMENT}
     * waits {@code patience} epochs after the best.
     */
    WORSE_THAN_WINDOW_MEAN
}
