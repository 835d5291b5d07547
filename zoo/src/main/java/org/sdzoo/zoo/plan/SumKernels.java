package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * The sums that broadcast ops' backward passes take over their broadcast axes, in Java:
 * {@code add_bp}, {@code subtract_bp} and {@code multiply_bp} reduce the incoming gradient (times
 * the other operand for a product) to a bias-like {@code [F]} or a per-row {@code [R, 1]} operand.
 * M2.1 takes 1.7 ms for {@code add_bp} of {@code [2048, 128] + [128]} (its {@code reduce_sum} over
 * axis 0 alone about 1 ms: a strided walk per column) on one thread, the Transformer's ~80 bias and
 * layer-norm gains about a tenth of its training step.
 *
 * <p>The gradient, seen as {@code [R, W]} in C order, is summed either over its rows ({@link
 * #LEADING}: out {@code [W]}, the operand broadcast along leading axes) or along each row
 * ({@link #TRAILING}: out {@code [R]}, broadcast along trailing axes). Each output element
 * accumulates its terms one by one in index order in the array's type, as libnd4j's
 * {@code reduce_sum} does, so the bits are the op's (the rewrite checks them at planning); outputs
 * are independent, so they are split across threads without changing a bit.
 */
final class SumKernels {

    /** Sum over rows, out {@code [W]}. */
    static final boolean LEADING = true;
    /** Sum along each row, out {@code [R]}. */
    static final boolean TRAILING = false;
    /** Below this many elements a kernel runs on the calling thread alone. */
    private static final long PARALLEL_MIN = 1 << 16;

    private SumKernels() {
    }

    /**
     * {@code out = sign · Σ g} or {@code sign · Σ g·y} over the broadcast axes; inputs {@code g}
     * then optionally {@code y} (of g's shape), one output.
     *
     * @param leading {@link #LEADING} or {@link #TRAILING}
     * @param rows    R: the product of g's sizes along the leading axes
     * @param width   W: the product of the rest
     * @param negate  whether the sum is negated (the subtrahend's gradient)
     */
    record Sum(boolean leading, int rows, int width, boolean negate) implements StepKernel {

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            INDArray g = RowKernels.readable(values[inputs[0]]);
            INDArray y = inputs.length > 1 ? RowKernels.readable(values[inputs[1]]) : null;
            INDArray out = values[outputs[0]];
            int items = leading ? width : rows;
            // as many threads as ND4J's ops may use now: one when the plan or OMP_NUM_THREADS says so
            int threads = OpThreads.ompThreads();
            int chunks = (int) Math.max(1, Math.min(Math.min(threads, items), (long) rows * width / PARALLEL_MIN));
            java.util.function.IntConsumer chunk = c -> {
                int lo = (int) ((long) items * c / chunks);
                int hi = (int) ((long) items * (c + 1) / chunks);
                if (g.dataType() == DataType.FLOAT) {
                    sumFloat(g, y, out, lo, hi);
                } else {
                    sumDouble(g, y, out, lo, hi);
                }
            };
            if (chunks == 1) {
                chunk.accept(0);
            } else {
                IntStream.range(0, chunks).parallel().forEach(chunk);
            }
        }

        private void sumFloat(INDArray g, INDArray y, INDArray out, int lo, int hi) {
            FloatBuffer gb = RowKernels.bytes(g).asFloatBuffer();
            FloatBuffer yb = y == null ? null : RowKernels.bytes(y).asFloatBuffer();
            FloatBuffer ob = RowKernels.bytes(out).asFloatBuffer();
            // rows are read in bulk into arrays: element-wise buffer reads are several times slower
            int span = leading ? hi - lo : width;
            float[] gs = new float[span];
            float[] ys = yb == null ? null : new float[span];
            if (leading) {
                float[] acc = new float[span];
                for (int r = 0; r < rows; r++) {
                    int base = r * width + lo;
                    gb.get(base, gs, 0, span);
                    if (ys == null) {
                        for (int j = 0; j < span; j++) {
                            acc[j] += gs[j];
                        }
                    } else {
                        yb.get(base, ys, 0, span);
                        for (int j = 0; j < span; j++) {
                            acc[j] += gs[j] * ys[j];
                        }
                    }
                }
                for (int j = 0; j < span; j++) {
                    acc[j] = negate ? -acc[j] : acc[j];
                }
                ob.put(lo, acc, 0, span);
            } else {
                for (int r = lo; r < hi; r++) {
                    float acc = 0;
                    gb.get(r * width, gs, 0, span);
                    if (ys == null) {
                        for (int j = 0; j < span; j++) {
                            acc += gs[j];
                        }
                    } else {
                        yb.get(r * width, ys, 0, span);
                        for (int j = 0; j < span; j++) {
                            acc += gs[j] * ys[j];
                        }
                    }
                    ob.put(r, negate ? -acc : acc);
                }
            }
        }

        private void sumDouble(INDArray g, INDArray y, INDArray out, int lo, int hi) {
            DoubleBuffer gb = RowKernels.bytes(g).asDoubleBuffer();
            DoubleBuffer yb = y == null ? null : RowKernels.bytes(y).asDoubleBuffer();
            DoubleBuffer ob = RowKernels.bytes(out).asDoubleBuffer();
            int span = leading ? hi - lo : width;
            double[] gs = new double[span];
            double[] ys = yb == null ? null : new double[span];
            if (leading) {
                double[] acc = new double[span];
                for (int r = 0; r < rows; r++) {
                    int base = r * width + lo;
                    gb.get(base, gs, 0, span);
                    if (ys == null) {
                        for (int j = 0; j < span; j++) {
                            acc[j] += gs[j];
                        }
                    } else {
                        yb.get(base, ys, 0, span);
                        for (int j = 0; j < span; j++) {
                            acc[j] += gs[j] * ys[j];
                        }
                    }
                }
                for (int j = 0; j < span; j++) {
                    acc[j] = negate ? -acc[j] : acc[j];
                }
                ob.put(lo, acc, 0, span);
            } else {
                for (int r = lo; r < hi; r++) {
                    double acc = 0;
                    gb.get(r * width, gs, 0, span);
                    if (ys == null) {
                        for (int j = 0; j < span; j++) {
                            acc += gs[j];
                        }
                    } else {
                        yb.get(r * width, ys, 0, span);
                        for (int j = 0; j < span; j++) {
                            acc += gs[j] * ys[j];
                        }
                    }
                    ob.put(r, negate ? -acc : acc);
                }
            }
        }
    }

    /**
     * The kernel summing a gradient of shape {@code g} to {@code own}, its operand's shape, when
     * the broadcast axes are a leading or a trailing block of g's axes.
     *
     * @param axes the axes of {@code g} along which {@code own} was broadcast
     * @return the kernel, or null for axes in the middle
     */
    static Sum to(long[] g, long[] axes, boolean negate) {
        int n = g.length;
        boolean leading = axes[0] == 0 && axes[axes.length - 1] == axes.length - 1;
        boolean trailing = axes[axes.length - 1] == n - 1 && axes[0] == n - axes.length;
        if (!leading && !trailing) {
            return null;
        }
        int split = leading ? axes.length : n - axes.length;
        long rows = 1;
        long width = 1;
        for (int i = 0; i < n; i++) {
            if (i < split) {
                rows *= g[i];
            } else {
                width *= g[i];
            }
        }
        if (rows * width > Integer.MAX_VALUE) {
            return null;
        }
        return new Sum(leading ? LEADING : TRAILING, (int) rows, (int) width, negate);
    }

    /** @return whether this class sums arrays of {@code a}'s type */
    static boolean sums(INDArray a) {
        return a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE;
    }
}
