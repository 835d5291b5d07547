package org.sdzoo.zoo.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Metrics as pure functions of predictions and targets, computed in double precision.
 * Shapes must match exactly (except where said); a mismatch names both shapes.
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

    /** Half the summed squared error, {@code Σ (p - t)² / 2} (d2l's kernel-regression loss). */
    public static double halfSumSquaredError(INDArray prediction, INDArray target) {
        INDArray d = difference(prediction, target);
        return d.mul(d).sumNumber().doubleValue() / 2;
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

    /**
     * Mean cross-entropy of softmax(logits) against the target classes, max-shifted for stability.
     *
     * @param logits  {@code [B, C]}
     * @param classes {@code [B]} class ids
     */
    public static double crossEntropy(INDArray logits, INDArray classes) {
        requireClassShapes(logits, classes);
        INDArray x = logits.castTo(DataType.DOUBLE);
        INDArray shifted = x.subColumnVector(x.max(1).reshape(-1, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(1), false);
        double total = 0;
        for (long i = 0; i < x.size(0); i++) {
            total += logSumExp.getDouble(i) - shifted.getDouble(i, classes.getLong(i));
        }
        return total / x.size(0);
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
