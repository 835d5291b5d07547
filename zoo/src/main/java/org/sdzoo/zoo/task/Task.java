package org.sdzoo.zoo.task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;

/**
 * Couples a model to data. A task declares label and mask placeholders, adds the scalar loss to
 * the graph once (training minimises it and evaluation reads the same op: no loss is written
 * twice), maps each batch's labels and label masks to its placeholders, says what the batch's
 * loss averages over, and makes the metric accumulators. Batches are {@code MultiDataSet}s: the
 * features and features masks feed the model ({@link ZooModel#placeholders(MultiDataSet)}), the
 * labels and labels masks feed the task.
 */
public interface Task {

    /** The name of the scalar loss variable every task adds, and of its metric. */
    String LOSS = "loss";

    /** @return a short name, e.g. {@code regression} */
    String name();

    /** @return the label placeholder names, in {@code MultiDataSet} label order */
    List<String> labelNames();

    /** @return the label-mask placeholder names (1 = the label counts), empty when the task has none */
    default List<String> maskNames() {
        return List.of();
    }

    /**
     * Adds the label and mask placeholders and the scalar {@value #LOSS} to the model's graph,
     * unless this task already did.
     *
     * @throws IllegalStateException when another task's loss is already there
     */
    void attachLoss(ZooModel model);

    /**
     * Converts a batch's labels and labels masks to the placeholders {@link #attachLoss} declared.
     *
     * @throws IllegalArgumentException naming the label array and what was expected
     */
    Map<String, INDArray> feed(ZooModel model, MultiDataSet batch);

    /**
     * @return what the batch's loss averages over (examples, elements, masked nodes, real tokens):
     *         the weight of its loss in an epoch's mean; 0 when nothing in it counts
     */
    double weight(MultiDataSet batch);

    /** @return fresh accumulators, {@value #LOSS} ({@link org.sdzoo.zoo.metrics.MeanLoss}) first */
    List<Metric> newMetrics();

    /**
     * The batch as the metrics read it: labels in this task's form (e.g. class ids) and its mask.
     *
     * @param prediction the model's primary output on the batch
     * @param loss       the graph's {@value #LOSS} on the batch
     */
    MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss);

    /** @return the metric that early stopping watches by default */
    default String defaultMonitor() {
        return LOSS;
    }

    /**
     * @param metric a metric name, optionally with the {@code val_} prefix the trainer adds
     * @return whether a larger value is better, as the task's metric declares; empty when the
     *         task has no such metric
     */
    default Optional<Boolean> higherIsBetter(String metric) {
        String bare = metric.startsWith("val_") ? metric.substring(4) : metric;
        return newMetrics().stream().filter(m -> m.name().equals(bare)).findFirst().map(Metric::higherIsBetter);
    }

    /**
     * @param ownPlaceholder    a placeholder only this task adds
     * @param otherPlaceholders placeholders this task never adds (another task's with the same labels)
     * @return true when this task's loss is already in {@code sd}
     * @throws IllegalStateException when {@code sd} has a loss from another task
     */
    static boolean alreadyAttached(SameDiff sd, String ownPlaceholder, String taskName, String... otherPlaceholders) {
        if (!sd.hasVariable(LOSS)) {
            return false;
        }
        if (!sd.hasVariable(ownPlaceholder) || Arrays.stream(otherPlaceholders).anyMatch(sd::hasVariable)) {
            throw new IllegalStateException("this model's graph already has a loss from another task; " + taskName
                    + " needs a fresh model: load it again or build a new one");
        }
        return true;
    }

    /** @return the batch's only label array; throws naming the task when there are several or none */
    static INDArray singleLabels(MultiDataSet batch, String taskName, String what) {
        INDArray[] labels = batch.getLabels();
        if (labels == null || labels.length != 1) {
            throw new IllegalArgumentException(taskName + " takes one label array (" + what + ") but the data has "
                    + (labels == null ? 0 : labels.length));
        }
        return labels[0];
    }

    /** @return the mask of the batch's only label array, or null when it has none */
    static INDArray singleLabelsMask(MultiDataSet batch) {
        INDArray[] masks = batch.getLabelsMaskArrays();
        return masks == null || masks.length == 0 ? null : masks[0];
    }
}
