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
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphBatch;
import org.sdzoo.datasets.graph.GraphCollection;
import org.sdzoo.datasets.graph.StratifiedKFold;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnGraphConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.models.gcn.GraphClassifier;

/**
 * One fold of graph-classification cross-validation: the fold's training graphs as one
 * block-diagonal batch (full-batch training) or as sampled mini-batches, its test graphs as one
 * batch.
 *
 * <p>Mini-batches follow the GIN paper's code: each epoch draws {@code iterations} batches of
 * {@code batchSize} training graphs, each a fresh random subset. Every batch is padded to one
 * shape (the node and edge counts of the largest possible batch), so the execution plan made for
 * the first batch runs them all: the padding nodes have zero features, edges only among
 * themselves and a graph of their own whose label the labels mask leaves out, so the real graphs'
 * outputs and the loss are those of the unpadded batch. A model with batch normalisation also
 * gets the batch's node mask (as the features' mask), which keeps the padding nodes out of the
 * batch statistics.
 *
 * @param graphs      the whole collection
 * @param fold        the fold: which graphs train and which test
 * @param config      the classifier's config the inputs are prepared for
 * @param seed        the run's seed (initial weights, dropout, batch sampling)
 * @param batchSize   graphs per training batch; 0 for the fold's training graphs as one batch
 * @param iterations  batches per epoch when {@code batchSize > 0}
 * @param description a short description for logs and the archive
 * @param files       the files the collection was read from
 */
public record GraphFoldData(GraphCollection graphs, StratifiedKFold.Fold fold, GcnGraphConfig config, long seed,
                            int batchSize, int iterations, String description, List<Path> files) implements ExampleData {

    /** Copies the file list and checks the batching. */
    public GraphFoldData {
        files = List.copyOf(files);
        if (batchSize < 0 || (batchSize > 0 && iterations < 1)) {
            throw new IllegalArgumentException("batchSize (" + batchSize + ") must be 0 (full batch) or positive with"
                    + " iterations (" + iterations + ") >= 1");
        }
    }

    /** @return this fold's data for a model of {@code newConfig} (a --config override, a loaded model) */
    public GraphFoldData withConfig(GcnGraphConfig newConfig) {
        return new GraphFoldData(graphs, fold, newConfig, seed, batchSize, iterations, description, files);
    }

    /**
     * All the fold's training graphs as one batch ({@code batchSize} 0), or {@code iterations}
     * padded batches of {@code batchSize} random training graphs per epoch.
     *
     */
    @Override
    public MultiDataSetIterator train(long seed) {
        if (batchSize == 0) {
            return new SingletonMultiDataSetIterator(batch(fold.train()));
        }
        int[] train = fold.train();
        int size = Math.min(batchSize, train.length);
        int nodes = largest(train, size, true) + PADDING;
        int edges = largest(train, size, false) + PADDING;
        return GraphMiniBatches.sampled(train, size, iterations, seed, indices -> padded(indices, nodes, edges));
    }

    /** Padding nodes (and edges among them) every padded batch has at least. */
    private static final int PADDING = 2;

    /** @return the sum of the {@code count} largest node (or edge) counts among {@code indices} */
    private int largest(int[] indices, int count, boolean nodes) {
        return java.util.Arrays.stream(indices).map(i -> nodes ? graphs.graph(i).numNodes() : graphs.graph(i).numEdges())
                .boxed().sorted(java.util.Comparator.reverseOrder()).limit(count).mapToInt(Integer::intValue).sum();
    }

    /**
     * The graphs as one batch padded to {@code nodes} nodes and {@code edges} edges: features, edges
     * and graph index as {@link #batch}, the padding nodes in graph G; labels {@code [G + 1]} with a
     * labels mask that is 0 for graph G; with batch normalisation, a features mask {@code [nodes]}
     * that is 0 for the padding nodes.
     */
    MultiDataSet padded(int[] indices, int nodes, int edges) {
        GraphBatch batch = GraphBatch.of(graphs, indices);
        Map<String, INDArray> inputs = new LinkedHashMap<>(GcnInputs.of(batch.graph(), config.encoder()));
        int n = batch.graph().numNodes();
        int e = batch.graph().numEdges();
        int extraNodes = nodes - n;
        int extraEdges = edges - e;
        if (extraNodes < PADDING || extraEdges < 0) {
            throw new IllegalStateException("a batch of " + n + " nodes and " + e + " edges does not fit the padded"
                    + " shape of " + nodes + " and " + edges);
        }
        DataType type = config.precision().dataType();
        INDArray features = inputs.get(Gcn.FEATURES);
        inputs.put(Gcn.FEATURES, Nd4j.concat(0, features, Nd4j.zeros(features.dataType(), extraNodes,
                features.size(1))));
        int[][] pairs = new int[extraEdges][];
        for (int k = 0; k < extraEdges; k++) {
            // a ring among the padding nodes: no self loop (which normalisation would replace by its own)
            pairs[k] = new int[] {n + k % extraNodes, n + (k + 1) % extraNodes};
        }
        INDArray edgeIndex = inputs.get(Gcn.EDGES);
        inputs.put(Gcn.EDGES, extraEdges == 0 ? edgeIndex
                : Nd4j.concat(0, edgeIndex, Nd4j.createFromArray(pairs).castTo(edgeIndex.dataType())));
        INDArray weights = inputs.get(Gcn.EDGE_WEIGHT);
        if (weights != null && extraEdges > 0) {
            inputs.put(Gcn.EDGE_WEIGHT, Nd4j.concat(0, weights, Nd4j.ones(weights.dataType(), extraEdges)));
        }
        int g = indices.length;
        INDArray graphIndex = batch.graphIndex();
        inputs.put(GraphClassifier.GRAPH_INDEX, Nd4j.concat(0, graphIndex,
                Nd4j.valueArrayOf(new long[] {extraNodes}, g, graphIndex.dataType())));
        INDArray labels = Nd4j.concat(0, batch.graphLabels().orElseThrow().castTo(type), Nd4j.zeros(type, 1));
        INDArray mask = Nd4j.concat(0, Nd4j.ones(type, g), Nd4j.zeros(type, 1));
        INDArray[] arrays = inputs.values().toArray(INDArray[]::new);
        INDArray[] featureMasks = null;
        if (config.batchNorm()) {
            // the node mask (the features' mask) keeps the padding nodes out of the batch statistics
            featureMasks = new INDArray[arrays.length];
            featureMasks[0] = Nd4j.concat(0, Nd4j.ones(type, n), Nd4j.zeros(type, extraNodes));
        }
        return new MultiDataSet(arrays, new INDArray[] {labels}, featureMasks, new INDArray[] {mask});
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
    MultiDataSet batch(int[] indices) {
        GraphBatch batch = GraphBatch.of(graphs, indices);
        Map<String, INDArray> inputs = new LinkedHashMap<>(GcnInputs.of(batch.graph(), config.encoder()));
        inputs.put(GraphClassifier.GRAPH_INDEX, batch.graphIndex());
        DataType type = config.precision().dataType();
        return new MultiDataSet(inputs.values().toArray(INDArray[]::new),
                new INDArray[] {batch.graphLabels().orElseThrow().castTo(type)});
    }
}
