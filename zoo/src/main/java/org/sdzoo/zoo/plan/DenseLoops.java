package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;

/**
 * The inner loops of {@link DenseKernels}: float32 {@code exp} as glibc's {@code expf} computes it
 * (what M2.1's {@code exp} calls), softmax over rows in M2.1's order, and matrix products as one
 * fused multiply-add chain per output element over k in ascending order (what OpenBLAS computes
 * for small products; the kernel checks that). Two implementations give the same bits: {@link #scalar} and, when the JVM runs with
 * {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit vectors, {@code VectorDenseLoops}:
 * its lanes do the scalar loop's operations in the same order, IEEE operation for operation.
 *
 * <p>{@code -Dsdzoo.plan.vector=off} keeps the scalar loops ({@link RowSums#PROPERTY}).
 */
abstract class DenseLoops {

    /** 2^(i/32) to double precision, as bits less {@code i << 47} (the exponent added at use). */
    static final long[] EXP2_TABLE = exp2Table();
    static final int TABLE_BITS = 5;
    static final int TABLE_SIZE = 1 << TABLE_BITS;
    /** 32 / ln 2, the scaled reduction of glibc's expf */
    static final double INV_LN2_N = 0x1.71547652b82fep+0 * TABLE_SIZE;
    /** adding it rounds a double below 2^51 to an integer, kept in the low bits */
    static final double SHIFT = 0x1.8p+52;
    /** the cubic of 2^(r/32) - 1, r in [-1/2, 1/2] */
    static final double C0 = 0x1.c6af84b912394p-5 / TABLE_SIZE / TABLE_SIZE / TABLE_SIZE;
    static final double C1 = 0x1.ebfce50fac4f3p-3 / TABLE_SIZE / TABLE_SIZE;
    static final double C2 = 0x1.62e42ff0c52d6p-1 / TABLE_SIZE;
    /** above: +infinity; below: 0 (glibc's thresholds) */
    static final float OVERFLOW = 0x1.62e42ep6f;
    static final float UNDERFLOW = -0x1.9fe368p6f;
    /** Elements of an exp or a softmax computed per chunk (their scratch array's size). */
    private static final int CHUNK = 4096;
    /** Products' column blocks: {@link #product}'s {@code b} rows are padded to a multiple of it. */
    static final int PRODUCT_COLUMNS = 8;

    /** @return the fastest implementation this JVM runs */
    static DenseLoops get() {
        return Best.LOOPS;
    }

    /** Chosen on first use, after this class's tables exist (the vector class reads them). */
    private static final class Best {
        static final DenseLoops LOOPS = best();
    }

    /** @return the plain loops, the reference the vector form is tested against */
    static DenseLoops scalar() {
        return new Scalar();
    }

    /** @return whether these loops use vector instructions (only then are the kernels worth it) */
    abstract boolean vectorized();

    /**
     * {@code out[i] = expf(in[i])} for elements {@code [from, to)} of two float32 buffers in
     * native byte order, a chunk at a time through {@link #expInPlace} (vector loops read and write
     * arrays only: see {@code VectorDenseLoops.expInPlace}).
     */
    void exp(ByteBuffer in, ByteBuffer out, int from, int to) {
        java.nio.FloatBuffer x = in.asFloatBuffer();
        java.nio.FloatBuffer y = out.asFloatBuffer();
        float[] chunk = new float[Math.min(CHUNK, to - from)];
        for (int i = from; i < to; i += chunk.length) {
            int n = Math.min(chunk.length, to - i);
            x.get(i, chunk, 0, n);
            expInPlace(chunk, n);
            y.put(i, chunk, 0, n);
        }
    }

    /**
     * Softmax of rows {@code [rowFrom, rowTo)} of width {@code width} of two float32 buffers in
     * native byte order: per row {@code m = max}, {@code e = expf(x - m)}, {@code s = Σ e} in
     * order, {@code e / s}.
     */
    void softmax(ByteBuffer in, ByteBuffer out, int width, int rowFrom, int rowTo) {
        java.nio.FloatBuffer from = in.asFloatBuffer();
        java.nio.FloatBuffer to = out.asFloatBuffer();
        int rowsPerChunk = Math.max(1, CHUNK / width);
        float[] e = new float[Math.min(rowTo - rowFrom, rowsPerChunk) * width];
        for (int row = rowFrom; row < rowTo; row += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, rowTo - row);
            int n = rows * width;
            from.get(row * width, e, 0, n);
            for (int r = 0; r < rows; r++) {
                subtractMax(e, r * width, width);
            }
            expInPlace(e, n);
            for (int r = 0; r < rows; r++) {
                int base = r * width;
                float sum = 0f;
                for (int j = 0; j < width; j++) {
                    sum += e[base + j]; // in order: the op's sum
                }
                divide(e, base, width, sum);
            }
            to.put(row * width, e, 0, n);
        }
    }

    /** {@code e[from..from+width) -= max(e[from..from+width))}: the same bits in any order. */
    void subtractMax(float[] e, int from, int width) {
        float max = e[from];
        for (int j = 1; j < width; j++) {
            max = Math.max(max, e[from + j]);
        }
        for (int j = 0; j < width; j++) {
            e[from + j] -= max;
        }
    }

    /** {@code e[from..from+width) /= sum}, each an IEEE division. */
    void divide(float[] e, int from, int width, float sum) {
        for (int j = 0; j < width; j++) {
            e[from + j] /= sum;
        }
    }

    /** {@code e[i] = expf(e[i])} for {@code i < n}. */
    abstract void expInPlace(float[] e, int n);

    /**
     * Rows {@code [rowFrom, rowTo)} of {@code C = A · B}, each element
     * {@code fma(a[k-1], b[k-1], … fma(a[0], b[0], 0))}.
     *
     * @param a     {@code [batch · m, k]} row-major
     * @param b     {@code [batch, k, stride]} row-major, {@code stride} a multiple of
     *              {@link #PRODUCT_COLUMNS}, columns {@code n..stride-1} zero
     * @param m     rows per batch element
     * @param out   {@code [batch · m, n]} float32 in native byte order
     * @param rowFrom first row of {@code A} (over the whole batch)
     */
    abstract void product(float[] a, float[] b, int m, int k, int n, int stride, ByteBuffer out, int rowFrom,
            int rowTo);

    /** @return a name for logs and benchmarks */
    abstract String describe();

    /** glibc's {@code expf}: exp(x) = 2^(k/32) · 2^(r/32), the latter by a cubic, in double. */
    static float exp(float x) {
        if (x > OVERFLOW) {
            return Float.POSITIVE_INFINITY;
        }
        if (x < UNDERFLOW) {
            return 0f;
        }
        if (x != x) {
            return x + x;
        }
        double z = INV_LN2_N * x;
        double kd = z + SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = z - kd;
        double s = Double.longBitsToDouble(EXP2_TABLE[(int) (ki & (TABLE_SIZE - 1))] + (ki << (52 - TABLE_BITS)));
        double y = Math.fma(Math.fma(C0, r, C1), r * r, Math.fma(C2, r, 1));
        return (float) (y * s);
    }

    private static long[] exp2Table() {
        // 2^(i/32) = e^(i·ln2/32) by its series in 40 digits, rounded once to double
        java.math.MathContext digits = new java.math.MathContext(40);
        java.math.BigDecimal ln2 = new java.math.BigDecimal("0.6931471805599453094172321214581765680755");
        long[] table = new long[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE; i++) {
            java.math.BigDecimal x = ln2.multiply(java.math.BigDecimal.valueOf(i))
                    .divide(java.math.BigDecimal.valueOf(TABLE_SIZE), digits);
            java.math.BigDecimal term = java.math.BigDecimal.ONE;
            java.math.BigDecimal sum = java.math.BigDecimal.ONE;
            for (int n = 1; n < 40; n++) {
                term = term.multiply(x, digits).divide(java.math.BigDecimal.valueOf(n), digits);
                sum = sum.add(term, digits);
            }
            table[i] = Double.doubleToRawLongBits(sum.doubleValue()) - ((long) i << (52 - TABLE_BITS));
        }
        return table;
    }

    private static DenseLoops best() {
        return VectorLoops.choose("dense loops", DenseLoops.class, "org.sdzoo.zoo.plan.VectorDenseLoops", Scalar::new,
                DenseLoops::describe);
    }

    /** The plain loops: one element at a time. */
    private static final class Scalar extends DenseLoops {

        @Override
        boolean vectorized() {
            return false;
        }

        @Override
        void expInPlace(float[] e, int n) {
            for (int i = 0; i < n; i++) {
                e[i] = exp(e[i]);
            }
        }

        @Override
        void product(float[] a, float[] b, int m, int k, int n, int stride, ByteBuffer out, int rowFrom, int rowTo) {
            float[] acc = new float[n];
            for (int row = rowFrom; row < rowTo; row++) {
                java.util.Arrays.fill(acc, 0f);
                int bBase = row / m * k * stride;
                for (int p = 0; p < k; p++) {
                    float x = a[row * k + p];
                    int bRow = bBase + p * stride;
                    for (int j = 0; j < n; j++) {
                        acc[j] = Math.fma(x, b[bRow + j], acc[j]);
                    }
                }
                for (int j = 0; j < n; j++) {
                    out.putFloat((row * n + j) * Float.BYTES, acc[j]);
                }
            }
        }

        @Override
        String describe() {
            return "scalar";
        }
    }
}
