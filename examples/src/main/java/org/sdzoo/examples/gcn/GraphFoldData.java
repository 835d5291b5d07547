package org.sdzoo.examples.gcn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.graph.GraphBatch;
import org.sdzoo.datasets.graph.GraphCollection;
import org.sdzoo.datasets.graph.StratifiedKFold;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.gcn.GcnGraphConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.models.gcn.GraphClassifier;

/**
 * One fold of graph-classification cross-validation: the fold's training graphs as one
 * block-diagonal batch (full-batch training), its test graphs as another.
 *
 * @param graphs      the whole collection
 * @param fold        the fold: which graphs train and which test
 * @param config      the classifier's config the inputs are prepared for
 * @param seed        the run's seed (initial weights, dropout)
 * @param description a short description for logs and the archive
 * @param files       the files the collection was read from
 */
public record GraphFoldData(GraphCollection graphs, StratifiedKFold.Fold fold, GcnGraphConfig config, long seed,
                            String description, List<Path> files) implements ExampleData {

    /**
     * All the fold's training graphs as one batch. The GIN paper samples batches of 32; those have
     * a different node count each, so every one is a new input shape, which the execution plan
     * stops planning and SameDiff's session runs at seconds a step on this machine (a 10-fold run
     * would take hours). {@link GraphMiniBatches} makes such batches where that cost is acceptable.
     */
    @Override
    public MultiDataSetIterator train(long seed) {
        return new SingletonMultiDataSetIterator(batch(fold.train()));
    }

    /**
     * The test fold, scored after every epoch: the GIN paper's protocol has no validation split
     * and reports the epoch whose mean test accuracy over the folds is best, so the trainer's
     * {@code val_} metrics here are the test fold's. They only record that curve: the example
     * monitors the training loss, trains every epoch and reports the final epoch's model.
     */
    @Override
    public MultiDataSetIterator validation() {
        return evaluation();
    }

    @Override
    public MultiDataSetIterator evaluation() {
        return new SingletonMultiDataSetIterator(batch(fold.test()));
    }

    /** @return the graphs as one batch: the classifier's inputs, then graph labels {@code [G]} */
    private MultiDataSet batch(int[] indices) {
        GraphBatch batch = GraphBatch.of(graphs, indices);
        Map<String, INDArray> inputs = new LinkedHashMap<>(GcnInputs.of(batch.graph(), config.encoder()));
        inputs.put(GraphClassifier.GRAPH_INDEX, batch.graphIndex());
        DataType type = config.precision().dataType();
        return new MultiDataSet(inputs.values().toArray(INDArray[]::new),
                new INDArray[] {batch.graphLabels().orElseThrow().castTo(type)});
    }
}
