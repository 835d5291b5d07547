package org.sdzoo.datasets;

/**
 * Something whose behaviour depends on the training epoch, such as an iterator whose shuffle
 * order is a function of the epoch. The trainer calls {@link #setEpoch(int)} before each epoch,
 * including the first epoch after resuming from a checkpoint, so a resumed run sees the same data
 * order as an uninterrupted one.
 */
public interface EpochAware {

    /**
     * Selects the epoch that the next pass uses.
     *
     * @param epoch the epoch, counted from 0
     */
    void setEpoch(int epoch);
}
