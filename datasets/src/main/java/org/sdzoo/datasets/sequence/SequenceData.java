package org.sdzoo.datasets.sequence;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;

/**
 * Examples held in memory: one feature array and one label array sharing dimension 0.
 *
 * @param features {@code [B, C, T]}
 * @param labels   {@code [B, ...]}: e.g. {@code [B, 1]} targets, {@code [B]} or {@code [B, T]} class ids
 */
public record SequenceData(INDArray features, INDArray labels) {

    public SequenceData {
        if (features.rank() != 3) {
            throw new IllegalArgumentException("sequence features must be [B, C, T] but have shape "
                    + java.util.Arrays.toString(features.shape()));
        }
        if (labels.size(0) != features.size(0)) {
            throw new IllegalArgumentException("features hold " + features.size(0) + " examples but labels "
                    + labels.size(0) + ": give one label row per example");
        }
    }

    /** @return B, the number of examples */
    public long size() {
        return features.size(0);
    }

    /** @return all examples as one batch */
    public MultiDataSet asBatch() {
        return new MultiDataSet(features, labels);
    }

    /**
     * @param batchSize examples per batch ({@code <= 0}: one full batch)
     * @param shuffle   reshuffle each epoch, the order a function of (seed, epoch)
     */
    public ArrayMultiDataSetIterator iterator(int batchSize, boolean shuffle, long seed) {
        return new ArrayMultiDataSetIterator(new INDArray[] {features}, new INDArray[] {labels}, batchSize, shuffle,
                seed);
    }
}
