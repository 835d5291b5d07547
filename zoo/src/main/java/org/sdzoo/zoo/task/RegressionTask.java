package org.sdzoo.zoo.task;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.DataChecks;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.ErrorMean;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;

/**
 * Regression on the model's primary output: the targets have the prediction's shape. Metrics:
 * {@code loss} (the graph's), {@code mse}, {@code mae}. A batch's loss weighs as many as its
 * target elements.
 */
public final class RegressionTask implements Task {

    /** Target placeholder, the shape of the primary output. */
    public static final String TARGETS = "targets";

    /** Which loss the graph minimises. */
    public enum Loss {
        /** {@code mean((p - t)²)}. */
        MSE,
        /** {@code Σ (p - t)² / 2}, d2l's kernel-regression loss (an epoch reports its mean over batches). */
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
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        INDArray labels = targets(batch);
        INDArray targets = labels.dataType() == model.dataType() ? labels : labels.castTo(model.dataType());
        DataChecks.requireFinite(targets, "targets");
        return Map.of(TARGETS, targets);
    }

    @Override
    public double weight(MultiDataSet batch) {
        return targets(batch).length();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS), ErrorMean.mse(), ErrorMean.mae());
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double lossValue) {
        return new MetricBatch(prediction, targets(batch), null, lossValue, weight(batch));
    }

    private INDArray targets(MultiDataSet batch) {
        if (Task.singleLabelsMask(batch) != null) {
            throw new IllegalArgumentException("regression takes no labels mask but the data has one: drop it");
        }
        return Task.singleLabels(batch, name(), "the targets");
    }
}
