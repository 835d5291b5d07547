package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector form of the row kernels' summing loop gives the scalar loop's bits, for every width
 * (multiples of the vector and not, which fall back), with and without a gather and scale, over all
 * updates and over a chunk's reordered subset; values span nine decades, so a changed order or a
 * fused multiply-add would show.
 */
class RowSumsTest {

    @Test
    void theBuildsTestJvmRunsTheVectorForm() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "surefire's argLine adds --add-modules jdk.incubator.vector");
        assumeTrue(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "this CPU has no 256-bit vectors");
        assertTrue(RowSums.get() instanceof VectorRowSums, RowSums.get().describe());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 7, 8, 9, 16, 24, 32})
    void vectorSumsEqualTheScalarLoopsBits(int width) {
        assumeTrue(FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256, "this CPU has no 256-bit vectors");
        RowSums vector = new VectorRowSums();
        RowSums scalar = RowSums.scalar();
        Random random = new Random(width);
        int rows = 11;
        int sources = 13;
        int count = 300;
        int[] targets = new int[count];
        int[] from = new int[count];
        float[] floatScale = new float[count];
        double[] doubleScale = new double[count];
        for (int m = 0; m < count; m++) {
            targets[m] = random.nextInt(rows);
            from[m] = random.nextInt(sources);
            doubleScale[m] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
            floatScale[m] = (float) doubleScale[m];
        }
        double[] doubleAdd = values(random, count * width);
        float[] floatAdd = floats(doubleAdd);
        double[] doubleRef = values(random, rows * width);
        // a chunk of rows [4, 9): its updates in order, as ScatterAddRows partitions them
        int lo = 4;
        int hi = 9;
        int[] order = java.util.stream.IntStream.range(0, count).filter(m -> targets[m] >= lo && targets[m] < hi).toArray();
        for (boolean gathered : new boolean[] {false, true}) {
            int[] f = gathered ? from : null;
            float[] a = floatAdd;
            float[] expected = floats(doubleRef);
            float[] actual = floats(doubleRef);
            scalar.addFloat(expected, 0, width, targets, null, 0, count, a, f, floatScale);
            vector.addFloat(actual, 0, width, targets, null, 0, count, a, f, floatScale);
            assertArrayEquals(expected, actual, "float32, width " + width + ", gathered " + gathered);
            double[] expectedD = doubleRef.clone();
            double[] actualD = doubleRef.clone();
            scalar.addDouble(expectedD, 0, width, targets, null, 0, count, doubleAdd, f, doubleScale);
            vector.addDouble(actualD, 0, width, targets, null, 0, count, doubleAdd, f, doubleScale);
            assertArrayEquals(expectedD, actualD, "float64, width " + width + ", gathered " + gathered);
            float[] chunkExpected = new float[(hi - lo) * width];
            float[] chunkActual = new float[(hi - lo) * width];
            scalar.addFloat(chunkExpected, lo, width, targets, order, 0, order.length, a, f, floatScale);
            vector.addFloat(chunkActual, lo, width, targets, order, 0, order.length, a, f, floatScale);
            assertArrayEquals(chunkExpected, chunkActual, "a chunk's rows, width " + width + ", gathered " + gathered);
        }
    }

    private static double[] values(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
        }
        return v;
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
