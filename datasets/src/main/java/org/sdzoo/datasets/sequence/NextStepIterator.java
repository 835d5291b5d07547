package org.sdzoo.datasets.sequence;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.EpochBatches;

/**
 * Batches of variable-length sequences {@code [T_i, C]} for next-step prediction: features
 * {@code [B, C, T-1]} (steps 0…T-2 of each sequence, channels first), labels {@code [B, T-1, C]}
 * (steps 1…T-1) and a labels mask {@code [B, T-1]} (1 on real steps), T the longest sequence
 * of the batch. Shorter sequences are padded with zeros at the end: a causal model's outputs at
 * real steps never see that padding, so no features mask is needed, and the labels mask keeps it
 * out of the loss. With a length multiple m, T is rounded up to a multiple of m: a model compiled
 * per input shape (sdzoo's execution plan) then sees a few lengths instead of one per batch,
 * and the loss over the real steps is the same.
 *
 * <p>The order of sequences comes from an {@link ArrayMultiDataSetIterator} over their indices,
 * so it is a function of (seed, epoch) and resumes exactly.
 */
public final class NextStepIterator extends EpochBatches {

    private static final long serialVersionUID = 1L;

    private final List<INDArray> sequences;
    private final ArrayMultiDataSetIterator order;
    private final DataType type;
    private final int lengthMultiple;

    /**
     * @param sequences each {@code [T_i, C]} with T_i ≥ 2 and the same C
     */
    public NextStepIterator(List<INDArray> sequences, int batchSize, boolean shuffle, long seed, DataType type) {
        this(sequences, batchSize, shuffle, seed, type, 1);
    }

    /**
     * @param sequences      each {@code [T_i, C]} with T_i ≥ 2 and the same C
     * @param lengthMultiple each batch's time axis is padded up to a multiple of this (1: the longest sequence)
     */
    public NextStepIterator(List<INDArray> sequences, int batchSize, boolean shuffle, long seed, DataType type,
                            int lengthMultiple) {
        if (lengthMultiple < 1) {
            throw new IllegalArgumentException("lengthMultiple is " + lengthMultiple
                    + " but must be at least 1 (1 pads to the longest sequence of each batch)");
        }
        this.lengthMultiple = lengthMultiple;
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no sequences to iterate over");
        }
        long c = sequences.get(0).size(1);
        for (int i = 0; i < sequences.size(); i++) {
            INDArray s = sequences.get(i);
            if (s.rank() != 2 || s.size(1) != c || s.size(0) < 2) {
                throw new IllegalArgumentException("sequence " + i + " has shape " + java.util.Arrays.toString(s.shape())
                        + " but every sequence must be [T, " + c + "] with T >= 2 (an input step and a target)");
            }
        }
        this.sequences = List.copyOf(sequences);
        this.type = type;
        INDArray indices = Nd4j.arange(sequences.size()).castTo(DataType.INT64).reshape(sequences.size(), 1);
        this.order = new ArrayMultiDataSetIterator(new INDArray[] {indices}, null, batchSize, shuffle, seed);
    }

    @Override
    public MultiDataSet next() {
        INDArray ids = order.next().getFeatures(0);
        int b = (int) ids.size(0);
        long maxT = 0;
        for (int i = 0; i < b; i++) {
            maxT = Math.max(maxT, sequences.get(ids.getInt(i, 0)).size(0) - 1);
        }
        maxT = (maxT + lengthMultiple - 1) / lengthMultiple * lengthMultiple;
        long c = sequences.get(0).size(1);
        INDArray x = Nd4j.zeros(type, b, c, maxT);
        INDArray y = Nd4j.zeros(type, b, maxT, c);
        INDArray mask = Nd4j.zeros(type, b, maxT);
        for (int i = 0; i < b; i++) {
            INDArray s = sequences.get(ids.getInt(i, 0)).castTo(type);
            long t = s.size(0) - 1;
            x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(0, t))
                    .assign(s.get(NDArrayIndex.interval(0, t), NDArrayIndex.all()).transpose());
            y.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, t), NDArrayIndex.all())
                    .assign(s.get(NDArrayIndex.interval(1, t + 1), NDArrayIndex.all()));
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, t)).assign(1);
        }
        MultiDataSet batch = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null,
                new INDArray[] {mask});
        preProcessed(batch);
        return batch;
    }

    @Override
    public MultiDataSet next(int num) {
        throw new UnsupportedOperationException("batches are sized by the constructor's batchSize; call next()");
    }

    @Override
    public boolean hasNext() {
        return order.hasNext();
    }

    @Override
    public void setEpoch(int epoch) {
        order.setEpoch(epoch);
    }

    @Override
    public void reset() {
        order.reset();
    }
}
