package org.sdzoo.zoo.train;

import java.util.Locale;

/** Whether a smaller or a larger value of a monitored metric is better. */
public enum MonitorMode {
    MIN,
    MAX;

    /**
     * @return {@link #MAX} for accuracy-like names (accuracy, f1, auc, precision, recall, r2),
     *         {@link #MIN} for everything else (losses, errors)
     */
    public static MonitorMode infer(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        for (String better : new String[] {"acc", "f1", "auc", "precision", "recall", "r2", "bleu"}) {
            if (m.contains(better)) {
                return MAX;
            }
        }
        return MIN;
    }

    /** @return true when {@code candidate} is strictly better than {@code best} (any value beats NaN) */
    public boolean improves(double candidate, double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        return Double.isNaN(best) || (this == MIN ? candidate < best : candidate > best);
    }
}
