package org.sdzoo.zoo.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Metrics as pure functions of whole arrays, computed in double precision, for one-off
 * measurements (a test set's MSE). Evaluation over batches uses the {@link Metric} accumulators;
 * losses come from the graph. Shapes must match exactly (except where said); a mismatch names
 * both shapes.
 */
public final class Metrics {

    private Metrics() {
    }

    /** Mean squared error; {@code prediction} and {@code target} have the same shape. */
    public static double mse(INDArray prediction, INDArray target) {
        INDArray d = difference(prediction, target);
        return d.mul(d).meanNumber().doubleValue();
    }

    /** Mean absolute error. */
    public static double mae(INDArray prediction, INDArray target) {
        return Transforms.abs(difference(prediction, target), false).meanNumber().doubleValue();
    }

    /**
     * Fraction of rows whose largest score is the target class.
     *
     * @param scores  {@code [B, C]} logits or probabilities
     * @param classes {@code [B]} class ids
     */
    public static double accuracy(INDArray scores, INDArray classes) {
        requireClassShapes(scores, classes);
        if (scores.size(0) == 0) {
            return Double.NaN;
        }
        INDArray predicted = Nd4j.argMax(scores, 1).castTo(DataType.LONG);
        return predicted.eq(classes.castTo(DataType.LONG).reshape(predicted.shape())).castTo(DataType.DOUBLE)
                .meanNumber().doubleValue();
    }

    private static INDArray difference(INDArray prediction, INDArray target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("prediction has shape " + Arrays.toString(prediction.shape())
                    + " but target has shape " + Arrays.toString(target.shape()) + ": they must match");
        }
        return prediction.castTo(DataType.DOUBLE).sub(target.castTo(DataType.DOUBLE));
    }

    private static void requireClassShapes(INDArray scores, INDArray classes) {
        if (scores.rank() != 2 || classes.length() != scores.size(0)) {
            throw new IllegalArgumentException("scores must be [B, C] and classes [B], but got "
                    + Arrays.toString(scores.shape()) + " and " + Arrays.toString(classes.shape()));
        }
        for (long i = 0; i < classes.length(); i++) {
            long c = classes.getLong(i);
            if (c < 0 || c >= scores.size(1)) {
                throw new IllegalArgumentException("class id " + c + " at row " + i + " is outside [0, "
                        + scores.size(1) + "): labels must be 0-based class indices");
            }
        }
    }
}
