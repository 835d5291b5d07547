package org.sdzoo.zoo.train;

/**
 * Watches the monitored value epoch by epoch: the best value and its epoch, and the epochs since
 * the last improvement; the {@link StopRule} says when they end the run.
 */
final class EarlyStopping {

    private final MonitorMode mode;
    private final int patience;
    private final StopRule rule;
    private final java.util.List<Double> values;
    private double best;
    private int bestEpoch;
    private int badEpochs;

    /**
     * Continues from a checkpoint's values (NaN, 0, 0 and no values for a fresh run).
     *
     * @param values the monitored value of every epoch so far, in order
     */
    EarlyStopping(MonitorMode mode, int patience, StopRule rule, double best, int bestEpoch, int badEpochs,
                  java.util.List<Double> values) {
        this.mode = mode;
        this.patience = patience;
        this.rule = rule;
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.badEpochs = badEpochs;
        this.values = new java.util.ArrayList<>(values);
    }

    /**
     * Records the value of a 1-based epoch.
     *
     * @return true when it is the best so far
     */
    boolean record(int epoch, double value) {
        values.add(value);
        if (mode.improves(value, best)) {
            best = value;
            bestEpoch = epoch;
            badEpochs = 0;
            return true;
        }
        badEpochs++;
        return false;
    }

    /** @return true when patience is set and the rule says the run is over */
    boolean shouldStop() {
        if (patience == 0) {
            return false;
        }
        if (rule == StopRule.NO_IMPROVEMENT) {
            return badEpochs >= patience;
        }
        int n = values.size();
        if (n <= patience + 1) {
            return false;
        }
        double mean = values.subList(n - 1 - patience, n - 1).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow();
        return mode.improves(mean, values.get(n - 1));
    }

    /** @return why {@link #shouldStop()} ended the run, for the log */
    String reason(String monitor) {
        return rule == StopRule.NO_IMPROVEMENT
                ? monitor + " has not improved for " + badEpochs + " epochs"
                : monitor + " " + values.get(values.size() - 1) + " is worse than the mean of the " + patience
                        + " epochs before it";
    }

    double best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    int badEpochs() {
        return badEpochs;
    }
}
