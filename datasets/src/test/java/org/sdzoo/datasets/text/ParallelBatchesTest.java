package org.sdzoo.datasets.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class ParallelBatchesTest {

    /** Sentence i has source length 1 + i % 5 and target length 1 + (i * 3) % 4; token ids encode (i, position). */
    private static EncodedPairs corpus(int n) {
        List<int[]> s = new ArrayList<>();
        List<int[]> t = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            final int i = row;
            int[] x = new int[1 + i % 5];
            int[] y = new int[1 + (i * 3) % 4];
            java.util.Arrays.setAll(x, k -> 4 + i);
            java.util.Arrays.setAll(y, k -> 4 + i + k);
            s.add(x);
            t.add(y);
        }
        return new EncodedPairs(s, t);
    }

    @Test
    void aBatchHoldsPaddedSourceShiftedTargetsAndMasks() {
        EncodedPairs pairs = new EncodedPairs(List.of(new int[] {7, 8, 9}, new int[] {5}),
                List.of(new int[] {10, 11}, new int[] {12, 13, 14}));
        MultiDataSet b = new ParallelBatches(pairs, 2, false, 0, BatchFormat.intIds(DataType.FLOAT)).batch(new int[] {0, 1});
        assertArrayEquals(new long[] {2, 3}, b.getFeatures(0).shape(), "[B, S]");
        assertEquals(DataType.INT32, b.getFeatures(0).dataType());
        assertArrayEquals(new int[] {5, 0, 0}, b.getFeatures(0).getRow(1).toIntVector());
        assertArrayEquals(new float[] {1, 0, 0}, b.getFeaturesMaskArray(0).getRow(1).toFloatVector());
        assertArrayEquals(new int[] {Vocabulary.BOS, 10, 11, 0}, b.getFeatures(1).getRow(0).toIntVector(), "<bos> y");
        assertArrayEquals(new int[] {10, 11, Vocabulary.EOS, 0}, b.getLabels(0).getRow(0).toIntVector(), "y <eos>");
        assertArrayEquals(new int[] {12, 13, 14, Vocabulary.EOS}, b.getLabels(0).getRow(1).toIntVector());
        assertArrayEquals(new float[] {1, 1, 1, 0}, b.getFeaturesMaskArray(1).getRow(0).toFloatVector());
        assertEquals(b.getFeaturesMaskArray(1), b.getLabelsMaskArray(0));
        assertEquals(DataType.FLOAT, b.getLabelsMaskArray(0).dataType());
    }

    @Test
    void aLengthMultiplePadsBothSidesWithMaskedPadding() {
        EncodedPairs pairs = new EncodedPairs(List.of(new int[] {7, 8, 9}, new int[] {5}),
                List.of(new int[] {10, 11}, new int[] {12, 13, 14}));
        MultiDataSet b = new ParallelBatches(pairs, 2, false, 0, BatchFormat.intIds(DataType.FLOAT).withLengthMultiple(4))
                .batch(new int[] {0, 1});
        assertArrayEquals(new long[] {2, 4}, b.getFeatures(0).shape(), "S 3 rounded up to 4");
        assertArrayEquals(new long[] {2, 4}, b.getFeatures(1).shape(), "T 4 stays 4");
        assertArrayEquals(new int[] {7, 8, 9, Vocabulary.PAD}, b.getFeatures(0).getRow(0).toIntVector());
        assertArrayEquals(new float[] {1, 1, 1, 0}, b.getFeaturesMaskArray(0).getRow(0).toFloatVector());
        MultiDataSet wide = new ParallelBatches(pairs, 2, false, 0, BatchFormat.intIds(DataType.FLOAT).withLengthMultiple(8))
                .batch(new int[] {0, 1});
        assertArrayEquals(new long[] {2, 8}, wide.getLabels(0).shape());
        assertEquals(4, wide.getLabelsMaskArray(0).getRow(1).sumNumber().intValue(), "only real tokens and <eos> count");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchFormat.intIds(DataType.FLOAT).withLengthMultiple(0));
        assertTrue(e.getMessage().contains("lengthMultiple is 0"), e.getMessage());
    }

    @Test
    void aNumericFormatCastsIdsAndLeavesOutTheFeaturesMasks() {
        EncodedPairs pairs = new EncodedPairs(List.of(new int[] {7, 8}), List.of(new int[] {10}));
        MultiDataSet b = new ParallelBatches(pairs, 1, false, 0, BatchFormat.numericIds(DataType.DOUBLE))
                .batch(new int[] {0});
        assertEquals(DataType.DOUBLE, b.getFeatures(0).dataType());
        assertEquals(DataType.DOUBLE, b.getLabels(0).dataType());
        assertEquals(null, b.getFeaturesMaskArrays());
        assertArrayEquals(new double[] {10, Vocabulary.EOS}, b.getLabels(0).getRow(0).toDoubleVector());
    }

    @Test
    void batchesAreBucketedByLengthAndCoverEverySentenceOnce() {
        ParallelBatches it = new ParallelBatches(corpus(40), 8, true, 3, BatchFormat.intIds(DataType.FLOAT));
        Set<Integer> seen = new HashSet<>();
        int padding = 0;
        int batches = 0;
        while (it.hasNext()) {
            MultiDataSet b = it.next();
            batches++;
            padding += (int) (b.getFeaturesMaskArray(0).length() - b.getFeaturesMaskArray(0).sumNumber().intValue());
            for (int r = 0; r < b.getFeatures(0).size(0); r++) {
                assertTrue(seen.add(b.getFeatures(0).getInt(r, 0) - 4), "each sentence once per epoch");
            }
        }
        assertEquals(5, batches);
        assertEquals(40, seen.size());
        assertEquals(0, padding, "8 sentences of each source length: sorted batches need no source padding");
    }

    @Test
    void theOrderIsAFunctionOfSeedAndEpoch() {
        ParallelBatches a = new ParallelBatches(corpus(50), 4, true, 7, BatchFormat.intIds(DataType.FLOAT));
        ParallelBatches b = new ParallelBatches(corpus(50), 4, true, 7, BatchFormat.intIds(DataType.FLOAT));
        assertEquals(rows(a.batchRows(2)), rows(b.batchRows(2)));
        assertNotEquals(rows(a.batchRows(0)), rows(a.batchRows(1)));
        a.next();
        a.reset();
        b.setEpoch(1);
        assertArrayEquals(a.next().getFeatures(0).toIntMatrix()[0], b.next().getFeatures(0).toIntMatrix()[0],
                "a reset after a batch moves to the next epoch");
        ParallelBatches sorted = new ParallelBatches(corpus(10), 10, false, 0, BatchFormat.intIds(DataType.FLOAT));
        assertEquals(List.of(0, 5, 6, 1, 7, 2, 8, 3, 4, 9), rows(sorted.batchRows(4)),
                "no shuffle: by source, then target length, ties in corpus order");
    }

    @Test
    void badArgumentsAreOneSentenceEach() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParallelBatches(corpus(3).withMaxLength(1).withMaxLength(1), 0, false, 0, BatchFormat.intIds(DataType.FLOAT)));
        assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ParallelBatches(new EncodedPairs(List.of(), List.of()), 2, false, 0, BatchFormat.intIds(DataType.FLOAT)));
        assertTrue(e.getMessage().contains("raise the maximum length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ParallelBatches(corpus(3), 2, false, 0, new BatchFormat(DataType.INT32, DataType.INT32, true)));
        assertTrue(e.getMessage().contains("not a floating-point type"), e.getMessage());
    }

    /** corpus(n)'s pairs need 2..6 positions (longer side, target with bos): buckets 3 and 6, 12 positions a batch. */
    private static ParallelBatches bucketed(int n, boolean shuffle, long seed) {
        return new ParallelBatches(corpus(n), LengthBuckets.of(12, 3, 6), shuffle, seed, BatchFormat.intIds(DataType.FLOAT));
    }

    @Test
    void bucketBatchesHaveOneShapePerBucketAndCoverEveryPairOncePerEpoch() {
        ParallelBatches it = bucketed(41, true, 5);
        assertEquals(List.of(List.of(4, 3, 3), List.of(2, 6, 6)), it.shapes().stream()
                .map(a -> java.util.Arrays.stream(a).boxed().toList()).toList(), "{B, S, T}: 12 / 3 and 12 / 6 rows");
        for (int epoch = 0; epoch < 3; epoch++) {
            it.setEpoch(epoch);
            Set<Integer> seen = new HashSet<>();
            List<Long> lengths = new ArrayList<>();
            long realTokens = 0;
            while (it.hasNext()) {
                MultiDataSet b = it.next();
                long length = b.getFeatures(0).size(1);
                assertTrue(length == 3 && b.getFeatures(0).size(0) == 4 || length == 6 && b.getFeatures(0).size(0) == 2,
                        java.util.Arrays.toString(b.getFeatures(0).shape()));
                assertArrayEquals(b.getFeatures(0).shape(), b.getLabels(0).shape(), "S = T = the bucket's length");
                if (lengths.isEmpty() || lengths.get(lengths.size() - 1) != length) {
                    lengths.add(length);
                }
                INDArray mask = b.getLabelsMaskArray(0);
                realTokens += mask.sumNumber().longValue();
                for (int r = 0; r < b.getFeatures(0).size(0); r++) {
                    if (mask.getDouble(r, 0) == 1) {
                        assertTrue(seen.add(b.getFeatures(0).getInt(r, 0) - 4), "each pair once per epoch");
                    } else {
                        assertEquals(0, mask.getRow(r).sumNumber().intValue(), "a filler row counts for nothing");
                        assertTrue(b.getFeaturesMaskArray(0).getRow(r).sumNumber().intValue() > 0,
                                "a filler row repeats a real one: never all padding");
                    }
                }
            }
            assertEquals(41, seen.size());
            assertEquals(java.util.stream.IntStream.range(0, 41).map(i -> 2 + (i * 3) % 4).sum(), realTokens,
                    "the labels mask counts every real target token and <eos> once");
            assertEquals(2, lengths.size(), "one bucket after the other: " + lengths);
        }
    }

    @Test
    void bucketOrderIsAFunctionOfSeedAndEpoch() {
        assertEquals(rows(bucketed(60, true, 7).batchRows(3)), rows(bucketed(60, true, 7).batchRows(3)));
        assertNotEquals(rows(bucketed(60, true, 7).batchRows(0)), rows(bucketed(60, true, 7).batchRows(1)));
        assertNotEquals(rows(bucketed(60, true, 7).batchRows(0)), rows(bucketed(60, true, 8).batchRows(0)));
        ParallelBatches fixed = bucketed(10, false, 0);
        assertEquals(rows(fixed.batchRows(0)), rows(fixed.batchRows(4)), "no shuffle: the same order every epoch");
        assertEquals(List.of(0, 7, 1, 2, 3, 4, 5, 6, 8, 9), rows(fixed.batchRows(0)),
                "no shuffle: the short bucket first, pairs in corpus order");
        assertEquals(bucketed(60, true, 7).batchRows(0).size(), bucketed(60, true, 7).batchesPerEpoch());
    }

    @Test
    void bucketLengthsAndBadBucketsAreOneSentenceEach() {
        LengthBuckets b = LengthBuckets.of(100, 12, 16);
        assertEquals(12, b.lengthFor(1));
        assertEquals(16, b.lengthFor(13));
        assertEquals(32, b.lengthFor(17), "past the last bucket: a multiple of it");
        assertEquals(6, b.batchSize(16));
        assertEquals(1, LengthBuckets.of(4, 8).batchSize(8), "at least one sentence");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LengthBuckets.of(100, 16, 12));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LengthBuckets.of(0, 16));
        assertTrue(e.getMessage().contains("positions per batch is 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LengthBuckets.of(10));
        assertTrue(e.getMessage().contains("no bucket lengths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bucketed(10, false, 0).batch(new int[] {0, 1}));
        assertTrue(e.getMessage().contains("batch rows of one bucket"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ParallelBatches(corpus(3), (LengthBuckets) null, false, 0, BatchFormat.intIds(DataType.FLOAT)));
        assertTrue(e.getMessage().contains("buckets is null"), e.getMessage());
    }

    private static List<Integer> rows(List<int[]> batches) {
        List<Integer> out = new ArrayList<>();
        batches.forEach(b -> java.util.Arrays.stream(b).forEach(out::add));
        return out;
    }
}
