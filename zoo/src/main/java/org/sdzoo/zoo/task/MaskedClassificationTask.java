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
import org.sdzoo.zoo.metrics.Accuracy;
import org.sdzoo.zoo.metrics.MacroF1;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;

/**
 * Classification where only some labels count: GCN's node splits (logits {@code [N, C]}, class ids
 * {@code [N]}, a train/val/test mask {@code [N]}) and token-level losses (logits {@code [B, T, C]},
 * ids {@code [B, T]}, a padding mask {@code [B, T]}). The mask is the batch's labels mask (1 = the
 * label counts); without one every label counts. Loss: softmax cross-entropy averaged over the
 * counted labels, which are also the batch's weight; with label smoothing ε the target of each
 * label is {@code (1-ε)·onehot + ε/C}, as {@code torch.nn.CrossEntropyLoss(label_smoothing=ε)}.
 * Metrics: {@code loss}, {@code accuracy},
 * {@code macro_f1}, all over the counted labels only; ids under a 0 mask may be anything (padding).
 */
public final class MaskedClassificationTask implements Task {

    /** Class-id label placeholder, the logits' shape without the class axis. */
    public static final String LABELS = "labels";
    /** Label-mask placeholder, the shape of {@link #LABELS}. */
    public static final String LABELS_MASK = "labelsMask";

    /** C; 0 until {@link #attachLoss} reads it from the model, for a task made by {@link #ofModelClasses()}. */
    private int numClasses;
    private final double labelSmoothing;

    public MaskedClassificationTask(int numClasses) {
        this(numClasses, 0);
    }

    /** @param labelSmoothing ε in [0, 1), PyTorch's {@code label_smoothing} */
    public MaskedClassificationTask(int numClasses, double labelSmoothing) {
        this.numClasses = Require.positive("numClasses", numClasses);
        this.labelSmoothing = Require.inRange("labelSmoothing", labelSmoothing, 0, 1);
    }

    /** @return ε */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    private MaskedClassificationTask() {
        this.numClasses = 0;
        this.labelSmoothing = 0;
    }

    /**
     * A task whose class count C is the width of the model's logits, read when the loss is
     * attached: for data whose classes are known only once it is read (a user's graph), where the
     * model, built for that data, is the one place that knows C. Attach it to one model before
     * asking for metrics or feeding it.
     */
    public static MaskedClassificationTask ofModelClasses() {
        return new MaskedClassificationTask();
    }

    /** @return C */
    public int numClasses() {
        if (numClasses == 0) {
            throw new IllegalStateException("this masked-classification task takes its class count from the model:"
                    + " attach it to a model (attachLoss) first");
        }
        return numClasses;
    }

    @Override
    public String name() {
        return "masked-classification";
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
    public String defaultMonitor() {
        return Accuracy.NAME;
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        long[] logits = model.outputs().get(0).shape();
        if (numClasses == 0 && logits.length >= 2 && logits[logits.length - 1] > 0) {
            numClasses = (int) logits[logits.length - 1];
        }
        if (Task.alreadyAttached(sd, LABELS_MASK, name())) {
            return;
        }
        if (logits.length < 2 || logits[logits.length - 1] != numClasses) {
            throw new IllegalArgumentException("masked classification needs logits [..., " + numClasses
                    + "] but the model's '" + model.outputs().get(0).name() + "' is " + Arrays.toString(logits)
                    + ": check numClasses");
        }
        long[] idsShape = new long[logits.length - 1];
        Arrays.fill(idsShape, -1);
        SDVariable ids = sd.placeHolder(LABELS, model.dataType(), idsShape);
        SDVariable mask = sd.placeHolder(LABELS_MASK, model.dataType(), idsShape);
        SDVariable flatIds = ids.reshape(-1).castTo(DataType.INT64);                                 // [M]
        SDVariable oneHot = sd.oneHot(flatIds, numClasses, -1, 1.0 - labelSmoothing + labelSmoothing / numClasses,
                labelSmoothing / numClasses, model.dataType());                                    // [M, C]
        Losses.maskedSoftmaxCrossEntropy(LOSS, model.primaryOutput().reshape(-1, numClasses), oneHot,
                mask.reshape(-1));
        // SameDiff infers the loss only when the graph has a single unconsumed output; a model with
        // several (GCN's logits and log_probabilities) needs it named.
        sd.setLossVariables(LOSS);
    }

    @Override
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        INDArray ids = Task.singleLabels(batch, name(), "class ids");
        INDArray mask = mask(batch, ids);
        return Map.of(LABELS, ClassIds.checked(ids, mask, numClasses(), model.dataType()),
                LABELS_MASK, mask.castTo(model.dataType()));
    }

    @Override
    public double weight(MultiDataSet batch) {
        INDArray ids = Task.singleLabels(batch, name(), "class ids");
        return mask(batch, ids).castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS), new Accuracy(), new MacroF1(numClasses()));
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss) {
        INDArray ids = Task.singleLabels(batch, name(), "class ids");
        return new MetricBatch(prediction, ids, mask(batch, ids), loss, weight(batch));
    }

    /** @return the labels mask, or all ones; its shape must be the ids' */
    private static INDArray mask(MultiDataSet batch, INDArray ids) {
        INDArray mask = Task.singleLabelsMask(batch);
        if (mask == null) {
            return Nd4j.ones(DataType.DOUBLE, ids.shape());
        }
        if (!Arrays.equals(mask.shape(), ids.shape())) {
            throw new IllegalArgumentException("the labels mask has shape " + Arrays.toString(mask.shape())
                    + " but the class ids have " + Arrays.toString(ids.shape()) + ": give one 0/1 entry per label");
        }
        INDArray m = mask.castTo(DataType.DOUBLE);
        if (m.length() > 0 && m.neq(0).castTo(DataType.DOUBLE).muli(m.neq(1).castTo(DataType.DOUBLE))
                .maxNumber().doubleValue() > 0) {
            throw new IllegalArgumentException("the labels mask holds values other than 0 and 1: use 1 where a label"
                    + " counts and 0 where it does not");
        }
        return mask;
    }
}
