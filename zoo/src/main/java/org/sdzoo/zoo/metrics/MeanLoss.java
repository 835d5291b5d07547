package org.sdzoo.zoo.metrics;

/**
 * The graph's loss over an epoch: each batch's loss weighted by what it averages over
 * ({@link MetricBatch#weight}), so batches of different sizes or with different numbers of
 * masked nodes or real tokens count as if the epoch were one batch.
 */
public final class MeanLoss implements Metric {

    private final String name;
    private double weightedSum;
    private double weight;

    /** @param name the loss's name, e.g. {@code loss} */
    public MeanLoss(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public void update(MetricBatch batch) {
        add(batch.loss(), batch.weight());
    }

    /** Adds one batch's loss and weight; a batch of weight 0 (nothing to average) is skipped. */
    public void add(double loss, double batchWeight) {
        if (batchWeight > 0) {
            weightedSum += loss * batchWeight;
            weight += batchWeight;
        }
    }

    @Override
    public void merge(Metric other) {
        MeanLoss o = Metric.sameKind(this, other, MeanLoss.class);
        weightedSum += o.weightedSum;
        weight += o.weight;
    }

    @Override
    public double result() {
        return weight == 0 ? Double.NaN : weightedSum / weight;
    }
}
