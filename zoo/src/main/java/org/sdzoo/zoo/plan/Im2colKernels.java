package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * Java kernels for {@code im2col} and {@code im2col_bp} with one row of taps (kernel height 1,
 * stride 1, no padding: the causal 1-D convolution's case, {@code CausalConv1d}), which M2.1 runs
 * slowly: its {@code im2col} computes a six-dimensional index per element, and its {@code col2im}
 * parallelises over the batch dimension only, which is 1 here (the TCN step spends about a third
 * of its time in the two at the adding shapes, models/tcn.md).
 *
 * <p>With image rows {@code [N, H, W]} ({@code N = batch·channels}) and columns
 * {@code [N, K, H, W']}, {@code W' = W - (K-1)·d}: {@code im2col} copies the row segment
 * {@code image[n, h, k·d …]} to {@code cols[n, k, h, ·]} (a bulk copy per segment);
 * {@code im2col_bp} sums the columns back into a zeroed row in M2.1's {@code col2im} order (its
 * outer loop runs over output positions, so an image element receives its taps last first,
 * {@code k = K-1, …, 0}): each element sees the same float additions and the bits agree
 * ({@link StepRewrites} keeps the kernel only if they do). Rows {@code n} are independent (each
 * output element is written by one row's loop, in the same order), so they are split into
 * contiguous ranges over the op threads the step runs on without changing a bit.
 */
final class Im2colKernels {

    /** Below this many column elements a kernel runs on the calling thread alone. */
    private static final long PARALLEL_MIN = 1 << 16;

    private Im2colKernels() {
    }

    /**
     * @return the kernel computing {@code step} ({@code im2col} or {@code im2col_bp}), or null
     *         when its arguments or arrays are not the case handled here
     */
    static StepKernel of(PlanStep step, StepRewrites.Slots slots) {
        if (!(step.op instanceof DynamicCustomOp op) || step.outputs.length != 1) {
            return null;
        }
        boolean backward = op.opName().equals("im2col_bp");
        long[] a = op.iArgs();     // kH, kW, sH, sW, pH, pW, dH, dW, same mode
        if (step.inputs.length != (backward ? 2 : 1) || a.length < 9 || a[0] != 1 || a[2] != 1 || a[3] != 1
                || a[4] != 0 || a[5] != 0 || a[6] != 1 || a[8] != 0) {
            return null;
        }
        INDArray image = slots.get(backward ? step.outputs[0] : step.inputs[0]);
        INDArray cols = slots.get(backward ? step.inputs[1] : step.outputs[0]);
        int taps = (int) a[1];
        int dilation = (int) a[7];
        if (!RowKernels.plain(image) || !RowKernels.plain(cols) || image.rank() != 4 || cols.rank() != 6 || image.dataType() != cols.dataType()
                || !(image.dataType() == DataType.FLOAT || image.dataType() == DataType.DOUBLE)) {
            return null;
        }
        long[] i = image.shape();
        long[] c = cols.shape();
        long width = i[3] - (long) (taps - 1) * dilation;
        if (cols.length() * cols.dataType().width() > Integer.MAX_VALUE) {
            return null;
        }
        if (c[0] != i[0] || c[1] != i[1] || c[2] != 1 || c[3] != taps || c[4] != i[2] || c[5] != width || width < 1) {
            return null;
        }
        Shape s = new Shape(Math.toIntExact(i[0] * i[1]), Math.toIntExact(i[2]), Math.toIntExact(i[3]),
                Math.toIntExact(width), taps, dilation);
        return backward ? (values, in, out) -> s.col2im(values[in[1]], values[out[0]])
                : (values, in, out) -> s.im2col(values[in[0]], values[out[0]]);
    }


    /**
     * @param rows     N, batch·channels
     * @param height   H
     * @param width    W, the image's row length
     * @param out      W', the columns' row length
     * @param taps     K
     * @param dilation d
     */
    private record Shape(int rows, int height, int width, int out, int taps, int dilation) {

        /** Runs {@code range(lo, hi)} over row ranges, one per op thread, when there is enough work. */
        private void split(java.util.function.BiConsumer<Integer, Integer> range) {
            RangeSplit.run(rows, (long) rows * height * out * taps, PARALLEL_MIN, 1, range);
        }

        void im2col(INDArray image, INDArray cols) {
            split((lo, hi) -> im2col(image, cols, lo, hi));
        }

        void col2im(INDArray cols, INDArray image) {
            split((lo, hi) -> col2im(cols, image, lo, hi));
        }

        private void im2col(INDArray image, INDArray cols, int lo, int hi) {
            int w = image.dataType().width();
            ByteBuffer from = RowKernels.bytes(image);
            ByteBuffer to = RowKernels.bytes(cols);
            int segment = out * w;
            for (int n = lo; n < hi; n++) {
                for (int k = 0; k < taps; k++) {
                    for (int h = 0; h < height; h++) {
                        int src = ((n * height + h) * width + k * dilation) * w;
                        int dst = (((n * taps + k) * height + h) * out) * w;
                        to.put(dst, from, src, segment);
                    }
                }
            }
        }

        private void col2im(INDArray cols, INDArray image, int lo, int hi) {
            if (image.dataType() == DataType.FLOAT) {
                col2imFloat(RowKernels.bytes(cols).asFloatBuffer(), RowKernels.bytes(image).asFloatBuffer(), lo, hi);
            } else {
                col2imDouble(RowKernels.bytes(cols).asDoubleBuffer(), RowKernels.bytes(image).asDoubleBuffer(), lo, hi);
            }
        }

        private void col2imFloat(FloatBuffer cols, FloatBuffer image, int lo, int hi) {
            float[] sum = new float[width];
            float[] col = new float[out];
            for (int n = lo; n < hi; n++) {
                for (int h = 0; h < height; h++) {
                    java.util.Arrays.fill(sum, 0f);
                    for (int k = taps - 1; k >= 0; k--) {
                        cols.get(((n * taps + k) * height + h) * out, col);
                        int shift = k * dilation;
                        for (int x = 0; x < out; x++) {
                            sum[x + shift] += col[x];
                        }
                    }
                    image.put((n * height + h) * width, sum);
                }
            }
        }

        private void col2imDouble(DoubleBuffer cols, DoubleBuffer image, int lo, int hi) {
            double[] sum = new double[width];
            double[] col = new double[out];
            for (int n = lo; n < hi; n++) {
                for (int h = 0; h < height; h++) {
                    java.util.Arrays.fill(sum, 0d);
                    for (int k = taps - 1; k >= 0; k--) {
                        cols.get(((n * taps + k) * height + h) * out, col);
                        int shift = k * dilation;
                        for (int x = 0; x < out; x++) {
                            sum[x + shift] += col[x];
                        }
                    }
                    image.put((n * height + h) * width, sum);
                }
            }
        }
    }
}
