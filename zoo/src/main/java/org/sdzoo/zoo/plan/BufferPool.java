package org.sdzoo.zoo.plan;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The arrays of an {@link ExecutionPlan}'s intermediates that nothing reads any more, by data type
 * and length: a later op's output of the same type and length takes one (as a view in its own
 * shape) instead of a new allocation. A plan then needs about as many buffers as are alive at
 * once, not one per op.
 *
 * <p>Arrays come out with the values their last owner left: an op must write all of its output,
 * which the plan's self-check (its outputs equal the session's) tests at planning.
 */
final class BufferPool {

    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    /** arrays handed out → the allocation they view */
    private final Map<INDArray, INDArray> allocationOf = new IdentityHashMap<>();
    private long reused;

    /**
     * @return a c-order array of {@code d}'s shape and type: a view of a released allocation of the
     *         same type and length when there is one, else a new zero-filled array
     */
    INDArray take(LongShapeDescriptor d) {
        if (d.getOrder() != 'c' || d.isEmpty()) {
            return Nd4j.create(d, true);
        }
        ArrayDeque<INDArray> same = free.get(key(d.dataType(), ArrayUtil.prodLong(d.getShape())));
        INDArray allocation;
        if (same != null && !same.isEmpty()) {
            reused++;
            allocation = same.pop();
        } else {
            allocation = Nd4j.create(d, true);
        }
        INDArray array = allocation.reshape('c', d.getShape());
        allocationOf.put(array, allocation);
        return array;
    }

    /**
     * Gives back an array {@link #take} handed out, once nothing reads it any more: a later
     * {@code take} may hand its allocation out again. Other arrays are ignored.
     */
    void release(INDArray array) {
        INDArray allocation = allocationOf.remove(array);
        if (allocation != null) {
            free.computeIfAbsent(key(allocation.dataType(), allocation.length()), k -> new ArrayDeque<>())
                    .push(allocation);
        }
    }

    /** @return how many outputs took a released allocation instead of a new one */
    long reused() {
        return reused;
    }

    private static String key(DataType type, long length) {
        return type + "/" + length;
    }
}
