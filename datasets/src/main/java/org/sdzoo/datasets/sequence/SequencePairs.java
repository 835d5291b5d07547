package org.sdzoo.datasets.sequence;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Source and target token sequences for sequence-to-sequence tasks, right-padded with
 * {@link SyntheticSequences#PAD}.
 *
 * @param src {@code [N, S]} source ids
 * @param tgt {@code [N, T+1]} target ids: BOS, the answer, EOS, padding
 */
public record SequencePairs(INDArray src, INDArray tgt) {
}
