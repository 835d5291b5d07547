package org.sdzoo.zoo.task;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Class-id labels: checked in Java with vectorised ops before the graph turns them one-hot. */
final class ClassIds {

    private ClassIds() {
    }

    /**
     * @param labels class ids of any shape (integers in [0, numClasses), stored in any type)
     * @param mask   1 where a label counts, or null; ids where it is 0 are not checked (padding)
     * @return the ids in {@code type}
     * @throws IllegalArgumentException naming the first bad id and its position
     */
    static INDArray checked(INDArray labels, INDArray mask, int numClasses, DataType type) {
        INDArray ids = labels.castTo(DataType.DOUBLE);
        // NaN fails the integer test: NaN != floor(NaN)
        INDArray bad = ids.lt(0).castTo(DataType.DOUBLE).addi(ids.gte(numClasses).castTo(DataType.DOUBLE))
                .addi(ids.neq(Transforms.floor(ids, true)).castTo(DataType.DOUBLE));
        if (mask != null) {
            bad.muli(mask.castTo(DataType.DOUBLE).reshape(ids.shape()).neq(0).castTo(DataType.DOUBLE));
        }
        if (bad.length() > 0 && bad.maxNumber().doubleValue() > 0) {
            long flat = Nd4j.argMax(bad.reshape(-1), 0).getLong(0);
            long[] at = Shape.ind2subC(ids.shape(), flat);
            throw new IllegalArgumentException("label " + ids.reshape(-1).getDouble(flat) + " at " + Arrays.toString(at)
                    + " is not a class id in [0, " + numClasses + "): labels must be 0-based class ids, and a model"
                    + " of " + numClasses + " classes cannot learn more (train a new one for data with more classes)");
        }
        return labels.castTo(type);
    }
}
