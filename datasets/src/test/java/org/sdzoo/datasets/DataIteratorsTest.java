package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

class DataIteratorsTest {

    @Test
    void dataSetIteratorBecomesMultiDataSetIterator() {
        INDArray x = Nd4j.linspace(0, 9, 10, DataType.FLOAT).reshape(5, 2);
        INDArray y = Nd4j.linspace(0, 4, 5, DataType.FLOAT).reshape(5, 1);
        MultiDataSetIterator it = DataIterators.fromDataSetIterator(new TestDataSetIterator(new DataSet(x, y), 2));
        long rows = 0;
        int batches = 0;
        while (it.hasNext()) {
            MultiDataSet b = it.next();
            assertEquals(1, b.numFeatureArrays());
            assertEquals(1, b.numLabelsArrays());
            rows += b.getFeatures(0).size(0);
            batches++;
        }
        assertEquals(5, rows);
        assertEquals(3, batches);
        assertTrue(it.resetSupported());
        it.reset();
        assertTrue(it.hasNext());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataIterators.fromDataSetIterator(null));
        assertTrue(e.getMessage().contains("DataSetIterator is null"), e.getMessage());
    }

    @Test
    void fullBatchServesTheArraysOncePerEpoch() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3);
        INDArray y = Nd4j.createFromArray(0L, 1L, 1L, 0L);
        ArrayMultiDataSetIterator it = DataIterators.fullBatch(new INDArray[] {x}, new INDArray[] {y});
        assertEquals(1, it.batchesPerEpoch());
        MultiDataSet b = it.next();
        assertSame(x, b.getFeatures(0));
        assertSame(y, b.getLabels(0));
        assertFalse(it.hasNext());
        it.reset();
        assertSame(x, it.next().getFeatures(0));
    }
}
