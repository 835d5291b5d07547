package org.sdzoo.zoo.models.transformer;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Turns padded id arrays into the {@code MultiDataSet} a {@link Seq2SeqTransformer} trains on with
 * {@link org.sdzoo.zoo.task.TokenTask}: the decoder reads the target without its last id and
 * learns to predict it without its first.
 */
public final class TeacherForcing {

    private TeacherForcing() {
    }

    /**
     * @param src   {@code [B, S]} source ids, right-padded with {@code padId}
     * @param tgt   {@code [B, T+1]} target ids {@code BOS y_1 … y_n EOS}, right-padded with {@code padId}
     * @param padId the padding id
     * @return features {@code src [B, S]} and {@code tgt[:, :-1] [B, T]}; labels {@code tgt[:, 1:] [B, T]};
     *         labels mask {@code [B, T]}, 0 where the label is padding; all {@code type}
     */
    public static MultiDataSet batch(INDArray src, INDArray tgt, int padId, DataType type) {
        if (src.rank() != 2 || tgt.rank() != 2 || src.size(0) != tgt.size(0) || tgt.size(1) < 2) {
            throw new IllegalArgumentException("teacher forcing needs src [B, S] and tgt [B, T+1] with the same B and"
                    + " T+1 >= 2 (BOS and at least one id), got " + Arrays.toString(src.shape()) + " and "
                    + Arrays.toString(tgt.shape()));
        }
        long t = tgt.size(1);
        INDArray input = tgt.get(NDArrayIndex.all(), NDArrayIndex.interval(0, t - 1)).castTo(type);
        INDArray labels = tgt.get(NDArrayIndex.all(), NDArrayIndex.interval(1, t)).castTo(type);
        INDArray mask = labels.castTo(DataType.DOUBLE).neq(padId).castTo(type);
        return new MultiDataSet(new INDArray[] {src.castTo(type), input}, new INDArray[] {labels}, null,
                new INDArray[] {mask});
    }

    /**
     * @return a pre-processor that sets each batch's labels mask to 1 where the labels
     *         {@code [B, T]} are not {@code padId}, for iterators that slice whole arrays into
     *         batches and drop masks
     */
    public static MultiDataSetPreProcessor labelsMask(int padId) {
        return batch -> {
            INDArray labels = batch.getLabels(0);
            batch.setLabelsMaskArray(new INDArray[] {labels.castTo(DataType.DOUBLE).neq(padId).castTo(labels.dataType())});
        };
    }
}
