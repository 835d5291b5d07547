package org.sdzoo.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Factories for the {@link MultiDataSetIterator}s that the trainer consumes.
 */
public final class DataIterators {

    private DataIterators() {
    }

    /**
     * Adapts a single-input, single-output {@link DataSetIterator} (for example a DataVec
     * pipeline) so the trainer can use it: each {@code DataSet} becomes a {@code MultiDataSet}
     * with one feature array, one label array and their masks.
     *
     * @param iterator the user's iterator
     * @return an iterator over the same batches; reset and pre-processing are delegated
     * @throws IllegalArgumentException if the iterator is null
     */
    public static MultiDataSetIterator fromDataSetIterator(DataSetIterator iterator) {
        if (iterator == null) {
            throw new IllegalArgumentException("The DataSetIterator is null; pass the iterator that yields the training batches.");
        }
        return new MultiDataSetIteratorAdapter(iterator);
    }

    /**
     * Returns an iterator with one batch per epoch that holds all examples in their original
     * order, without copying the arrays.
     *
     * @param features the feature arrays, each {@code [B, ...]}
     * @param labels   the label arrays, each {@code [B, ...]}; may be empty or {@code null}
     * @return an {@link ArrayMultiDataSetIterator} with a full batch and no shuffling
     * @throws IllegalArgumentException if the arrays differ in dimension 0
     */
    public static ArrayMultiDataSetIterator fullBatch(INDArray[] features, INDArray[] labels) {
        return new ArrayMultiDataSetIterator(features, labels, 0, false, 0L);
    }
}
