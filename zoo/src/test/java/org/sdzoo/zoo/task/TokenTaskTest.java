package org.sdzoo.zoo.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.Perplexity;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;

/** Label-smoothed, padding-aware token cross-entropy against a hand computation, and its metrics. */
class TokenTaskTest {

    private static final double[][][] LOGITS = {{{1, 2, 0.5}, {0, 0, 3}}, {{2, -1, 0}, {0.3, 0.2, 0.1}}};
    private static final double[][] IDS = {{1, 2}, {1, 1}};
    private static final double[][] MASK = {{1, 1}, {1, 0}};

    /** {@code torch.nn.functional.cross_entropy(logits, ids, label_smoothing=eps)} over the unmasked tokens. */
    private static double expected(double eps, boolean smoothed) {
        double sum = 0;
        int n = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 2; t++) {
                if (MASK[b][t] == 0) {
                    continue;
                }
                double[] z = LOGITS[b][t];
                double lse = Math.log(Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]));
                double loss = 0;
                for (int c = 0; c < 3; c++) {
                    double target = (c == IDS[b][t] ? 1 - eps : 0) + (smoothed ? eps / 3 : 0);
                    loss += target * (lse - z[c]);
                }
                sum += loss;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void lossIsPyTorchsLabelSmoothedCrossEntropyAndMetricsCountRealTokens() {
        SameDiff sd = SameDiff.create();
        sd.var("logits", Nd4j.createFromArray(LOGITS));
        ZooModel model = new ZooModel(KernelRegressionConfig.builder().numFeatures(1).precision(Precision.FLOAT64).build(),
                sd, List.of(), List.of(), List.of(new TensorSpec("logits", "[B, T, V]", -1, -1, 3)), m -> m);
        TokenTask task = new TokenTask(3, 0.1);
        task.attachLoss(model);
        MultiDataSet batch = new MultiDataSet(new INDArray[0], new INDArray[] {Nd4j.createFromArray(IDS)}, null,
                new INDArray[] {Nd4j.createFromArray(MASK)});
        Map<String, INDArray> feed = new HashMap<>(task.feed(model, batch));
        double loss = sd.output(feed, Task.LOSS).get(Task.LOSS).getDouble(0);
        assertEquals(expected(0.1, true), loss, 1e-12);
        assertEquals(3.0, task.weight(batch));
        List<Metric> metrics = task.newMetrics();
        metrics.forEach(m -> m.update(task.metricBatch(batch, Nd4j.createFromArray(LOGITS), loss)));
        Map<String, Double> r = Evaluator.results(metrics);
        assertEquals(Math.exp(expected(0, false)), r.get(Perplexity.NAME), 1e-12);
        assertEquals(2.0 / 3, r.get(TokenTask.TOKEN_ACCURACY), 1e-12);   // argmax 1, 2, 0 vs ids 1, 2, 1
    }

    /**
     * Streamed over two batches of 2 and 1 real tokens, perplexity and token accuracy are those of
     * the three tokens together (weighted by tokens, not an average of the batches' values).
     */
    @Test
    void metricsStreamedOverBatchesEqualTheWholeSet() {
        TokenTask task = new TokenTask(3, 0.1);
        List<Metric> streamed = task.newMetrics();
        for (int row = 0; row < 2; row++) {
            INDArray logits = Nd4j.createFromArray(new double[][][] {LOGITS[row]});
            MultiDataSet batch = new MultiDataSet(new INDArray[0], new INDArray[] {Nd4j.createFromArray(
                    new double[][] {IDS[row]})}, null, new INDArray[] {Nd4j.createFromArray(new double[][] {MASK[row]})});
            streamed.forEach(m -> m.update(task.metricBatch(batch, logits, 0.5)));
        }
        Map<String, Double> r = Evaluator.results(streamed);
        assertEquals(Math.exp(expected(0, false)), r.get(Perplexity.NAME), 1e-12);
        assertEquals(2.0 / 3, r.get(TokenTask.TOKEN_ACCURACY), 1e-12);
    }
}
