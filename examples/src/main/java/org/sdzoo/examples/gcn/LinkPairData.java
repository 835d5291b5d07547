package org.sdzoo.examples.gcn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.EpochBatches;
import org.sdzoo.datasets.graph.LinkSplit;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;

/**
 * A link-prediction split as a link predictor's batches: every batch is the training graph (only
 * its edges propagate) with node pairs to score. Training, one batch an epoch: the training edges
 * (each once, u &lt; v) against as many non-edges of the training graph sampled afresh with
 * {@code (seed, epoch)} (PyG's {@code negative_sampling} in {@code link_pred.py}); validation and
 * test: the held-out edges against the split's sampled non-edges. Targets are 1 and 0 per pair.
 *
 * @param split       the split of the graph's edges
 * @param config      the encoder's config the inputs are prepared for
 * @param seed        the run's seed (split, negatives and initial weights)
 * @param description a short description for logs and the archive
 * @param files       the files the graph was read from
 */
public record LinkPairData(LinkSplit split, GcnConfig config, long seed, String description, List<Path> files)
        implements ExampleData {

    /** Copies the file list. */
    public LinkPairData {
        files = List.copyOf(files);
    }

    @Override
    public MultiDataSetIterator train(long seedValue) {
        return new FreshNegatives(seedValue);
    }

    @Override
    public MultiDataSetIterator validation() {
        return new SingletonMultiDataSetIterator(batch(split.valPositive(), split.valNegative()));
    }

    @Override
    public MultiDataSetIterator evaluation() {
        return new SingletonMultiDataSetIterator(batch(split.testPositive(), split.testNegative()));
    }

    /** @return the training graph's inputs, then {@code pairs [P+Q, 2]}; targets 1 for the positives, 0 after */
    MultiDataSet batch(INDArray positives, INDArray negatives) {
        List<INDArray> features = new ArrayList<>(GcnInputs.of(split.trainGraph(), config).values());
        INDArray pairs = Nd4j.concat(0, positives.castTo(DataType.INT32), negatives.castTo(DataType.INT32));
        // the pairs follow the GCN's required inputs (features, edges), before its optional edge weights
        features.add(2 + (config.sparseFeatures() ? 2 : 0), pairs);
        DataType type = config.precision().dataType();
        INDArray targets = Nd4j.concat(0, Nd4j.ones(type, positives.size(0)), Nd4j.zeros(type, negatives.size(0)));
        return new MultiDataSet(features.toArray(INDArray[]::new), new INDArray[] {targets});
    }

    /** One batch an epoch: the training edges against non-edges drawn with {@code (seed, epoch)}. */
    private final class FreshNegatives extends EpochBatches {
        private final long runSeed;
        private int epoch;
        private boolean served;

        FreshNegatives(long runSeed) {
            this.runSeed = runSeed;
        }

        @Override
        public void setEpoch(int epoch) {
            this.epoch = epoch;
            reset();
        }

        @Override
        public void reset() {
            served = false;
        }

        @Override
        public boolean hasNext() {
            return !served;
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next() {
            served = true;
            INDArray positives = split.trainPositive();
            INDArray negatives = LinkSplit.sampleNegatives(split.trainGraph(), (int) positives.size(0),
                    runSeed * 1_000_003L + epoch);
            return preProcessed(batch(positives, negatives));
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
            return next();
        }
    }
}
