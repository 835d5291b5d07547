package org.sdzoo.zoo.plan;

import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The block a {@code strided_slice} takes, read from its integer arguments as M2.1's
 * {@code StridedSlice} lays them out: {@code [beginMask, ellipsisMask, endMask, newAxisMask,
 * shrinkAxisMask, begin…, end…, strides…]}, one begin, end and stride per input axis.
 */
final class SliceBlock {

    private static final int MASKS = 5;

    private SliceBlock() {
    }

    /**
     * @param iArgs the op's integer arguments
     * @param shape the input's shape
     * @return one interval per axis, or null for a slice that is not a block of the input (a
     *         stride other than 1, an ellipsis, a new or a shrunk axis, arguments of another form)
     */
    static INDArrayIndex[] of(long[] iArgs, long[] shape) {
        int rank = shape.length;
        if (iArgs == null || iArgs.length != MASKS + 3 * rank || rank == 0) {
            return null;
        }
        long beginMask = iArgs[0];
        long endMask = iArgs[2];
        if (iArgs[1] != 0 || iArgs[3] != 0 || iArgs[4] != 0) {
            return null;
        }
        INDArrayIndex[] block = new INDArrayIndex[rank];
        for (int i = 0; i < rank; i++) {
            if (iArgs[MASKS + 2 * rank + i] != 1) {
                return null;
            }
            long begin = (beginMask >> i & 1) != 0 ? 0 : clamp(iArgs[MASKS + i], shape[i]);
            long end = (endMask >> i & 1) != 0 ? shape[i] : clamp(iArgs[MASKS + rank + i], shape[i]);
            if (end < begin) {
                return null;
            }
            block[i] = NDArrayIndex.interval(begin, end);
        }
        return block;
    }

    /** A negative position counts from the end; positions outside the axis are clamped to it. */
    private static long clamp(long position, long size) {
        long p = position < 0 ? position + size : position;
        return Math.max(0, Math.min(size, p));
    }
}
