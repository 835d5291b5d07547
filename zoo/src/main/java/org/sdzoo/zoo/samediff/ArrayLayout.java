package org.sdzoo.zoo.samediff;

import org.nd4j.linalg.api.ndarray.INDArray;

/** How an array's elements lie in its buffer, where ND4J's own flags say less than they could. */
public final class ArrayLayout {

    private ArrayLayout() {
    }

    /**
     * @return whether {@code a}'s elements lie in its buffer in c order without gaps. Dimensions
     *         of size 1 may have any stride: M2.1's {@code Shape.hasDefaultStridesForShape} says
     *         false for every array with one (an {@code im2col} output {@code [1, C, 1, K, B, T]},
     *         a {@code [C, 1]} bias), which made their reshapes copy.
     */
    public static boolean cContiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1) {
                if (stride[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
        }
        return true;
    }
}
