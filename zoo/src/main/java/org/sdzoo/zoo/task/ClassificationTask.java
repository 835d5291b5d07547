package org.sdzoo.zoo.task;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Require;
import org.sdzoo.zoo.metrics.Accuracy;
import org.sdzoo.zoo.metrics.MacroF1;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;

/**
 * Classification of the model's primary output, logits {@code [B, C]}, against class ids
 * {@code [B]} (or {@code [B, 1]}, or one-hot rows {@code [B, C]}); the graph turns the ids
 * one-hot. Loss: mean softmax cross-entropy. Metrics: {@code loss}, {@code accuracy},
 * {@code macro_f1}. A batch's loss weighs as many as its examples.
 */
public final class ClassificationTask implements Task {

    /** Class-id label placeholder, {@code [B]}. */
    public static final String LABELS = "labels";

    private final int numClasses;

    public ClassificationTask(int numClasses) {
        this.numClasses = Require.positive("numClasses", numClasses);
    }

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public List<String> labelNames() {
        return List.of(LABELS);
    }

    @Override
    public String defaultMonitor() {
        return Accuracy.NAME;
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        if (Task.alreadyAttached(sd, LABELS, name(), MaskedClassificationTask.LABELS_MASK)) {
            return;
        }
        SDVariable ids = sd.placeHolder(LABELS, model.dataType(), -1);
        SDVariable oneHot = sd.oneHot(ids.castTo(DataType.INT64), numClasses, -1, 1.0, 0.0, model.dataType());
        Losses.softmaxCrossEntropy(LOSS, model.primaryOutput(), oneHot);
        // named, as MaskedClassificationTask does: a graph with several unconsumed outputs (the GCN graph
        // classifier keeps the node log-probabilities) leaves SameDiff no loss to infer
        sd.setLossVariables(LOSS);
    }

    @Override
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        return Map.of(LABELS, ClassIds.checked(classIds(batch), null, numClasses, model.dataType()));
    }

    @Override
    public double weight(MultiDataSet batch) {
        return classIds(batch).length();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS), new Accuracy(), new MacroF1(numClasses));
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss) {
        return new MetricBatch(prediction, classIds(batch), null, loss, weight(batch));
    }

    /** @return class ids {@code [B]} from ids {@code [B]} / {@code [B, 1]} or one-hot {@code [B, C]} */
    private INDArray classIds(MultiDataSet batch) {
        if (Task.singleLabelsMask(batch) != null) {
            throw new IllegalArgumentException("classification takes no labels mask but the data has one: use"
                    + " MaskedClassificationTask");
        }
        INDArray labels = Task.singleLabels(batch, name(), "class ids");
        if (labels.rank() == 2 && labels.size(1) == numClasses && numClasses > 1) {
            return Nd4j.argMax(labels, 1);
        }
        if (labels.rank() == 1 || (labels.rank() == 2 && labels.size(1) == 1)) {
            return labels.reshape(labels.length());
        }
        throw new IllegalArgumentException("labels must be class ids [B] or one-hot [B, " + numClasses + "], not "
                + java.util.Arrays.toString(labels.shape()));
    }
}
