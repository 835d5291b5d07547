package org.sdzoo.zoo.models.kernelregression;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.WeightMapping;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * Kernel regression as the archive, the command line and the PyTorch importer see it; listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 */
public final class KernelRegressionArchitecture implements Architecture {

    @Override
    public String name() {
        return KernelRegressionConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "Nadaraya-Watson kernel regression (d2l attention pooling): average, fixed kernel, learnable Gaussian";
    }

    @Override
    public ModelConfig defaultConfig() {
        return KernelRegressionConfig.builder().build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return KernelRegressionConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        KernelRegressionConfig c = (KernelRegressionConfig) config;
        INDArray keys = memory(saved, KernelRegression.KEYS);
        INDArray values = memory(saved, KernelRegression.VALUES).reshape(-1);
        ZooModel model = KernelRegression.create(c, keys, values);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    private static INDArray memory(SameDiff saved, String name) {
        if (!saved.hasVariable(name) || saved.getArrForVarName(name) == null) {
            throw new IllegalArgumentException("the saved graph has no '" + name
                    + "' (the training data a kernel-regression model keeps): the archive is damaged");
        }
        return saved.getArrForVarName(name);
    }

    /**
     * d2l's {@code NWKernelRegression} has one parameter {@code w} of shape (1,); the average and
     * fixed-kernel estimators have none. The keys and values come from {@code extra}. The
     * state_dict is checked before the memory, so a wrong file is reported first.
     */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        KernelRegressionConfig c = (KernelRegressionConfig) config;
        WeightMapping mapping = weightMapping(c);
        mapping.check(Map.of(KernelRegression.W, new long[] {c.numFeatures()}), stateDict);
        INDArray keys = extra.get(KernelRegression.KEYS);
        INDArray values = extra.get(KernelRegression.VALUES);
        if (keys == null || values == null) {
            throw new IllegalArgumentException("kernel regression keeps its training data, which a state_dict does not"
                    + " hold: give it as 'keys' [K, F] and 'values' [K] (e.g. --memory memory.npz)");
        }
        ZooModel model = KernelRegression.create(c, keys, values);
        mapping.apply(model.sameDiff(), stateDict);
        return model;
    }

    /** d2l's {@code w} (shape (1,) in PyTorch) is the variable {@code w}; the fixed estimators have none. */
    static WeightMapping weightMapping(KernelRegressionConfig c) {
        WeightMapping.Builder b = WeightMapping.builder(KernelRegressionConfig.ARCHITECTURE);
        if (c.trainable()) {
            b.copy(KernelRegression.W);
        }
        return b.build();
    }
}
