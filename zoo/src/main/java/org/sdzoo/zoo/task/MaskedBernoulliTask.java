package org.sdzoo.zoo.task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Require;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;

/**
 * Many independent yes/no outputs per step, e.g. the 88 keys of a piano roll: logits
 * {@code [B, T, K]}, 0/1 targets {@code [B, T, K]}, a labels mask {@code [B, T]} (1 on real
 * steps; none = all count). The loss is the frame-wise negative log-likelihood of the TCN
 * paper's music experiments, {@code Σ_k −[y log σ(z) + (1−y) log(1−σ(z))]} summed over the keys
 * and averaged over the counted steps, which are the batch's weight. Built from primitives in
 * the stable form {@code max(z, 0) − y·z + log(1 + e^(−|z|))}.
 */
public final class MaskedBernoulliTask implements Task {

    /** Target placeholder, {@code [B, T, K]}. */
    public static final String LABELS = "labels";
    /** Step-mask placeholder, {@code [B, T]}. */
    public static final String LABELS_MASK = "labelsMask";

    private final int outputs;

    /** @param outputs K, the yes/no outputs per step (88 for piano rolls) */
    public MaskedBernoulliTask(int outputs) {
        this.outputs = Require.positive("outputs", outputs);
    }

    @Override
    public String name() {
        return "masked-bernoulli";
    }

    @Override
    public List<String> labelNames() {
        return List.of(LABELS);
    }

    @Override
    public List<String> maskNames() {
        return List.of(LABELS_MASK);
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        if (Task.alreadyAttached(sd, LABELS_MASK, name())) {
            return;
        }
        long[] logits = model.outputs().get(0).shape();
        if (logits.length != 3 || logits[2] != outputs) {
            throw new IllegalArgumentException("a per-step Bernoulli loss needs logits [B, T, " + outputs + "] but the"
                    + " model's '" + model.outputs().get(0).name() + "' is " + Arrays.toString(logits)
                    + ": use a per-step head with " + outputs + " outputs");
        }
        SDVariable y = sd.placeHolder(LABELS, model.dataType(), -1, -1, outputs);
        SDVariable mask = sd.placeHolder(LABELS_MASK, model.dataType(), -1, -1);
        SDVariable z = model.primaryOutput();                                                // [B, T, K]
        SDVariable nll = sd.nn.relu(z, 0).sub(y.mul(z))
                .add(sd.math.log(sd.math.exp(sd.math.abs(z).neg()).add(1.0)));               // [B, T, K]
        SDVariable perStep = nll.sum(2);                                                     // [B, T]
        perStep.mul(mask).sum().div(LOSS, mask.sum());
    }

    @Override
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        INDArray y = Task.singleLabels(batch, name(), "0/1 targets");
        if (y.rank() != 3 || y.size(2) != outputs) {
            throw new IllegalArgumentException("the targets have shape " + Arrays.toString(y.shape()) + " but [B, T, "
                    + outputs + "] 0/1 values were expected");
        }
        return Map.of(LABELS, y.castTo(model.dataType()), LABELS_MASK, mask(batch, y).castTo(model.dataType()));
    }

    @Override
    public double weight(MultiDataSet batch) {
        INDArray y = Task.singleLabels(batch, name(), "0/1 targets");
        return mask(batch, y).castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS));
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss) {
        INDArray y = Task.singleLabels(batch, name(), "0/1 targets");
        return new MetricBatch(prediction, y, mask(batch, y), loss, weight(batch));
    }

    /** @return the labels mask {@code [B, T]}, or all ones */
    private static INDArray mask(MultiDataSet batch, INDArray y) {
        INDArray mask = Task.singleLabelsMask(batch);
        if (mask == null) {
            return Nd4j.ones(DataType.DOUBLE, y.size(0), y.size(1));
        }
        if (mask.rank() != 2 || mask.size(0) != y.size(0) || mask.size(1) != y.size(1)) {
            throw new IllegalArgumentException("the labels mask has shape " + Arrays.toString(mask.shape())
                    + " but one 0/1 entry per step [" + y.size(0) + ", " + y.size(1) + "] was expected");
        }
        return mask;
    }
}
