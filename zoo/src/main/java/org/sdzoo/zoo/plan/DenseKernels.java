package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * Java kernels for float32 {@code exp}, {@code softmax} over the last axis and small float32
 * {@code matmul}, ops whose M2.1 costs on the HiT-MAC shapes are the scalar math library and the
 * per-call set-up of BLAS rather than the arithmetic: {@code exp} on {@code [320, 384]} 208 µs (1.7 ns an element, one thread), the
 * products {@code [320, 4]·[4, 384]} 106 µs and the 64 products {@code [5, 128]·[128, 5]} 107 µs.
 *
 * <ul>
 * <li>{@code exp} computes glibc's {@code expf} (the function M2.1's kernel calls) with vector
 * lanes ({@link DenseLoops}).</li>
 * <li>{@code softmax} over the last axis as M2.1 computes it row by row: the maximum, {@code expf}
 * of each difference, their sum in order, each exponential divided by it (the exponentials with
 * vector lanes); {@code [1, 20, 20, 20]} (the coordinator's critic) took 56 µs.</li>
 * <li>{@code matmul} of two rank-2 or two rank-3 arrays (a batch of products, no broadcasting),
 * either transposed, computes each element as one chain of fused multiply-adds over k in order,
 * which is what OpenBLAS's kernels do for small products (4 to 128 deep here); larger products go
 * through kernels that split the sum, and the bits differ.</li>
 * </ul>
 * All three are used only where the loops are vectorized: the scalar forms are no faster than the
 * ops (measured at [320, 384]: exp 225 µs against the op's 208, the product 230 µs against 106; the
 * vector forms 100 and 35). Like every rewrite ({@link StepRewrites}), a kernel is kept only where
 * it gives the op's bits at planning, so a machine whose library computes otherwise keeps the op.
 */
final class DenseKernels {

    /** Products of more multiply-adds than this stay with BLAS. */
    static final long PRODUCT_MAX = 1L << 24;
    /** Work (elements, or multiply-adds) from which a kernel splits over the op threads. */
    private static final long PARALLEL_MIN = 1L << 17;

    private DenseKernels() {
    }

    /** @return the kernel computing a float32 {@code exp} step, or null when it does not apply */
    static StepKernel exp(PlanStep step, StepRewrites.Slots slots) {
        DenseLoops loops = DenseLoops.get();
        if (!loops.vectorized() || step.kind != PlanStep.Kind.LEGACY || !"exp".equals(step.op.opName())
                || step.inputs.length != 1 || step.outputs.length != 1) {
            return null;
        }
        INDArray in = slots.get(step.inputs[0]);
        INDArray out = slots.get(step.outputs[0]);
        if (!float32(in) || !float32(out) || in.length() != out.length() || in.length() > Integer.MAX_VALUE / 4) {
            return null;
        }
        return (values, inputs, outputs) -> {
            INDArray x = values[inputs[0]];
            INDArray y = values[outputs[0]];
            int length = Math.toIntExact(y.length());
            if (x.length() != length) {
                throw new ShapeChangedException("exp");
            }
            ByteBuffer from = RowKernels.bytes(x);
            ByteBuffer to = RowKernels.bytes(y);
            RangeSplit.run(length, length, PARALLEL_MIN, 16, (lo, hi) -> loops.exp(from, to, lo, hi));
        };
    }

    /**
     * @return the kernel computing a float32 {@code softmax} over the last axis, or null when it
     *         does not apply
     */
    static StepKernel softmax(PlanStep step, StepRewrites.Slots slots) {
        DenseLoops loops = DenseLoops.get();
        if (!loops.vectorized() || !(step.op instanceof DynamicCustomOp op)
                || !"softmax".equals(op.opName()) || step.inputs.length != 1 || step.outputs.length != 1) {
            return null;
        }
        INDArray in = slots.get(step.inputs[0]);
        INDArray out = slots.get(step.outputs[0]);
        long[] axes = op.iArgs();
        long axis = axes.length == 0 ? -1 : axes[0];
        if (!float32(in) || !float32(out) || in.rank() < 1 || !java.util.Arrays.equals(in.shape(), out.shape())
                || (axis != -1 && axis != in.rank() - 1) || in.length() > Integer.MAX_VALUE / 4) {
            return null;
        }
        int width = (int) in.size(-1);
        if (width == 0) {
            return null;
        }
        return (values, inputs, outputs) -> {
            INDArray x = values[inputs[0]];
            INDArray y = values[outputs[0]];
            if (x.length() != y.length() || x.size(-1) != width) {
                throw new ShapeChangedException("softmax");
            }
            int rows = Math.toIntExact(y.length() / width);
            ByteBuffer from = RowKernels.bytes(x);
            ByteBuffer to = RowKernels.bytes(y);
            RangeSplit.run(rows, (long) rows * width, PARALLEL_MIN, 1,
                    (lo, hi) -> loops.softmax(from, to, width, lo, hi));
        };
    }

    /** @return the kernel computing a float32 {@code matmul} step, or null when it does not apply */
    static StepKernel matmul(PlanStep step, StepRewrites.Slots slots) {
        if (!DenseLoops.get().vectorized() || !(step.op instanceof DynamicCustomOp op)
                || !"matmul".equals(op.opName()) || step.inputs.length != 2
                || step.outputs.length != 1) {
            return null;
        }
        double[] t = op.tArgs();
        if (t.length > 2 || (t.length > 0 && t[0] != 1) || (t.length > 1 && t[1] != 0)) {
            return null; // alpha·op(x)·op(y) + beta·z
        }
        long[] flags = java.util.Arrays.copyOf(op.iArgs(), 3);
        INDArray x = slots.get(step.inputs[0]);
        INDArray y = slots.get(step.inputs[1]);
        INDArray z = slots.get(step.outputs[0]);
        if (flags[2] != 0 || !readable(x) || !readable(y) || !float32(z) || x.rank() != y.rank()
                || (x.rank() != 2 && x.rank() != 3) || (x.rank() == 3 && x.size(0) != y.size(0))) {
            return null;
        }
        int r = x.rank();
        boolean tx = flags[0] != 0;
        boolean ty = flags[1] != 0;
        Product p = new Product(r == 3 ? (int) x.size(0) : 1,
                (int) (tx ? x.size(r - 1) : x.size(r - 2)), (int) (tx ? x.size(r - 2) : x.size(r - 1)),
                (int) (ty ? y.size(r - 2) : y.size(r - 1)), tx, ty);
        if ((ty ? y.size(r - 1) : y.size(r - 2)) != p.k || z.length() != (long) p.batch * p.m * p.n
                || (long) p.batch * p.m * p.n * p.k > PRODUCT_MAX || p.k == 0) {
            return null;
        }
        return p;
    }

    /** One product shape: {@code z[b] = op(x[b]) · op(y[b])}, {@code [m, k]·[k, n]}. */
    private static final class Product implements StepKernel {
        final int batch;
        final int m;
        final int k;
        final int n;
        final boolean tx;
        final boolean ty;
        final int stride;
        final float[] a;
        final float[] b;

        Product(int batch, int m, int k, int n, boolean tx, boolean ty) {
            this.batch = batch;
            this.m = m;
            this.k = k;
            this.n = n;
            this.tx = tx;
            this.ty = ty;
            int block = DenseLoops.PRODUCT_COLUMNS;
            this.stride = (n + block - 1) / block * block;
            this.a = new float[batch * m * k];
            this.b = new float[batch * k * stride]; // columns n..stride-1 stay zero
        }

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            INDArray x = values[inputs[0]];
            INDArray y = values[inputs[1]];
            INDArray z = values[outputs[0]];
            if (x.length() != a.length || y.length() != (long) batch * k * n || z.length() != (long) batch * m * n) {
                throw new ShapeChangedException("matmul");
            }
            pack(x, tx, m, k, a, k);
            pack(y, ty, k, n, b, stride);
            ByteBuffer out = RowKernels.bytes(z);
            DenseLoops loops = DenseLoops.get();
            int rows = batch * m;
            RangeSplit.run(rows, (long) rows * n * k, PARALLEL_MIN, 4,
                    (lo, hi) -> loops.product(a, b, m, k, n, stride, out, lo, hi));
        }

        /**
         * Copies {@code op(src)} ({@code [batch, rows, cols]}, {@code src} transposed in its last
         * two axes when {@code transposed}) into {@code dst} rows of {@code dstStride}, reading
         * {@code src} through its offset and strides (a slice's view is read in place).
         */
        private void pack(INDArray src, boolean transposed, int rows, int cols, float[] dst, int dstStride) {
            FloatBuffer data = RowKernels.bytes(src).asFloatBuffer();
            int r = src.rank();
            long[] st = src.stride();
            long batchStride = r == 3 ? st[0] : 0;
            long rowStride = transposed ? st[r - 1] : st[r - 2];
            long colStride = transposed ? st[r - 2] : st[r - 1];
            long base = src.offset();
            if (colStride != 1 && rowStride == 1) {
                // a transposed side: its columns are contiguous, read each in one bulk copy
                float[] column = new float[rows];
                for (int e = 0; e < batch; e++) {
                    for (int j = 0; j < cols; j++) {
                        data.get(Math.toIntExact(base + e * batchStride + j * colStride), column, 0, rows);
                        for (int i = 0; i < rows; i++) {
                            dst[(e * rows + i) * dstStride + j] = column[i];
                        }
                    }
                }
                return;
            }
            for (int e = 0; e < batch; e++) {
                for (int i = 0; i < rows; i++) {
                    int from = Math.toIntExact(base + e * batchStride + i * rowStride);
                    int to = (e * rows + i) * dstStride;
                    if (colStride == 1) {
                        data.get(from, dst, to, cols);
                    } else {
                        for (int j = 0; j < cols; j++) {
                            dst[to + j] = data.get(from + (int) (j * colStride));
                        }
                    }
                }
            }
        }
    }

    private static boolean float32(INDArray a) {
        return RowKernels.plain(a) && a.dataType() == DataType.FLOAT;
    }

    /** @return whether a product's input is float32 read through non-negative strides */
    private static boolean readable(INDArray a) {
        return a != null && !a.isEmpty() && a.dataType() == DataType.FLOAT && a.data().dataType() == DataType.FLOAT
                && java.util.Arrays.stream(a.stride()).allMatch(st -> st >= 0)
                && a.data().length() <= Integer.MAX_VALUE;
    }
}
