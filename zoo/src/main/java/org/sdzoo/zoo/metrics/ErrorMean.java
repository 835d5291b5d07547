package org.sdzoo.zoo.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared or absolute error of predictions against targets of the same shape, over the
 * elements the mask keeps, accumulated as a sum and a count in double precision.
 */
public final class ErrorMean implements Metric {

    /** The error of one element. */
    public enum Kind {
        /** {@code (p - t)²}, named {@code mse}. */
        SQUARED("mse"),
        /** {@code |p - t|}, named {@code mae}. */
        ABSOLUTE("mae");

        private final String metricName;

        Kind(String metricName) {
            this.metricName = metricName;
        }
    }

    private final Kind kind;
    private double sum;
    private double count;

    public ErrorMean(Kind kind) {
        this.kind = kind;
    }

    /** @return a fresh {@code mse} accumulator */
    public static ErrorMean mse() {
        return new ErrorMean(Kind.SQUARED);
    }

    /** @return a fresh {@code mae} accumulator */
    public static ErrorMean mae() {
        return new ErrorMean(Kind.ABSOLUTE);
    }

    @Override
    public String name() {
        return kind.metricName;
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    /** Reads predictions and labels of one shape, and the mask (that shape, or null). */
    @Override
    public void update(MetricBatch batch) {
        INDArray p = batch.predictions();
        INDArray t = batch.labels();
        if (!Arrays.equals(p.shape(), t.shape())) {
            throw new IllegalArgumentException("prediction has shape " + Arrays.toString(p.shape())
                    + " but target has shape " + Arrays.toString(t.shape()) + ": they must match");
        }
        INDArray d = p.castTo(DataType.DOUBLE).sub(t.castTo(DataType.DOUBLE));
        INDArray e = kind == Kind.SQUARED ? d.muli(d) : Transforms.abs(d, false);
        if (batch.mask() == null) {
            sum += e.sumNumber().doubleValue();
            count += e.length();
        } else {
            INDArray m = batch.mask().castTo(DataType.DOUBLE).reshape(e.shape());
            sum += e.muli(m).sumNumber().doubleValue();
            count += m.sumNumber().doubleValue();
        }
    }

    @Override
    public void merge(Metric other) {
        ErrorMean o = Metric.sameKind(this, other, ErrorMean.class);
        sum += o.sum;
        count += o.count;
    }

    @Override
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }
}
