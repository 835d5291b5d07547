package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseLoops} with the JDK's vector API. {@code exp}: each lane does the scalar loop's
 * double operations (glibc's algorithm; the table entry by a gather). Softmax: the row maximum,
 * shift and division in lanes (exact in any order), the sum in order. Products: 8 output columns
 * per vector, each lane its element's own chain of fused multiply-adds over k in order, four rows
 * at a time so that four independent chains hide the multiply-add's latency. Loaded by name only
 * when the module is present ({@link DenseLoops#get}), so the class never links on a JVM without it.
 */
final class VectorDenseLoops extends DenseLoops {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** as many floats as {@link #D} has doubles, converted one to one */
    private static final VectorSpecies<Float> F_OF_D = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I_OF_D = VectorSpecies.of(int.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));
    /** a product's column block, {@link #PRODUCT_COLUMNS} floats (256 bits) */
    private static final VectorSpecies<Float> F8 = VectorSpecies.of(float.class,
            VectorShape.forBitSize(PRODUCT_COLUMNS * Float.SIZE));
    private static final double[] TABLE = new double[TABLE_SIZE];

    static {
        for (int i = 0; i < TABLE_SIZE; i++) {
            TABLE[i] = Double.longBitsToDouble(EXP2_TABLE[i]);
        }
    }

    VectorDenseLoops() {
        if (D.vectorBitSize() < 256 || FloatVector.SPECIES_PREFERRED.vectorBitSize() < F8.vectorBitSize()) {
            throw new IllegalStateException("the CPU's vectors are " + D.vectorBitSize() + " bits, fewer than 256");
        }
    }

    @Override
    boolean vectorized() {
        return true;
    }

    @Override
    String describe() {
        return "vector (exp " + D.length() + " lanes, products " + F8.length() + " columns, jdk.incubator.vector)";
    }

    /**
     * glibc's expf of each element, in lanes (the table entry by a gather).
     *
     * <p>Two rules keep C2's vector intrinsics in place (broken, every operation falls back to Java
     * code, 3-10 times slower): no vector is passed to or returned from a method (a callee compiled
     * on its own first is then too big to inline, and the vector's class is no longer a constant);
     * and vectors are loaded from and stored to arrays, never byte buffers. Before C2 compiles this
     * loop, the lane reinterpretations ({@code viewAsIntegralLanes}) run Java fallbacks through heap
     * byte buffers, and the JDK's shared byte-buffer access code, profiled on both kinds, then
     * stops being intrinsified for direct buffers in every kernel compiled later; the array path
     * does not go through it. C2 here has no vector double-to-int cast, so the bits are needed.
     */
    @Override
    void expInPlace(float[] e, int n) {
        int lanes = D.length();
        int[] index = new int[lanes];
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            FloatVector x = FloatVector.fromArray(F_OF_D, e, i);
            DoubleVector z = ((DoubleVector) x.convertShape(VectorOperators.F2D, D, 0)).mul(INV_LN2_N);
            DoubleVector kd = z.add(SHIFT);
            LongVector ki = (LongVector) kd.viewAsIntegralLanes();
            DoubleVector r = z.sub(kd.sub(SHIFT));
            ((IntVector) ki.and(TABLE_SIZE - 1).convertShape(VectorOperators.L2I, I_OF_D, 0)).intoArray(index, 0);
            LongVector t = (LongVector) DoubleVector.fromArray(D, TABLE, 0, index, 0).viewAsIntegralLanes();
            DoubleVector s = (DoubleVector) t.add(ki.lanewise(VectorOperators.LSHL, 52 - TABLE_BITS))
                    .viewAsFloatingLanes();
            DoubleVector y = r.fma(C0, C1).fma(r.mul(r), r.fma(C2, 1.0)).mul(s);
            ((FloatVector) y.convertShape(VectorOperators.D2F, F_OF_D, 0))
                    .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, OVERFLOW))
                    .blend(0f, x.compare(VectorOperators.LT, UNDERFLOW))
                    .blend(x.add(x), x.compare(VectorOperators.NE, x)) // NaN
                    .intoArray(e, i);
        }
        for (; i < n; i++) {
            e[i] = exp(e[i]);
        }
    }

    @Override
    void subtractMax(float[] e, int from, int width) {
        if (width < F8.length()) {
            super.subtractMax(e, from, width);
            return;
        }
        int end = from + width;
        int j = from;
        FloatVector lanes = FloatVector.fromArray(F8, e, j);
        for (j += F8.length(); j + F8.length() <= end; j += F8.length()) {
            lanes = lanes.max(FloatVector.fromArray(F8, e, j));
        }
        float max = lanes.reduceLanes(VectorOperators.MAX);
        for (; j < end; j++) {
            max = Math.max(max, e[j]);
        }
        FloatVector m = FloatVector.broadcast(F8, max);
        for (j = from; j + F8.length() <= end; j += F8.length()) {
            FloatVector.fromArray(F8, e, j).sub(m).intoArray(e, j);
        }
        for (; j < end; j++) {
            e[j] -= max;
        }
    }

    @Override
    void divide(float[] e, int from, int width, float sum) {
        int end = from + width;
        int j = from;
        FloatVector s = FloatVector.broadcast(F8, sum);
        for (; j + F8.length() <= end; j += F8.length()) {
            FloatVector.fromArray(F8, e, j).div(s).intoArray(e, j);
        }
        for (; j < end; j++) {
            e[j] /= sum;
        }
    }

    @Override
    void product(float[] a, float[] b, int m, int k, int n, int stride, ByteBuffer out, int rowFrom, int rowTo) {
        // each row's sums go to a float[] of the padded width, then n of them to the output: no
        // vector leaves the method that makes it (see expInPlace)
        float[] rows = new float[4 * stride];
        java.nio.FloatBuffer to = out.asFloatBuffer();
        int row = rowFrom;
        while (row < rowTo) {
            int batchEnd = (row / m + 1) * m;
            int bBase = row / m * k * stride;
            int count = Math.min(rowTo, batchEnd) - row >= 4 ? 4 : 1;
            if (count == 4) {
                fourRows(a, b, row, bBase, k, stride, rows);
            } else {
                oneRow(a, b, row, bBase, k, stride, rows);
            }
            for (int r = 0; r < count; r++) {
                to.put((row + r) * n, rows, r * stride, n);
            }
            row += count;
        }
    }

    private static void fourRows(float[] a, float[] b, int row, int bBase, int k, int stride, float[] rows) {
        int a0 = row * k;
        for (int j = 0; j < stride; j += F8.length()) {
            FloatVector c0 = FloatVector.zero(F8);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            for (int p = 0; p < k; p++) {
                FloatVector bp = FloatVector.fromArray(F8, b, bBase + p * stride + j);
                c0 = bp.fma(FloatVector.broadcast(F8, a[a0 + p]), c0);
                c1 = bp.fma(FloatVector.broadcast(F8, a[a0 + k + p]), c1);
                c2 = bp.fma(FloatVector.broadcast(F8, a[a0 + 2 * k + p]), c2);
                c3 = bp.fma(FloatVector.broadcast(F8, a[a0 + 3 * k + p]), c3);
            }
            c0.intoArray(rows, j);
            c1.intoArray(rows, stride + j);
            c2.intoArray(rows, 2 * stride + j);
            c3.intoArray(rows, 3 * stride + j);
        }
    }

    private static void oneRow(float[] a, float[] b, int row, int bBase, int k, int stride, float[] rows) {
        int a0 = row * k;
        for (int j = 0; j < stride; j += F8.length()) {
            FloatVector c = FloatVector.zero(F8);
            for (int p = 0; p < k; p++) {
                c = FloatVector.fromArray(F8, b, bBase + p * stride + j).fma(FloatVector.broadcast(F8, a[a0 + p]), c);
            }
            c.intoArray(rows, j);
        }
    }
}
