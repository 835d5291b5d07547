package org.sdzoo.datasets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DataChecksTest {

    @Test
    void hugeFiniteValuesWhoseSumOverflowsStillPass() {
        DataChecks.requireFinite(Nd4j.createFromArray(1e308, 1e308, -5.0), "big");
        DataChecks.requireFinite(Nd4j.createFromArray(3e38f, 3e38f), "big float32");
    }

    @Test
    void zeroSizeArraysAreRefusedAndOneValueIsEnough() {
        for (long[] shape : new long[][] {{0, 1}, {1, 0}, {0}}) {
            INDArray empty = Nd4j.create(DataType.FLOAT, shape);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DataChecks.requireNonEmpty(empty, "input 'x'"));
            assertEquals("input 'x' has shape " + java.util.Arrays.toString(shape)
                    + " and holds no values: every dimension needs a size of at least 1.", e.getMessage());
        }
        assertDoesNotThrow(() -> DataChecks.requireNonEmpty(Nd4j.scalar(1f), "scalar"));
        assertDoesNotThrow(() -> DataChecks.requireNonEmpty(Nd4j.ones(1, 1), "one"));
    }

    @Test
    void finiteArraysPass() {
        assertDoesNotThrow(() -> DataChecks.requireFinite(Nd4j.rand(DataType.FLOAT, 3, 4), "features"));
        assertDoesNotThrow(() -> DataChecks.requireFinite(Nd4j.createFromArray(1, 2, 3), "ids"));
    }

    @Test
    void firstNanIsLocated() {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        a.putScalar(new long[] {1, 2}, Double.NaN);
        a.putScalar(new long[] {2, 0}, Double.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataChecks.requireFinite(a, "features"));
        assertTrue(e.getMessage().startsWith("features contains NaN at index [1, 2] (the first of 2 non-finite values);"),
                e.getMessage());
        assertTrue(e.getMessage().contains("clean the data"), e.getMessage());
    }

    @Test
    void infinityInAViewIsLocatedInViewCoordinates() {
        INDArray a = Nd4j.zeros(DataType.FLOAT, 4, 3);
        a.putScalar(new long[] {3, 1}, Float.NEGATIVE_INFINITY);
        INDArray column = a.getColumn(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataChecks.requireFinite(column, "y"));
        assertTrue(e.getMessage().startsWith("y contains -Infinity at index [3];"), e.getMessage());
    }

    @Test
    void aViewIsJudgedByItsOwnElementsOnly() {
        INDArray buffer = Nd4j.createFromArray(1f, Float.NaN, 3f, Float.POSITIVE_INFINITY);
        assertDoesNotThrow(() -> DataChecks.requireFinite(buffer.get(NDArrayIndex.interval(0, 1)), "head"));
        assertDoesNotThrow(() -> DataChecks.requireFinite(buffer.get(NDArrayIndex.interval(2, 3)), "middle"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataChecks.requireFinite(buffer.get(NDArrayIndex.interval(2, 4)), "tail"));
        assertTrue(e.getMessage().startsWith("tail contains Infinity at index [1];"), e.getMessage());
    }

    @Test
    void smallAndLargeArraysFindTheSameFirstNan() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (long n : new long[] {10, 100_000}) {
                INDArray a = Nd4j.ones(type, n);
                a.putScalar(n - 3, Double.NaN);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> DataChecks.requireFinite(a, "x"));
                assertTrue(e.getMessage().startsWith("x contains NaN at index [" + (n - 3) + "];"), e.getMessage());
            }
        }
    }

    @Test
    void shapeWithWildcards() {
        INDArray a = Nd4j.zeros(3, 4);
        assertDoesNotThrow(() -> DataChecks.requireShape(a, "x", -1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataChecks.requireShape(a, "labels", -1, 1));
        assertTrue(e.getMessage().startsWith("labels has shape [3, 4] but [?, 1] was expected: "), e.getMessage());
        IllegalArgumentException fix = assertThrows(IllegalArgumentException.class,
                () -> DataChecks.requireShape(a, "labels", "reshape labels to [N, 1].", -1, 1));
        assertEquals("labels has shape [3, 4] but [?, 1] was expected: reshape labels to [N, 1].", fix.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> DataChecks.requireShape(a, "x", 3));
        assertTrue(rank.getMessage().contains("[3, 4] but [3] was expected"), rank.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DataChecks.requireShape(null, "x", 3));
        assertTrue(none.getMessage().startsWith("x is null"), none.getMessage());
    }
}
