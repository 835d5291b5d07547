package org.sdzoo.examples.gcn;

import java.io.IOException;
import java.nio.file.Path;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.examples.Example;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;

/**
 * What the GCN node-classification examples share: a config sized for the graph with the user's
 * {@code --config} overrides on top, batches in the feature form the model takes, and the model.
 */
abstract class GcnNodeExample implements Example<NodeSplitData> {

    /** @return the example's GCN for {@code graph}, before {@code --config} overrides */
    abstract GcnConfig baseConfig(GraphData graph);

    @Override
    public ModelConfig config(NodeSplitData data, Path configFile) throws IOException {
        GcnConfig base = baseConfig(data.graph());
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    /** The batches carry the features in the form the model takes (dense or CSR). */
    @Override
    public NodeSplitData forConfig(NodeSplitData data, ModelConfig config) {
        return data.withConfig((GcnConfig) config);
    }

    /** A fresh GCN, its initial weights drawn from the run's seed. */
    @Override
    public ZooModel model(ModelConfig config, NodeSplitData data) {
        return Gcn.create((GcnConfig) config, data.seed());
    }
}
