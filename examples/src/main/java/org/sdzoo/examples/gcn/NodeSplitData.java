package org.sdzoo.examples.gcn;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.NodeSplit;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;

/**
 * A transductive node-classification graph: every batch is the whole graph, its loss and metrics
 * masked to one part of the split.
 *
 * @param graph       the graph with its split, both edge directions
 * @param config      the model config the inputs are prepared for (self loops, normalisation, features)
 * @param seed        the run's seed, which also seeds the initial weights
 * @param description a short description for logs and the archive
 * @param files       the files the graph was read from; empty for a graph shipped in the jar
 */
public record NodeSplitData(GraphData graph, GcnConfig config, long seed, String description, List<Path> files)
        implements ExampleData {

    /** @return this graph prepared for a model of {@code modelConfig} (its feature form, precision and width) */
    public NodeSplitData withConfig(GcnConfig modelConfig) {
        return new NodeSplitData(graph, modelConfig, seed, description, files);
    }

    private NodeSplit split() {
        return graph.split().orElseThrow();
    }

    /** The whole graph, its loss masked to the training nodes. */
    @Override
    public MultiDataSetIterator train(long seed) {
        return batch(split().trainMask(graph.numNodes(), DataType.FLOAT));
    }

    /** The whole graph, scored on the test nodes. */
    @Override
    public MultiDataSetIterator evaluation() {
        return batch(split().testMask(graph.numNodes(), DataType.FLOAT));
    }

    /** The whole graph, scored on the validation nodes; null when the split has none. */
    @Override
    public MultiDataSetIterator validation() {
        return split().hasValidation() ? batch(split().valMask(graph.numNodes(), DataType.FLOAT)) : null;
    }

    private MultiDataSetIterator batch(INDArray mask) {
        return new SingletonMultiDataSetIterator(GcnInputs.nodeBatch(graph, config, mask));
    }
}
