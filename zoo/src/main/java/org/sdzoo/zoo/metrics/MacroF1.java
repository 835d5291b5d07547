package org.sdzoo.zoo.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN), from confusion counts
 * accumulated over batches (rows: true class, columns: predicted class). Classes that neither
 * occur nor are predicted are left out, as scikit-learn's {@code f1_score(average="macro")} does.
 */
public final class MacroF1 implements Metric {

    /** The metric's name. */
    public static final String NAME = "macro_f1";

    private final int numClasses;
    private final INDArray counts;

    public MacroF1(int numClasses) {
        this.numClasses = numClasses;
        this.counts = Nd4j.zeros(DataType.DOUBLE, numClasses, numClasses);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    /**
     * Reads scores {@code [..., C]}, class ids {@code [...]} and the mask {@code [...]} or null;
     * ids under a 0 mask are not read.
     */
    @Override
    public void update(MetricBatch batch) {
        INDArray scores = batch.predictions();
        long[] predicted = Nd4j.argMax(scores, scores.rank() - 1).reshape(-1).toLongVector();
        INDArray ids = batch.labels().castTo(DataType.DOUBLE).reshape(-1);
        INDArray weight = batch.mask() == null ? Nd4j.ones(DataType.DOUBLE, ids.length(), 1)
                : batch.mask().castTo(DataType.DOUBLE).reshape(-1, 1);
        long[] truth = ids.mul(weight.reshape(-1)).toLongVector();          // masked-out ids read as class 0, weight 0
        INDArray eye = Nd4j.eye(numClasses).castTo(DataType.DOUBLE);
        INDArray trueRows = eye.get(NDArrayIndex.indices(truth), NDArrayIndex.all());         // [M, C]
        INDArray predictedRows = eye.get(NDArrayIndex.indices(predicted), NDArrayIndex.all()).muli(weight);
        counts.addi(trueRows.transpose().mmul(predictedRows));                                // [C, C]
    }

    @Override
    public void merge(Metric other) {
        counts.addi(Metric.sameKind(this, other, MacroF1.class).counts);
    }

    @Override
    public double result() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < numClasses; c++) {
            double tp = counts.getDouble(c, c);
            double fn = counts.getRow(c).sumNumber().doubleValue() - tp;
            double fp = counts.getColumn(c).sumNumber().doubleValue() - tp;
            if (tp + fp + fn > 0) {
                sum += 2 * tp / (2 * tp + fp + fn);
                classes++;
            }
        }
        return classes == 0 ? Double.NaN : sum / classes;
    }
}
