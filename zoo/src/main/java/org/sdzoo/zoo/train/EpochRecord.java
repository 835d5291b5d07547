package org.sdzoo.zoo.train;

import java.util.Map;
import java.util.TreeMap;
import org.sdzoo.zoo.task.Task;

/**
 * One row of the training history.
 *
 * @param epoch        1-based epoch
 * @param step         updates done by the end of the epoch
 * @param loss         the epoch's training loss: each batch's loss (before its update) weighted by
 *                     what it averages over ({@code Task.weight}: examples, masked nodes, tokens)
 * @param learningRate the learning rate of the epoch's last update
 * @param seconds      wall-clock seconds since training started (summed over resumed runs)
 * @param metrics      validation metrics ({@code val_…}) and any others, by name
 */
public record EpochRecord(int epoch, long step, double loss, double learningRate, double seconds,
                          Map<String, Double> metrics) {

    /** Sorts and freezes the metrics. */
    public EpochRecord {
        metrics = java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** @return {@code loss} for {@value Task#LOSS}, else the metric, else NaN */
    public double value(String metric) {
        if (Task.LOSS.equals(metric)) {
            return loss;
        }
        Double v = metrics.get(metric);
        return v == null ? Double.NaN : v;
    }

    /** @return the metrics and the training loss (as {@value Task#LOSS}) in one sorted map */
    public Map<String, Double> metricsWithLoss() {
        Map<String, Double> all = new TreeMap<>(metrics);
        all.put(Task.LOSS, loss);
        return all;
    }
}
