package org.sdzoo.zoo.metrics;

import java.util.Arrays;
import java.util.function.ToDoubleBiFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link Ranking} metric as an accumulator: keeps the counted scores and 0/1 labels of every
 * batch (only those under the mask) and ranks them once in {@link #result()}. NaN when nothing
 * was counted or one class is absent.
 */
public final class RankingMetric implements Metric {

    /** The name of the ROC AUC metric. */
    public static final String ROC_AUC = "roc_auc";
    /** The name of the average-precision metric. */
    public static final String AVERAGE_PRECISION = "average_precision";

    private final String name;
    private final ToDoubleBiFunction<double[], double[]> measure;
    private double[] scores = new double[0];
    private double[] labels = new double[0];
    private int size;

    private RankingMetric(String name, ToDoubleBiFunction<double[], double[]> measure) {
        this.name = name;
        this.measure = measure;
    }

    /** @return an accumulator of {@link Ranking#rocAuc} */
    public static RankingMetric rocAuc() {
        return new RankingMetric(ROC_AUC, Ranking::rocAuc);
    }

    /** @return an accumulator of {@link Ranking#averagePrecision} */
    public static RankingMetric averagePrecision() {
        return new RankingMetric(AVERAGE_PRECISION, Ranking::averagePrecision);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /** Reads scores of any shape, 0/1 labels of the same shape, and the mask of that shape or null. */
    @Override
    public void update(MetricBatch batch) {
        double[] s = flat(batch.predictions());
        double[] l = flat(batch.labels());
        double[] m = batch.mask() == null ? null : flat(batch.mask());
        if (l.length != s.length || (m != null && m.length != s.length)) {
            throw new IllegalArgumentException(name + " needs scores, labels and mask of one shape but got "
                    + Arrays.toString(batch.predictions().shape()) + ", " + Arrays.toString(batch.labels().shape())
                    + (m == null ? "" : " and " + Arrays.toString(batch.mask().shape())));
        }
        for (int i = 0; i < s.length; i++) {
            if (m == null || m[i] != 0) {
                add(s[i], l[i]);
            }
        }
    }

    private void add(double score, double label) {
        if (size == scores.length) {
            scores = Arrays.copyOf(scores, Math.max(16, 2 * size));
            labels = Arrays.copyOf(labels, scores.length);
        }
        scores[size] = score;
        labels[size++] = label;
    }

    @Override
    public void merge(Metric other) {
        RankingMetric o = Metric.sameKind(this, other, RankingMetric.class);
        for (int i = 0; i < o.size; i++) {
            add(o.scores[i], o.labels[i]);
        }
    }

    @Override
    public double result() {
        double[] l = Arrays.copyOf(labels, size);
        double positives = Arrays.stream(l).sum();
        if (positives == 0 || positives == size) {
            return Double.NaN;
        }
        return measure.applyAsDouble(Arrays.copyOf(scores, size), l);
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
