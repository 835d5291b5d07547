package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class ArrayMultiDataSetIteratorTest {

    private static final int N = 7;

    /** Row i of every array encodes i, so a batch reveals which examples it holds. */
    private static INDArray[] features() {
        INDArray matrix = Nd4j.linspace(0, 2 * N - 1, 2 * N, DataType.DOUBLE).reshape(N, 2); // row i = [2i, 2i+1]
        float[] counting = new float[6 * N];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = i;
        }
        INDArray cube = Nd4j.create(counting, new long[] {N, 2, 3}, DataType.FLOAT); // [B, 2, 3]
        return new INDArray[] {matrix, cube};
    }

    private static INDArray[] labels() {
        return new INDArray[] {Nd4j.linspace(0, N - 1, N, DataType.INT64)}; // rank 1: [B]
    }

    private static ArrayMultiDataSetIterator iterator(int batch, boolean shuffle, long seed) {
        return new ArrayMultiDataSetIterator(features(), labels(), batch, shuffle, seed);
    }

    /** Returns the example indices served in one pass, checking that all arrays agree. */
    private static List<Long> pass(ArrayMultiDataSetIterator it) {
        List<Long> seen = new ArrayList<>();
        while (it.hasNext()) {
            MultiDataSet b = it.next();
            long[] ids = b.getLabels(0).toLongVector();
            INDArray matrix = b.getFeatures(0);
            INDArray cube = b.getFeatures(1);
            assertEquals(DataType.INT64, b.getLabels(0).dataType());
            assertArrayEquals(new long[] {ids.length}, b.getLabels(0).shape());
            assertArrayEquals(new long[] {ids.length, 2, 3}, cube.shape());
            for (int r = 0; r < ids.length; r++) {
                assertEquals(2.0 * ids[r] + 1, matrix.getDouble(r, 1));
                assertEquals(6f * ids[r] + 5, cube.getFloat(r, 1, 2));
                seen.add(ids[r]);
            }
        }
        return seen;
    }

    @Test
    void unshuffledPassKeepsOrderAndSplitsTheLastBatch() {
        ArrayMultiDataSetIterator it = iterator(3, false, 1);
        assertEquals(N, it.numExamples());
        assertEquals(3, it.batchesPerEpoch());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), pass(it));
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void shuffledPassIsAPermutationThatDependsOnSeedAndEpochOnly() {
        ArrayMultiDataSetIterator a = iterator(2, true, 42);
        List<Long> epoch0 = pass(a);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), epoch0.stream().sorted().toList());
        a.reset();
        assertEquals(1, a.epoch());
        List<Long> epoch1 = pass(a);
        assertNotEquals(epoch0, epoch1);

        ArrayMultiDataSetIterator resumed = iterator(3, true, 42);
        resumed.setEpoch(1);
        assertEquals(epoch1, pass(resumed), "a resumed run sees the same order, whatever the batch size");
        assertNotEquals(epoch0, pass(iterator(2, true, 43)));
    }

    @Test
    void orderFollowsTheDocumentedFisherYates() {
        int[] expected = {0, 1, 2, 3, 4, 5, 6};
        java.util.Random random = new java.util.Random(5 * 1_000_003L + 3);
        for (int i = expected.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, iterator(2, true, 5).orderFor(3));
    }

    @Test
    void resetAdvancesOnlyAfterABatch() {
        ArrayMultiDataSetIterator it = iterator(2, true, 7);
        it.reset();
        assertEquals(0, it.epoch(), "a reset before any batch stays on epoch 0");
        it.setEpoch(4);
        it.reset();
        assertEquals(4, it.epoch(), "setEpoch then reset stays on the chosen epoch");
        it.next();
        it.reset();
        assertEquals(5, it.epoch());
        assertTrue(it.resetSupported());
        assertFalse(it.asyncSupported());
    }

    @Test
    void nextWithCountAndFullBatch() {
        ArrayMultiDataSetIterator it = iterator(0, false, 0);
        assertEquals(1, it.batchesPerEpoch());
        INDArray[] f = features();
        ArrayMultiDataSetIterator shared = new ArrayMultiDataSetIterator(f, labels(), 100, false, 0);
        assertSame(f[0], shared.next().getFeatures(0), "an unshuffled full batch is not copied");
        MultiDataSet first = it.next(5);
        assertEquals(5, first.getFeatures(0).size(0));
        assertEquals(2, it.next(5).getFeatures(0).size(0));
        assertFalse(it.hasNext());
    }

    @Test
    void preProcessorSeesCopiesOfAFullBatch() {
        INDArray[] f = features();
        ArrayMultiDataSetIterator it = new ArrayMultiDataSetIterator(f, labels(), 0, false, 0);
        it.setPreProcessor(mds -> mds.getFeatures(0).muli(0));
        assertTrue(it.getPreProcessor() != null);
        assertEquals(0.0, it.next().getFeatures(0).sumNumber().doubleValue());
        assertEquals(features()[0], f[0], "the source arrays are unchanged");
    }

    @Test
    void labelsMayBeAbsent() {
        ArrayMultiDataSetIterator it = new ArrayMultiDataSetIterator(features(), null, 4, true, 1);
        assertEquals(0, it.next().numLabelsArrays());
    }

    @Test
    void mismatchedLengthsAreNamed() {
        INDArray[] badLabels = {Nd4j.zeros(N - 1)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArrayMultiDataSetIterator(features(), badLabels, 2, false, 0));
        assertTrue(e.getMessage().startsWith("labels[0] has 6 examples (dimension 0 of shape [6]) but features[0] has 7;"),
                e.getMessage());
        assertTrue(e.getMessage().contains("same length in dimension 0"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new ArrayMultiDataSetIterator(new INDArray[0], labels(), 2, false, 0));
        assertTrue(none.getMessage().contains("no feature arrays"), none.getMessage());
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> new ArrayMultiDataSetIterator(new INDArray[] {Nd4j.scalar(1.0)}, null, 2, false, 0));
        assertTrue(scalar.getMessage().contains("features[0] is a scalar"), scalar.getMessage());
    }

    @Test
    void selectRowsWorksForViewsAndRankOne() {
        INDArray m = Nd4j.linspace(0, 11, 12, DataType.DOUBLE).reshape(4, 3);
        INDArray column = m.getColumn(1); // [4] view: 1, 4, 7, 10
        assertArrayEquals(new double[] {10, 1}, ArrayMultiDataSetIterator.selectRows(column, new int[] {3, 0}).toDoubleVector());
        INDArray ints = Nd4j.createFromArray(5, 6, 7);
        INDArray picked = ArrayMultiDataSetIterator.selectRows(ints, new int[] {2, 2, 0});
        assertEquals(DataType.INT32, picked.dataType());
        assertEquals(Arrays.toString(new int[] {7, 7, 5}), Arrays.toString(picked.toIntVector()));
    }

    /** A reshaped view gives the batches of the same array copied: the same values, in the same order. */
    @org.junit.jupiter.api.Test
    void aViewGivesTheBatchesOfItsCopy() {
        INDArray x = org.nd4j.linalg.factory.Nd4j.linspace(1, 60, 60, org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .reshape(10, 1, 6);
        INDArray view = x.reshape(10, 2, 3);
        INDArray y = org.nd4j.linalg.factory.Nd4j.arange(10).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        var fromView = new ArrayMultiDataSetIterator(new INDArray[] {view}, new INDArray[] {y}, 4, true, 3);
        var fromCopy = new ArrayMultiDataSetIterator(new INDArray[] {view.dup()}, new INDArray[] {y}, 4, true, 3);
        while (fromCopy.hasNext()) {
            org.junit.jupiter.api.Assertions.assertEquals(fromCopy.next().getFeatures(0), fromView.next().getFeatures(0));
        }
    }
}
