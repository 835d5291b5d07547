package org.sdzoo.zoo.train;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Trainer#fit} or {@link Trainer#resume}.
 *
 * @param history      one record per epoch, including epochs of earlier, resumed runs
 * @param monitor      the metric early stopping and the best checkpoint watched
 * @param bestValue    its best value
 * @param bestEpoch    the 1-based epoch of the best value
 * @param stoppedEarly true when patience ran out
 * @param steps        updates done
 * @param seconds      wall-clock seconds of training, summed over resumed runs
 */
public record TrainingResult(List<EpochRecord> history, String monitor, double bestValue, int bestEpoch,
                             boolean stoppedEarly, long steps, double seconds) {

    /** Freezes the history. */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /** @return the last epoch's record */
    public EpochRecord last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch was trained");
        }
        return history.get(history.size() - 1);
    }

    /** @return the last epoch's loss and metrics in one map */
    public Map<String, Double> finalMetrics() {
        return last().metricsWithLoss();
    }
}
