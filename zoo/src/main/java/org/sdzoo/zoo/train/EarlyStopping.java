package org.sdzoo.zoo.train;

/**
 * Watches the monitored value epoch by epoch: the best value and its epoch, and the epochs since
 * the last improvement, which end the run when they reach the patience.
 */
final class EarlyStopping {

    private final MonitorMode mode;
    private final int patience;
    private double best;
    private int bestEpoch;
    private int badEpochs;

    /** Continues from a checkpoint's values (NaN, 0, 0 for a fresh run). */
    EarlyStopping(MonitorMode mode, int patience, double best, int bestEpoch, int badEpochs) {
        this.mode = mode;
        this.patience = patience;
        this.best = best;
        this.bestEpoch = bestEpoch;
        this.badEpochs = badEpochs;
    }

    /**
     * Records the value of a 1-based epoch.
     *
     * @return true when it is the best so far
     */
    boolean record(int epoch, double value) {
        if (mode.improves(value, best)) {
            best = value;
            bestEpoch = epoch;
            badEpochs = 0;
            return true;
        }
        badEpochs++;
        return false;
    }

    /** @return true when patience is set and has run out */
    boolean shouldStop() {
        return patience > 0 && badEpochs >= patience;
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
