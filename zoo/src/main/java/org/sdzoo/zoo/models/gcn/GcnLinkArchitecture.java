package org.sdzoo.zoo.models.gcn;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The GCN link predictor as the archive and the command line see it; listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 */
public final class GcnLinkArchitecture implements Architecture {

    @Override
    public String name() {
        return GcnLinkConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "GCN link predictor: GCN embeddings, node pairs scored by dot product or MLP, trained on sampled"
                + " negatives (Cora)";
    }

    /** @return PyG's {@code link_pred.py} sizes on Cora: 1433 → 128 → 64, dot product */
    @Override
    public ModelConfig defaultConfig() {
        return new GcnLinkConfig(GcnConfig.builder().inputFeatures(1433).hiddenSizes(java.util.List.of(128))
                .numClasses(64).dropout(0).inputDropout(false).normalizeFeatures(false).build(), LinkDecoder.DOT, null);
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return GcnLinkConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = LinkPredictor.create((GcnLinkConfig) config, 0);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    /** @throws IllegalArgumentException always: no reference PyTorch code is pinned for this head */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        throw new IllegalArgumentException("gcn-link has no PyTorch reference layout to import: train it with"
                + " 'sdzoo train gcn-link-cora', or import the GCN encoder with --arch gcn");
    }
}
