package org.sdzoo.zoo.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fraction of counted labels whose largest score is the labelled class, accumulated as
 * correct and counted totals.
 */
public final class Accuracy implements Metric {

    /** The metric's name. */
    public static final String NAME = "accuracy";

    private final String name;
    private double correct;
    private double total;

    /** Named {@value #NAME}. */
    public Accuracy() {
        this(NAME);
    }

    /** @param name e.g. {@code token_accuracy} for the fraction of real (unpadded) tokens predicted right */
    public Accuracy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * Reads scores {@code [..., C]} (logits or probabilities), class ids {@code [...]} and the
     * mask {@code [...]} or null.
     */
    @Override
    public void update(MetricBatch batch) {
        INDArray scores = batch.predictions();
        INDArray predicted = Nd4j.argMax(scores, scores.rank() - 1).castTo(DataType.DOUBLE);       // [...]
        INDArray ids = batch.labels().castTo(DataType.DOUBLE).reshape(predicted.shape());
        INDArray hits = predicted.eq(ids).castTo(DataType.DOUBLE);
        if (batch.mask() == null) {
            correct += hits.sumNumber().doubleValue();
            total += hits.length();
        } else {
            INDArray m = batch.mask().castTo(DataType.DOUBLE).reshape(hits.shape());
            correct += hits.muli(m).sumNumber().doubleValue();
            total += m.sumNumber().doubleValue();
        }
    }

    @Override
    public void merge(Metric other) {
        Accuracy o = Metric.sameKind(this, other, Accuracy.class);
        correct += o.correct;
        total += o.total;
    }

    @Override
    public double result() {
        return total == 0 ? Double.NaN : correct / total;
    }
}
