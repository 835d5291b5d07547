package org.sdzoo.zoo.task;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Accuracy;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;
import org.sdzoo.zoo.metrics.Perplexity;

/**
 * Next-token prediction with teacher forcing (sequence-to-sequence and language models): logits
 * {@code [B, T, V]}, target ids {@code [B, T]} (the target shifted left of the decoder's input), a
 * labels mask {@code [B, T]} that is 0 at padding. The loss is {@link MaskedClassificationTask}'s
 * padding-aware cross-entropy with optional label smoothing; the metrics are {@code loss},
 * {@value #TOKEN_ACCURACY} and {@value Perplexity#NAME} over the real tokens. A batch weighs as
 * many as its real tokens.
 */
public final class TokenTask implements Task {

    /** The fraction of real target tokens whose top score is right. */
    public static final String TOKEN_ACCURACY = "token_accuracy";

    private final MaskedClassificationTask tokens;

    /**
     * @param vocabSize      V
     * @param labelSmoothing ε in [0, 1) (the Annotated Transformer uses 0.1)
     */
    public TokenTask(int vocabSize, double labelSmoothing) {
        this.tokens = new MaskedClassificationTask(vocabSize, labelSmoothing);
    }

    @Override
    public String name() {
        return "token-cross-entropy";
    }

    @Override
    public List<String> labelNames() {
        return tokens.labelNames();
    }

    @Override
    public List<String> maskNames() {
        return tokens.maskNames();
    }

    @Override
    public String defaultMonitor() {
        return LOSS;
    }

    @Override
    public void attachLoss(ZooModel model) {
        tokens.attachLoss(model);
    }

    @Override
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        return tokens.feed(model, batch);
    }

    @Override
    public double weight(MultiDataSet batch) {
        return tokens.weight(batch);
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS), new Accuracy(TOKEN_ACCURACY), new Perplexity());
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss) {
        return tokens.metricBatch(batch, prediction, loss);
    }
}
