package org.sdzoo.zoo.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Metrics;

/**
 * Regression on the model's primary output: the targets have the prediction's shape. Metrics:
 * {@code loss}, {@code mse}, {@code mae}.
 */
public final class RegressionTask implements Task {

    /** Target placeholder, the shape of the primary output. */
    public static final String TARGETS = "targets";

    /** Which loss the graph minimises. */
    public enum Loss {
        /** {@code mean((p - t)²)}. */
        MSE,
        /** {@code Σ (p - t)² / 2}, d2l's kernel-regression loss. */
        HALF_SUM_SQUARED
    }

    private final Loss loss;

    public RegressionTask(Loss loss) {
        this.loss = loss;
    }

    /** @return the loss this task minimises */
    public Loss loss() {
        return loss;
    }

    @Override
    public String name() {
        return "regression";
    }

    @Override
    public List<String> labelNames() {
        return List.of(TARGETS);
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        if (Task.alreadyAttached(sd, TARGETS, name())) {
            return;
        }
        SDVariable prediction = model.primaryOutput();
        long[] shape = model.outputs().get(0).shape();
        SDVariable targets = sd.placeHolder(TARGETS, model.dataType(), shape);
        switch (loss) {
            case MSE -> Losses.meanSquaredError(LOSS, prediction, targets);
            case HALF_SUM_SQUARED -> Losses.halfSumSquaredError(LOSS, prediction, targets);
        }
    }

    @Override
    public Map<String, INDArray> labelPlaceholders(ZooModel model, INDArray[] labels) {
        if (labels.length != 1) {
            throw new IllegalArgumentException("regression takes one label array (the targets) but the data has "
                    + labels.length);
        }
        INDArray targets = labels[0].dataType() == model.dataType() ? labels[0] : labels[0].castTo(model.dataType());
        org.sdzoo.datasets.DataChecks.requireFinite(targets, "targets");
        return Map.of(TARGETS, targets);
    }

    @Override
    public Map<String, Double> metrics(INDArray predictions, INDArray labels) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOSS, loss == Loss.MSE ? Metrics.mse(predictions, labels) : Metrics.halfSumSquaredError(predictions, labels));
        m.put("mse", Metrics.mse(predictions, labels));
        m.put("mae", Metrics.mae(predictions, labels));
        return m;
    }
}
