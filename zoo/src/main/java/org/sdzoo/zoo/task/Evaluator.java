package org.sdzoo.zoo.task;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.samediff.LearningPhase;

/**
 * Evaluates a model on a task batch by batch: the loss is the graph's own {@value Task#LOSS} op
 * run in the inference phase (through the model's execution plan, {@link ZooModel#forwardTo}),
 * every metric is an accumulator, and nothing of the pass is kept but their sums and counts.
 */
public final class Evaluator {

    private Evaluator() {
    }

    /**
     * Runs {@code model} over every batch of {@code data}, in inference (dropout off).
     *
     * @return each metric by name, {@value Task#LOSS} first
     * @throws IllegalArgumentException when the data has no batch
     */
    public static Map<String, Double> evaluate(ZooModel model, Task task, MultiDataSetIterator data) {
        task.attachLoss(model);
        List<Metric> metrics = task.newMetrics();
        data.reset();
        int batches = 0;
        while (data.hasNext()) {
            update(model, task, data.next(), metrics);
            batches++;
        }
        if (batches == 0) {
            throw new IllegalArgumentException("the evaluation data is empty: give it at least one batch");
        }
        return results(metrics);
    }

    /** Adds one batch to {@code metrics}. */
    public static void update(ZooModel model, Task task, MultiDataSet batch, List<Metric> metrics) {
        SameDiff sd = model.sameDiff();
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        feed.putAll(LearningPhase.feed(sd, false));
        String prediction = model.outputs().get(0).name();
        // Through the execution plan where it applies, else SameDiff's session (PlannedGraph says
        // which); the metrics consume the plan's arrays before its next run overwrites them.
        Map<String, INDArray> out = model.forwardTo(List.of(Task.LOSS, prediction)).run(feed).outputs();
        var metricBatch = task.metricBatch(batch, out.get(prediction), out.get(Task.LOSS).getDouble(0));
        for (Metric m : metrics) {
            m.update(metricBatch);
        }
    }

    /** @return each metric's result by name, in the given order */
    public static Map<String, Double> results(List<Metric> metrics) {
        Map<String, Double> results = new LinkedHashMap<>();
        metrics.forEach(m -> results.put(m.name(), m.result()));
        return results;
    }
}
