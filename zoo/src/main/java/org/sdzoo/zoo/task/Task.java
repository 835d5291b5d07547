package org.sdzoo.zoo.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;

/**
 * Couples a model to data: the label placeholders, the scalar training loss, and the metrics.
 * A task adds its loss to a model's graph once; predictions never need it.
 */
public interface Task {

    /** The name of the scalar loss variable every task adds. */
    String LOSS = "loss";

    /** @return a short name, e.g. {@code regression} */
    String name();

    /** @return the label placeholder names, in {@code MultiDataSet} label order */
    List<String> labelNames();

    /**
     * Adds the label placeholders and the scalar {@value #LOSS} to the model's graph, unless this
     * task already did.
     *
     * @throws IllegalStateException when another task's loss is already there
     */
    void attachLoss(ZooModel model);

    /** Converts a batch's labels to the placeholders {@link #attachLoss} declared. */
    Map<String, INDArray> labelPlaceholders(ZooModel model, INDArray[] labels);

    /**
     * Metrics of one full pass; always includes {@value #LOSS}, the same function the graph
     * minimises, evaluated in Java.
     *
     * @param predictions the model's primary output over all examples
     * @param labels      the first label array over all examples
     */
    Map<String, Double> metrics(INDArray predictions, INDArray labels);

    /** @return the metric that early stopping watches by default, and whether larger is better */
    default String defaultMonitor() {
        return LOSS;
    }

    /** Runs the model over every batch of {@code data} and computes {@link #metrics}. */
    default Map<String, Double> evaluate(ZooModel model, MultiDataSetIterator data) {
        List<INDArray> predictions = new ArrayList<>();
        List<INDArray> labels = new ArrayList<>();
        data.reset();
        while (data.hasNext()) {
            MultiDataSet batch = data.next();
            INDArray prediction = model.sameDiff().output(model.placeholders(batch.getFeatures()),
                    model.outputs().get(0).name()).get(model.outputs().get(0).name());
            predictions.add(prediction);
            labels.add(batch.getLabels(0));
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("the evaluation data is empty: give it at least one batch");
        }
        return metrics(concat(predictions), concat(labels));
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** Throws when a graph has a loss from another task. */
    static boolean alreadyAttached(SameDiff sd, String labelName, String taskName) {
        if (!sd.hasVariable(LOSS)) {
            return false;
        }
        if (!sd.hasVariable(labelName)) {
            throw new IllegalStateException("this model's graph already has a loss from another task; " + taskName
                    + " needs a fresh model: load it again or build a new one");
        }
        return true;
    }
}
