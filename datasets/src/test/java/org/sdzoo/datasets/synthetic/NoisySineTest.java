package org.sdzoo.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NoisySineTest {

    @Test
    void truthIsTwoSinePlusPower() {
        assertEquals(0.0, NoisySine.truth(0.0));
        assertEquals(2 * Math.sin(1) + 1, NoisySine.truth(1.0), 1e-15);
        assertEquals(2 * Math.sin(4) + Math.pow(4, 0.8), NoisySine.truth(4.0), 1e-15);
        INDArray t = NoisySine.truth(Nd4j.createFromArray(new double[][] {{0}, {1}}));
        assertArrayEquals(new long[] {2, 1}, t.shape());
        assertEquals(NoisySine.truth(1.0), t.getDouble(1, 0));
    }

    @Test
    void generateIsSortedDeterministicAndShaped() {
        NoisySine.Regression1D a = NoisySine.generate(NoisySine.D2L_TRAIN_SIZE, NoisySine.D2L_NOISE_STD, 3);
        assertArrayEquals(new long[] {50, 1}, a.x().shape());
        assertArrayEquals(new long[] {50}, a.y().shape());
        assertEquals(DataType.DOUBLE, a.x().dataType());
        assertEquals(DataType.DOUBLE, a.y().dataType());
        assertEquals(50, a.size());
        double[] x = a.x().toDoubleVector();
        for (int i = 0; i < x.length; i++) {
            assertTrue(x[i] >= 0 && x[i] < 5, "x in [0, 5)");
            assertTrue(i == 0 || x[i - 1] <= x[i], "x sorted");
        }
        NoisySine.Regression1D b = NoisySine.generate(50, 0.5, 3);
        assertEquals(a.x(), b.x());
        assertEquals(a.y(), b.y());
        assertNotEquals(a.y(), NoisySine.generate(50, 0.5, 4).y());
    }

    @Test
    void noiseHasTheRequestedSpread() {
        NoisySine.Regression1D d = NoisySine.generate(4000, 0.5, 11);
        INDArray residual = d.y().sub(NoisySine.truth(d.x()).reshape(4000));
        assertEquals(0.0, residual.meanNumber().doubleValue(), 0.05);
        assertEquals(0.5, residual.stdNumber().doubleValue(), 0.05);
        NoisySine.Regression1D clean = NoisySine.generate(5, 0.0, 1);
        assertEquals(NoisySine.truth(clean.x()).reshape(5), clean.y());
    }

    @Test
    void testGridIsExactMultiplesOfATenth() {
        INDArray g = NoisySine.testGrid();
        assertArrayEquals(new long[] {50}, g.shape());
        assertEquals(DataType.DOUBLE, g.dataType());
        assertEquals(0.0, g.getDouble(0));
        assertEquals(3 * 0.1, g.getDouble(3));
        assertEquals(49 * 0.1, g.getDouble(49));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> NoisySine.generate(0, 0.5, 1));
        assertTrue(n.getMessage().contains("n is 0") && n.getMessage().contains("at least 1"), n.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> NoisySine.generate(5, Double.NaN, 1));
        assertTrue(s.getMessage().contains("noiseStd is NaN"), s.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new NoisySine.Regression1D(Nd4j.zeros(3, 2), Nd4j.zeros(3)));
        assertTrue(shape.getMessage().startsWith("x has shape [3, 2] but [?, 1] was expected"), shape.getMessage());
    }
}
