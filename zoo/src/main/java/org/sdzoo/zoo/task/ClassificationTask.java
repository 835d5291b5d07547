package org.sdzoo.zoo.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.metrics.Metrics;

/**
 * Classification of the model's primary output, logits {@code [B, C]}, against class ids
 * {@code [B]} (or one-hot rows {@code [B, C]}). Loss: mean softmax cross-entropy. Metrics:
 * {@code loss}, {@code accuracy}.
 */
public final class ClassificationTask implements Task {

    /** One-hot label placeholder, {@code [B, C]}. */
    public static final String LABELS = "labels";

    private final int numClasses;

    public ClassificationTask(int numClasses) {
        this.numClasses = org.sdzoo.zoo.config.Require.positive("numClasses", numClasses);
    }

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public List<String> labelNames() {
        return List.of(LABELS);
    }

    @Override
    public String defaultMonitor() {
        return "accuracy";
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        if (Task.alreadyAttached(sd, LABELS, name())) {
            return;
        }
        SDVariable labels = sd.placeHolder(LABELS, model.dataType(), -1, numClasses);
        Losses.softmaxCrossEntropy(LOSS, model.primaryOutput(), labels);
    }

    @Override
    public Map<String, INDArray> labelPlaceholders(ZooModel model, INDArray[] labels) {
        if (labels.length != 1) {
            throw new IllegalArgumentException("classification takes one label array but the data has " + labels.length);
        }
        return Map.of(LABELS, oneHot(classIds(labels[0])).castTo(model.dataType()));
    }

    @Override
    public Map<String, Double> metrics(INDArray predictions, INDArray labels) {
        INDArray classes = classIds(labels);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOSS, Metrics.crossEntropy(predictions, classes));
        m.put("accuracy", Metrics.accuracy(predictions, classes));
        return m;
    }

    /** Accepts class ids {@code [B]} / {@code [B, 1]} or one-hot {@code [B, C]}; returns ids {@code [B]}. */
    private INDArray classIds(INDArray labels) {
        if (labels.rank() == 2 && labels.size(1) == numClasses && numClasses > 1) {
            return Nd4j.argMax(labels, 1).castTo(DataType.LONG);
        }
        if (labels.rank() == 1 || (labels.rank() == 2 && labels.size(1) == 1)) {
            INDArray ids = labels.reshape(labels.length()).castTo(DataType.LONG);
            for (long i = 0; i < ids.length(); i++) {
                long c = ids.getLong(i);
                if (c < 0 || c >= numClasses) {
                    throw new IllegalArgumentException("label " + c + " at row " + i + " is outside [0, " + numClasses
                            + "): labels must be 0-based class ids");
                }
            }
            return ids;
        }
        throw new IllegalArgumentException("labels must be class ids [B] or one-hot [B, " + numClasses + "], not "
                + java.util.Arrays.toString(labels.shape()));
    }

    private INDArray oneHot(INDArray ids) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, ids.length(), numClasses);
        for (long i = 0; i < ids.length(); i++) {
            out.putScalar(i, ids.getLong(i), 1.0);
        }
        return out;
    }
}
