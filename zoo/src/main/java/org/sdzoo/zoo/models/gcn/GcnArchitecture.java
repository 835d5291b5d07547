package org.sdzoo.zoo.models.gcn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.TorchWeights;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * GCN as the archive, the command line and the PyTorch importer see it; listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 *
 * <p>Imports two {@code state_dict} layouts, sizes inferred from the shapes: pygcn
 * ({@code gc1.weight [in, out]}, {@code gc1.bias [out]}, {@code gc2.*}, …) and PyG
 * ({@code conv1.lin.weight [out, in]}, {@code conv1.bias [out]}, {@code conv2.*}, …).
 */
public final class GcnArchitecture implements Architecture {

    @Override
    public String name() {
        return GcnConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "Graph convolutional network (Kipf & Welling 2017): dense or edge-list propagation, dense or sparse features";
    }

    /** @return Kipf's Cora setup (1433 features, 7 classes, hidden [16]); graphs of other sizes set their own */
    @Override
    public ModelConfig defaultConfig() {
        return GcnConfig.builder().inputFeatures(1433).numClasses(7).build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return GcnConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = Gcn.create((GcnConfig) config, 0);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    /**
     * Builds a GCN from a pygcn or PyG {@code state_dict}: the layer widths (inputFeatures,
     * hiddenSizes, numClasses) and bias come from the shapes; everything else (dropout,
     * activation, normalisation, propagation, …) from {@code config}.
     */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        Layout layout = Layout.of(stateDict);
        List<long[]> weights = new ArrayList<>();
        for (int i = 1; stateDict.containsKey(layout.weight(i)); i++) {
            long[] shape = stateDict.get(layout.weight(i)).shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException("'" + layout.weight(i) + "' has shape " + java.util.Arrays.toString(shape)
                        + " but a graph convolution's weight is 2-D: this is not a " + layout + " GCN state_dict");
            }
            weights.add(layout.pygcn ? shape : new long[] {shape[1], shape[0]}); // as [in, out]
        }
        boolean bias = stateDict.containsKey(layout.bias(1));
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < weights.size() - 1; i++) {
            hidden.add((int) weights.get(i)[1]);
        }
        GcnConfig c = ((GcnConfig) config).toBuilder().inputFeatures((int) weights.get(0)[0])
                .numClasses((int) weights.get(weights.size() - 1)[1]).hiddenSizes(hidden).bias(bias).build();
        Map<String, long[]> expected = new LinkedHashMap<>();
        List<Integer> sizes = c.layerSizes();
        int in = c.inputFeatures();
        for (int i = 1; i <= sizes.size(); i++) {
            int out = sizes.get(i - 1);
            expected.put(layout.weight(i), layout.pygcn ? new long[] {in, out} : new long[] {out, in});
            if (bias) {
                expected.put(layout.bias(i), new long[] {out});
            }
            in = out;
        }
        TorchWeights.check(name() + " (" + layout + ")", expected, stateDict);
        ZooModel model = Gcn.create(c, 0);
        for (int i = 1; i <= sizes.size(); i++) {
            INDArray w = stateDict.get(layout.weight(i));
            model.sameDiff().getArrForVarName(Gcn.weightName(i - 1))
                    .assign((layout.pygcn ? w : w.transpose()).castTo(model.dataType()));
            if (bias) {
                model.sameDiff().getArrForVarName(Gcn.biasName(i - 1))
                        .assign(stateDict.get(layout.bias(i)).reshape(-1).castTo(model.dataType()));
            }
        }
        return model;
    }

    /** Which reference code's parameter names a state_dict uses. */
    private record Layout(boolean pygcn) {

        static Layout of(Map<String, INDArray> stateDict) {
            if (stateDict.containsKey("gc1.weight")) {
                return new Layout(true);
            }
            if (stateDict.containsKey("conv1.lin.weight")) {
                return new Layout(false);
            }
            throw new IllegalArgumentException("the state_dict has neither 'gc1.weight' (pygcn) nor 'conv1.lin.weight'"
                    + " (PyG GCNConv) but " + new java.util.TreeSet<>(stateDict.keySet())
                    + ": save the model's state_dict with those layer names");
        }

        String weight(int layer) {
            return pygcn ? Gcn.weightName(layer - 1) : "conv" + layer + ".lin.weight";
        }

        String bias(int layer) {
            return pygcn ? Gcn.biasName(layer - 1) : "conv" + layer + ".bias";
        }

        @Override
        public String toString() {
            return pygcn ? "pygcn" : "PyG";
        }
    }
}
