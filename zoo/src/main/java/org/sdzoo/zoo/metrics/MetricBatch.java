package org.sdzoo.zoo.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One evaluated batch as metrics see it. Shapes depend on the task; a metric documents the ones
 * it reads.
 *
 * @param predictions the model's primary output, e.g. logits {@code [B, C]}, {@code [N, C]},
 *                    {@code [B, T, C]} or values of the targets' shape
 * @param labels      the labels in the task's form: class ids {@code [B]} / {@code [N]} /
 *                    {@code [B, T]}, targets, or 0/1 relevance for ranking
 * @param mask        1 where a label counts, 0 where it does not, the shape of the class ids (or
 *                    targets); null = every label counts
 * @param loss        the graph's loss on this batch
 * @param weight      what that loss averages over in this batch (examples, masked nodes, real
 *                    tokens); 0 when nothing counts
 */
public record MetricBatch(INDArray predictions, INDArray labels, INDArray mask, double loss, double weight) {
}
