package org.sdzoo.zoo.metrics;

/**
 * One metric as an accumulator: {@link #update} with each batch, {@link #merge} partial results
 * (e.g. of parallel evaluations), and read {@link #result} once at the end. Nothing of an epoch is
 * kept but the sums and counts the metric needs, so batches may differ in length and an epoch's
 * outputs are never concatenated. A ranking metric (AUC, AP) keeps its scores and labels the same
 * way.
 */
public interface Metric {

    /** @return the name in histories and results, e.g. {@code accuracy} */
    String name();

    /** @return true when a larger value is better (accuracy), false when smaller is (losses, errors) */
    boolean higherIsBetter();

    /** Adds one batch. */
    void update(MetricBatch batch);

    /**
     * Adds the batches {@code other} has seen.
     *
     * @throws IllegalArgumentException when {@code other} is another kind of metric
     */
    void merge(Metric other);

    /** @return the metric over every batch seen, or NaN when nothing was counted */
    double result();

    /** Casts {@code other} for {@link #merge}, or says why it cannot be merged. */
    static <M extends Metric> M sameKind(Metric self, Metric other, Class<M> type) {
        if (!type.isInstance(other) || !self.name().equals(other.name())) {
            throw new IllegalArgumentException("cannot merge metric '" + other.name() + "' into '" + self.name()
                    + "': merge accumulators made by the same task");
        }
        return type.cast(other);
    }
}
