package org.sdzoo.zoo.models.gcn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.sdzoo.datasets.graph.CsrFeatures;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.zoo.task.MaskedClassificationTask;

/**
 * A {@link GraphData} as a GCN's inputs: by name for {@code ZooModel.predict}, or as a full-batch
 * {@code MultiDataSet} for the trainer and {@link MaskedClassificationTask} (features in
 * {@link Gcn#inputs} order, then the edge weights when the graph has them; labels the class ids
 * {@code [N]}; labels mask the split's {@code [N]} 0/1 mask).
 */
public final class GcnInputs {

    private GcnInputs() {
    }

    /**
     * @return the model's inputs by name: features (dense {@code [N, F]} or CSR, as the config
     *         says, converting the graph's form if needed), {@code edges [E, 2]}, and
     *         {@code edge_weight [E]} when the graph is weighted
     * @throws IllegalArgumentException if the graph's feature width is not the config's
     */
    public static Map<String, INDArray> of(GraphData graph, GcnConfig config) {
        if (graph.numFeatures() != config.inputFeatures()) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' has " + graph.numFeatures()
                    + " features per node but the model takes " + config.inputFeatures()
                    + ": build the model with inputFeatures " + graph.numFeatures());
        }
        DataType type = config.precision().dataType();
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        if (config.sparseFeatures()) {
            CsrFeatures csr = graph.features() instanceof CsrFeatures c ? c : CsrFeatures.fromDense(graph.features());
            inputs.put(Gcn.FEATURE_INDPTR, csr.indptr());
            inputs.put(Gcn.FEATURE_INDICES, csr.indices());
            inputs.put(Gcn.FEATURE_VALUES, csr.values(type));
        } else {
            inputs.put(Gcn.FEATURES, graph.features().toDense(type));
        }
        inputs.put(Gcn.EDGES, graph.edgeIndex());
        graph.edgeWeights(type).ifPresent(w -> inputs.put(Gcn.EDGE_WEIGHT, w));
        return inputs;
    }

    /**
     * The whole graph as one batch whose loss and metrics count only the nodes under {@code mask}.
     *
     * @param mask {@code [N]} 1 for the nodes that count (a split's train, val or test mask)
     * @return features as {@link #of}, labels class ids {@code [N]}, labels mask {@code mask}
     * @throws IllegalStateException if the graph has no labels
     */
    public static MultiDataSet nodeBatch(GraphData graph, GcnConfig config, INDArray mask) {
        DataType type = config.precision().dataType();
        List<INDArray> features = new ArrayList<>(of(graph, config).values());
        return new MultiDataSet(features.toArray(INDArray[]::new),
                new INDArray[] {graph.labels().castTo(type)}, null, new INDArray[] {mask.castTo(type).reshape(-1)});
    }
}
