package org.sdzoo.examples.gcn;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.LinkSplit;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;

/**
 * A link-prediction split as a graph autoencoder's batches: every batch is the training graph
 * (only its edges propagate), with {@code [N, N]} targets. Training: the training adjacency plus
 * self loops, every pair counting (gae's {@code adj_label}). Validation and test: 1 on the
 * held-out edges, the pair mask on them and on as many sampled non-edges (each pair once, u &lt; v);
 * the validation pairs are scored once after training, as no stopping or selection uses them.
 *
 * @param split       the split of the graph's edges
 * @param config      the encoder's config the inputs are prepared for
 * @param seed        the run's seed (split, negatives and initial weights)
 * @param description a short description for logs and the archive
 * @param files       the files the graph was read from
 */
public record LinkSplitData(LinkSplit split, GcnConfig config, long seed, String description, List<Path> files)
        implements ExampleData {

    /** @return the training graph, its adjacency plus self loops the targets of every pair */
    MultiDataSet trainBatch() {
        int n = split.trainGraph().numNodes();
        INDArray targets = split.trainGraph().denseAdjacency(DataType.FLOAT).addi(Nd4j.eye(n).castTo(DataType.FLOAT));
        return batch(targets, null);
    }

    @Override
    public MultiDataSetIterator train(long seed) {
        return new SingletonMultiDataSetIterator(trainBatch());
    }

    /** The held-out test edges against as many sampled non-edges. */
    @Override
    public MultiDataSetIterator evaluation() {
        return new SingletonMultiDataSetIterator(heldOut(split.testPositive(), split.testNegative()));
    }

    /**
     * The held-out validation edges against as many sampled non-edges. Not the trainer's validation:
     * gae only prints it and selects nothing on it, and every pass costs an {@code N × N} forward.
     */
    MultiDataSetIterator heldOutValidation() {
        return new SingletonMultiDataSetIterator(heldOut(split.valPositive(), split.valNegative()));
    }

    private MultiDataSet heldOut(INDArray positives, INDArray negatives) {
        int n = split.trainGraph().numNodes();
        float[] targets = new float[n * n];
        float[] mask = new float[n * n];
        mark(positives, n, targets, mask);
        mark(negatives, n, null, mask);
        return batch(Nd4j.create(targets, new long[] {n, n}, 'c'), Nd4j.create(mask, new long[] {n, n}, 'c'));
    }

    /** Sets the mask (and the target, when given) of each {@code [P, 2]} pair to 1. */
    private static void mark(INDArray pairs, int n, float[] targets, float[] mask) {
        int[] p = pairs.castTo(DataType.INT32).dup('c').data().asInt();
        for (int i = 0; i < p.length; i += 2) {
            mask[p[i] * n + p[i + 1]] = 1;
            if (targets != null) {
                targets[p[i] * n + p[i + 1]] = 1;
            }
        }
    }

    private MultiDataSet batch(INDArray targets, INDArray mask) {
        INDArray[] features = GcnInputs.of(split.trainGraph(), config).values().toArray(INDArray[]::new);
        return new MultiDataSet(features, new INDArray[] {targets}, null, mask == null ? null : new INDArray[] {mask});
    }
}
