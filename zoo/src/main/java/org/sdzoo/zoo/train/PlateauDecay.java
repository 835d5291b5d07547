package org.sdzoo.zoo.train;

import java.util.List;

/**
 * Learning-rate reduction on a validation plateau, as locuslab's TCN scripts do it
 * ({@code if ep > 10 and vloss > max(vloss_list[-3:]): lr /= 10}): every epoch after
 * {@link TrainerConfig#plateauAfterEpoch()} whose monitored value is worse than each of the
 * {@link TrainerConfig#plateauWindow()} epochs before it multiplies the learning rate of all later
 * epochs by {@link TrainerConfig#plateauFactor()}.
 *
 * <p>The scale is a function of the monitored history alone, so a resumed run, whose checkpoint
 * holds the history, continues with the same learning rate.
 */
final class PlateauDecay {

    private PlateauDecay() {
    }

    /**
     * @param values the monitored value of every epoch so far, in order (epoch 1 first)
     * @return the factor on the schedule's learning rate for the next epoch: 1 without a plateau
     */
    static double scale(TrainerConfig c, MonitorMode mode, List<Double> values) {
        return Math.pow(c.plateauFactor(), reductions(c, mode, values));
    }

    /** @return how many epochs in {@code values} were plateaus */
    static int reductions(TrainerConfig c, MonitorMode mode, List<Double> values) {
        if (c.plateauFactor() == 1) {
            return 0;
        }
        int count = 0;
        for (int i = Math.max(1, c.plateauAfterEpoch()); i < values.size(); i++) {
            if (isPlateau(mode, values.subList(Math.max(0, i - c.plateauWindow()), i), values.get(i))) {
                count++;
            }
        }
        return count;
    }

    /** A NaN value (no validation that epoch) is never a plateau, and NaN earlier values are skipped. */
    private static boolean isPlateau(MonitorMode mode, List<Double> before, double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean compared = false;
        for (double earlier : before) {
            if (Double.isNaN(earlier)) {
                continue;
            }
            if (!mode.improves(earlier, value)) {
                return false;
            }
            compared = true;
        }
        return compared;
    }
}
