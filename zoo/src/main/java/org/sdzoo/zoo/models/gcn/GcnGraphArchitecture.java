package org.sdzoo.zoo.models.gcn;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.config.ModelConfig;

/** The GCN graph classifier as the archive and the command line see it; listed in {@code META-INF/services}. */
public final class GcnGraphArchitecture implements Architecture {

    @Override
    public String name() {
        return GcnGraphConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "GCN graph classifier: GCN layers, sum/mean/max readout per graph, linear layer (MUTAG)";
    }

    /** @return MUTAG's setup: 7 atom types, three GCN layers of 64, sum readout, 2 classes */
    @Override
    public ModelConfig defaultConfig() {
        return new GcnGraphConfig(GcnConfig.builder().inputFeatures(7).hiddenSizes(List.of(64, 64)).numClasses(64)
                .dropout(0).normalizeFeatures(false).build(), Readout.SUM, 0.5, 2);
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return GcnGraphConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = GraphClassifier.create((GcnGraphConfig) config, 0);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    /** @throws IllegalArgumentException always: no reference PyTorch code is pinned for this head */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        throw new IllegalArgumentException("gcn-graph has no PyTorch reference layout to import: train it with"
                + " 'sdzoo train gcn-mutag', or import the GCN layers with --arch gcn");
    }
}
