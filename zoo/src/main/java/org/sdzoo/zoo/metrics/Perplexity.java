package org.sdzoo.zoo.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code exp} of the mean negative log-likelihood per counted token, accumulated as the summed
 * log-likelihood and the token count. It reads the scores, not the graph's loss, because a loss
 * with label smoothing is not the likelihood.
 */
public final class Perplexity implements Metric {

    /** The metric's name. */
    public static final String NAME = "perplexity";

    private double negativeLogLikelihood;
    private double tokens;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    /** Reads logits {@code [..., V]}, ids {@code [...]} and the mask {@code [...]} or null. */
    @Override
    public void update(MetricBatch batch) {
        INDArray scores = batch.predictions();
        long v = scores.size(scores.rank() - 1);
        INDArray logits = scores.castTo(DataType.DOUBLE).reshape(-1, v);                          // [M, V]
        INDArray max = logits.max(true, 1);                                                        // [M, 1]
        INDArray logSumExp = Transforms.log(Transforms.exp(logits.sub(max)).sum(true, 1)).addi(max); // [M, 1]
        double[] ids = batch.labels().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] mask = batch.mask() == null ? null : batch.mask().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (int i = 0; i < ids.length; i++) {
            double m = mask == null ? 1 : mask[i];
            if (m != 0) {
                negativeLogLikelihood += m * (logSumExp.getDouble(i, 0) - logits.getDouble(i, (long) ids[i]));
                tokens += m;
            }
        }
    }

    @Override
    public void merge(Metric other) {
        Perplexity o = Metric.sameKind(this, other, Perplexity.class);
        negativeLogLikelihood += o.negativeLogLikelihood;
        tokens += o.tokens;
    }

    @Override
    public double result() {
        return tokens == 0 ? Double.NaN : Math.exp(negativeLogLikelihood / tokens);
    }
}
