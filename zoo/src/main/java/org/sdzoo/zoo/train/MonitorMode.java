package org.sdzoo.zoo.train;

/** Whether a smaller or a larger value of a monitored metric is better. */
public enum MonitorMode {
    MIN,
    MAX;

    /** @return {@link #MAX} when a larger value is better, else {@link #MIN} */
    public static MonitorMode of(boolean higherIsBetter) {
        return higherIsBetter ? MAX : MIN;
    }

    /** @return true when {@code candidate} is strictly better than {@code best} (any value beats NaN) */
    public boolean improves(double candidate, double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        return Double.isNaN(best) || (this == MIN ? candidate < best : candidate > best);
    }
}
