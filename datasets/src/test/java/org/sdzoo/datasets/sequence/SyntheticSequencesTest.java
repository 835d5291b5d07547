package org.sdzoo.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SyntheticSequencesTest {

    @Test
    void addingProblemMarksTwoPositionsAndSumsThem() {
        SequenceData d = AddingProblem.generate(50, 13, 7, DataType.DOUBLE);
        assertArrayEquals(new long[] {50, 2, 13}, d.features().shape());
        assertArrayEquals(new long[] {50, 1}, d.labels().shape());
        for (int b = 0; b < 50; b++) {
            INDArray values = d.features().get(NDArrayIndex.point(b), NDArrayIndex.point(0), NDArrayIndex.all());
            INDArray marks = d.features().get(NDArrayIndex.point(b), NDArrayIndex.point(1), NDArrayIndex.all());
            assertEquals(2.0, marks.sumNumber().doubleValue(), "two distinct marked positions");
            assertEquals(d.labels().getDouble(b, 0), values.mul(marks).sumNumber().doubleValue(), 1e-12);
            assertTrue(values.minNumber().doubleValue() >= 0 && values.maxNumber().doubleValue() < 1);
        }
        assertEquals(d.features(), AddingProblem.generate(50, 13, 7, DataType.DOUBLE).features(), "same seed");
        assertNotEquals(d.features(), AddingProblem.generate(50, 13, 8, DataType.DOUBLE).features());
    }

    @Test
    void addingProblemMeanBaselineIsOneSixth() {
        SequenceData d = AddingProblem.generate(20_000, 2, 1, DataType.DOUBLE);
        double mse = d.labels().sub(1.0).norm2Number().doubleValue();
        assertEquals(AddingProblem.MEAN_BASELINE_MSE, mse * mse / 20_000, 0.005);
        assertThrows(IllegalArgumentException.class, () -> AddingProblem.generate(3, 1, 1, DataType.DOUBLE));
    }

    @Test
    void copyMemoryAsksForTheDigitsAfterTheMarker() {
        int blank = 6;
        int memory = 3;
        SequenceData d = CopyMemory.generate(4, blank, memory, 3, DataType.DOUBLE);
        int length = blank + 2 * memory;
        assertArrayEquals(new long[] {4, 1, length}, d.features().shape());
        assertArrayEquals(new long[] {4, length}, d.labels().shape());
        for (int b = 0; b < 4; b++) {
            double[] x = d.features().get(NDArrayIndex.point(b), NDArrayIndex.point(0), NDArrayIndex.all())
                    .toDoubleVector();
            double[] y = d.labels().getRow(b).toDoubleVector();
            for (int i = 0; i < memory; i++) {
                assertTrue(x[i] >= 1 && x[i] <= 8, "digits 1-8");
                assertEquals(x[i], y[memory + blank + i], "recalled in order at the end");
            }
            for (int i = memory; i < memory + blank - 1; i++) {
                assertEquals(0, x[i], "blank");
            }
            for (int i = memory + blank - 1; i < length; i++) {
                assertEquals(CopyMemory.MARKER, x[i], "markers from step M + T - 1");
            }
            for (int i = 0; i < memory + blank; i++) {
                assertEquals(0, y[i], "blank targets before recall");
            }
        }
        assertEquals(10 * Math.log(8) / 1020, CopyMemory.guessingBaseline(1000, 10), 1e-15);
    }
}
