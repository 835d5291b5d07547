package org.sdzoo.zoo.plan;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.samediff.ArrayLayout;

/**
 * Java kernels for the two row ops of edge-list graphs and sparse features, which M2.1 runs
 * slowly: {@code gather(x, ids, 0)} and {@code scatter_add(ref, ids, updates)} with rows of
 * {@code [R, W]} arrays. M2.1's locked {@code scatter_add} adds one row at a time on one thread,
 * building an array view per row (33 s for the 1M-edge graph's step); its {@code gather} copies
 * element by element.
 *
 * <p>{@link ScatterAddRows} gives the locked op's bits: each target row starts from {@code ref}'s
 * row and receives its updates in the op's order (the updates are read front to back), so every
 * element sees the same float additions as in the op. Rows are independent, so ranges of target
 * rows, balanced by their update counts (counted once, again only when the ids change), are split
 * across threads without changing a bit. {@link GatherRows} copies
 * whole rows. Both read and write ND4J's buffers in place. A {@link ScatterAddRows} built with
 * {@link ScatterAddRows#fused} also does the gather and the per-row scale feeding it
 * ({@code scatter_add(ref, ids, gather(x, sourceIds) * c)}, the sparse product of a CSR feature
 * matrix or an edge list and its transpose in the backward pass) without the {@code [M, W]}
 * intermediates: each update element is the same float product, added in the same order.
 */
final class RowKernels {

    /** Below this many elements a kernel runs on the calling thread alone. */
    private static final long PARALLEL_MIN = 1 << 15;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();

    private RowKernels() {
    }

    /** @return whether {@code a} is a C-ordered array with default strides from the start of its buffer */
    static boolean plain(INDArray a) {
        // a vector's order flag says nothing about its layout (a bias gradient's [F] comes as 'f')
        return a != null && !a.isEmpty() && (a.ordering() == 'c' || a.rank() <= 1) && a.offset() == 0
                && ArrayLayout.cContiguous(a) && a.data().length() >= a.length();
    }

    /** @return whether {@code a} holds integer ids this class reads */
    static boolean holdsIds(INDArray a) {
        return a != null && !a.isEmpty() && (a.dataType() == DataType.INT || a.dataType() == DataType.LONG);
    }

    /** @return whether two {@link #plain} arrays of one type and shape hold the same bytes */
    static boolean sameBytes(INDArray a, INDArray b) {
        int length = Math.toIntExact(a.length() * a.dataType().width());
        return bytes(a).duplicate().limit(length).equals(bytes(b).duplicate().limit(length));
    }

    /** @return {@code a} if it is {@link #plain}, else a c-ordered copy the kernels can read */
    static INDArray readable(INDArray a) {
        return plain(a) ? a : a.dup('c');
    }

    /**
     * @return {@code a}'s whole buffer as bytes in native order (index 0: the buffer's start), to be
     *         read and written at absolute positions only (it may be shared)
     */
    static ByteBuffer bytes(INDArray a) {
        DataBuffer data = a.data();
        // asNio() wraps the memory anew through JNI, 0.35-0.45 µs, three times per kernel call;
        // a plan's arrays are the same every run, so the wrapper is kept per buffer object and
        // reused while that object (hence its memory) is alive at the same address and length
        int slot = (System.identityHashCode(data) & 0x7fffffff) % WRAPPERS.length;
        Wrapper w = WRAPPERS[slot];
        if (w != null && w.of.get() == data && w.address == data.address() && w.length == data.length()) {
            return w.bytes;
        }
        ByteBuffer bytes = data.asNio().order(ByteOrder.nativeOrder());
        WRAPPERS[slot] = new Wrapper(new WeakReference<>(data), data.address(), data.length(), bytes);
        return bytes;
    }

    /** A buffer's byte view, valid while {@code of} still refers to that buffer. */
    private record Wrapper(WeakReference<DataBuffer> of, long address, long length, ByteBuffer bytes) {
    }

    /** Recent byte views, by the buffer's identity hash (racy by design: each entry is immutable). */
    private static final Wrapper[] WRAPPERS = new Wrapper[1024];

    /**
     * Reads integer ids into {@code into} (reallocated when too small).
     *
     * @param bound ids must lie in {@code [0, bound)}
     * @return the ids array, of length at least {@code ids.length()}
     * @throws IllegalStateException for an id out of range (the plan then falls back to the session, whose op reports it)
     */
    private static int[] read(INDArray ids, int[] into, int bound) {
        int n = Math.toIntExact(ids.length());
        int[] out = into != null && into.length == n ? into : new int[n];
        INDArray a = readable(ids);
        ByteBuffer b = bytes(a);
        if (a.dataType() == DataType.INT) {
            b.asIntBuffer().get(0, out, 0, n);
        } else {
            var longs = b.asLongBuffer();
            for (int i = 0; i < n; i++) {
                long v = longs.get(i);
                out[i] = v < 0 || v >= bound ? -1 : (int) v;
            }
        }
        for (int i = 0; i < n; i++) {
            if (out[i] < 0 || out[i] >= bound) {
                throw new IllegalStateException("row id at position " + i + " is outside [0, " + bound + ")");
            }
        }
        return out;
    }

    /** Runs {@code chunk(c)} for {@code c < chunks}, in parallel when there are several. */
    private static void forChunks(int chunks, java.util.function.IntConsumer chunk) {
        if (chunks == 1) {
            chunk.accept(0);
        } else {
            IntStream.range(0, chunks).parallel().forEach(chunk);
        }
    }

    private static int chunks(long elements, int items) {
        return (int) Math.max(1, Math.min(Math.min(THREADS, items), elements / PARALLEL_MIN));
    }

    /** {@code out[m] = x[ids[m]]}: {@code gather} along axis 0 of {@code x [R, ...]} with {@code ids [...]} of any rank. */
    static final class GatherRows implements StepKernel {
        private int[] ids;

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            INDArray x = readable(values[inputs[0]]);
            INDArray out = values[outputs[0]];
            int rows = Math.toIntExact(x.size(0));
            ids = read(values[inputs[1]], ids, rows);
            int[] idsNow = ids;
            int rowBytes = Math.toIntExact(x.length() / rows * x.dataType().width());
            int count = Math.toIntExact(values[inputs[1]].length());
            int chunks = chunks(out.length(), count);
            forChunks(chunks, c -> {
                ByteBuffer src = bytes(x);
                ByteBuffer dst = bytes(out);
                int lo = (int) ((long) count * c / chunks);
                int hi = (int) ((long) count * (c + 1) / chunks);
                for (int m = lo; m < hi; m++) {
                    dst.put(m * rowBytes, src, idsNow[m] * rowBytes, rowBytes);
                }
            });
        }
    }

    /**
     * {@code concat} along axis 0 of C-ordered arrays: their bytes one after another. M2.1 took
     * 25-45 µs to join two one-element shape arrays (a segment sum's {@code [S, W]}, built each run
     * from a fed node count); a copy of their bytes is the same array.
     */
    static final class ConcatRows implements StepKernel {

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            ByteBuffer dst = bytes(values[outputs[0]]);
            int at = 0;
            for (int in : inputs) {
                INDArray part = readable(values[in]);
                int length = Math.toIntExact(part.length() * part.dataType().width());
                dst.put(at, bytes(part), 0, length);
                at += length;
            }
        }
    }

    /**
     * {@code out = ref}, then {@code out[ids[m]] += updates[m]} for m in order: {@code scatter_add}
     * with {@code ref [R, W]}, {@code ids [M]}, {@code updates [M, W]}, float32 or float64.
     */
    static final class ScatterAddRows implements StepKernel {
        /** whether the updates are {@code gather(x, sourceIds) * c} (inputs ref, ids, x, sourceIds, c) */
        private final boolean fused;
        /**
         * null: input 0 is {@code ref}; else input 0 is the shape {@code [R, W]} a zero
         * {@code fill} made {@code ref} from (the fill is then not run: each row starts from zero
         * here), checked against the output's every run, since a fed value can change it
         */
        private final String zeroStartOf;
        private int[] ids;
        private int[] sourceIds;
        private float[] floatScales;
        private double[] doubleScales;
        private int[] groupedIds;
        /** row boundaries of the parallel chunks, balanced by update count */
        private int[] bounds;
        /**
         * with several chunks: the updates of chunk c are {@code order[starts[c]..starts[c + 1])},
         * in update order (a stable partition), so no chunk reads the others' targets
         */
        private int[] order;
        private int[] starts;
        private float[] floatUpdates;
        private double[] doubleUpdates;

        /** {@code scatter_add(ref, ids, updates)}: inputs ref, ids, updates. */
        ScatterAddRows() {
            this(false);
        }

        private ScatterAddRows(boolean fused) {
            this(fused, null);
        }

        private ScatterAddRows(boolean fused, String zeroStartOf) {
            this.fused = fused;
            this.zeroStartOf = zeroStartOf;
        }

        /**
         * The same kernel starting each row from zero instead of reading {@code ref}: input 0 is
         * then the shape the zero {@code fill} named {@code fill} made {@code ref} from.
         */
        ScatterAddRows fromZeros(String fill) {
            return new ScatterAddRows(fused, fill);
        }

        /** @return whether rows start from zero, not from a {@code ref} input ({@link #fromZeros}) */
        boolean startsFromZeros() {
            return zeroStartOf != null;
        }

        /**
         * {@code scatter_add(ref [R, W], ids [M], gather(x [S, W], sourceIds [M], 0) * c [M, 1])}:
         * inputs ref, ids, x, sourceIds, c.
         */
        static ScatterAddRows fused() {
            return new ScatterAddRows(true);
        }

        /** @return whether the updates are made here from a gather and a scale ({@link #fused}) */
        boolean fusesGather() {
            return fused;
        }

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            INDArray out = values[outputs[0]];
            INDArray ref = zeroStartOf == null ? readable(values[inputs[0]]) : null;
            if (ref == null && !Arrays.equals(values[inputs[0]].toLongVector(), out.shape())) {
                throw new ShapeChangedException(zeroStartOf);
            }
            INDArray updates = readable(values[inputs[2]]);
            INDArray scales = fused ? readable(values[inputs[4]]) : null;
            int rows = Math.toIntExact(out.size(0));
            int width = Math.toIntExact(out.length() / rows);
            ids = read(values[inputs[1]], ids, rows);
            if (!Arrays.equals(ids, groupedIds)) {
                group(rows, width);
            }
            int[] b = bounds;
            int[] from = null;
            if (fused) {
                sourceIds = read(values[inputs[3]], sourceIds, Math.toIntExact(updates.size(0)));
                from = sourceIds;
                if (from.length != ids.length || scales.length() != ids.length) {
                    throw new IllegalStateException("fused scatter_add has " + ids.length + " target ids, "
                            + from.length + " source ids and " + scales.length() + " scales");
                }
            }
            int[] src = from;
            // A heap copy of the updates (bulk, once per call): indexed FloatBuffer reads of direct
            // memory are slower than array reads in the summing loop.
            int n = Math.toIntExact(updates.length());
            if (out.dataType() == DataType.FLOAT) {
                float[] add = floatUpdates != null && floatUpdates.length == n ? floatUpdates : new float[n];
                bytes(updates).asFloatBuffer().get(0, add, 0, n);
                floatUpdates = add;
                float[] scale = null;
                if (fused) {
                    scale = floatScales != null && floatScales.length == ids.length ? floatScales : new float[ids.length];
                    bytes(scales).asFloatBuffer().get(0, scale, 0, ids.length);
                    floatScales = scale;
                }
                float[] sc = scale;
                forChunks(b.length - 1, c -> addFloat(ref, add, src, sc, out, width, c));
            } else {
                double[] add = doubleUpdates != null && doubleUpdates.length == n ? doubleUpdates : new double[n];
                bytes(updates).asDoubleBuffer().get(0, add, 0, n);
                doubleUpdates = add;
                double[] scale = null;
                if (fused) {
                    scale = doubleScales != null && doubleScales.length == ids.length ? doubleScales
                            : new double[ids.length];
                    bytes(scales).asDoubleBuffer().get(0, scale, 0, ids.length);
                    doubleScales = scale;
                }
                double[] sc = scale;
                forChunks(b.length - 1, c -> addDouble(ref, add, src, sc, out, width, c));
            }
        }

        private void group(int rows, int width) {
            int m = ids.length;
            int[] s = new int[rows + 1];
            for (int id : ids) {
                s[id + 1]++;
            }
            for (int r = 0; r < rows; r++) {
                s[r + 1] += s[r];
            }
            int chunks = chunks((long) (m + rows) * width, rows);
            int[] bs = new int[chunks + 1];
            int r = 0;
            for (int c = 1; c < chunks; c++) {
                long target = (long) (m + rows) * c / chunks;
                while (r < rows && (long) s[r] + r < target) {
                    r++;
                }
                bs[c] = r;
            }
            bs[chunks] = rows;
            bounds = bs;
            order = null;
            starts = new int[] {0, m};
            if (chunks > 1) {
                int[] chunkOf = new int[rows];
                for (int c = 0; c < chunks; c++) {
                    Arrays.fill(chunkOf, bs[c], bs[c + 1], c);
                }
                int[] st = new int[chunks + 1];
                for (int id : ids) {
                    st[chunkOf[id] + 1]++;
                }
                for (int c = 0; c < chunks; c++) {
                    st[c + 1] += st[c];
                }
                int[] next = Arrays.copyOf(st, chunks);
                int[] o = new int[m];
                for (int k = 0; k < m; k++) {
                    o[next[chunkOf[ids[k]]]++] = k;
                }
                order = o;
                starts = st;
            }
            groupedIds = ids.clone();
        }

        /**
         * Sums chunk {@code chunk}'s rows into {@code out}.
         *
         * @param ref   null: the rows start from zero
         * @param from  null: update m is row m of {@code add}; else row {@code from[m]} of {@code add}
         *              times {@code scale[m]} (the product the multiply op rounds, then the same sum)
         */
        private void addFloat(INDArray ref, float[] add, int[] from, float[] scale, INDArray out, int width, int chunk) {
            int lo = bounds[chunk];
            float[] sums = new float[(bounds[chunk + 1] - lo) * width];
            if (ref != null) {
                bytes(ref).asFloatBuffer().get(lo * width, sums, 0, sums.length);
            }
            // In update order, each row's updates arrive in ascending order as M2.1 adds them; the
            // chunk's updates are read once, front to back, and its rows stay in cache.
            RowSums.get().addFloat(sums, lo, width, ids, order, starts[chunk], starts[chunk + 1], add, from, scale);
            bytes(out).asFloatBuffer().put(lo * width, sums, 0, sums.length);
        }

        /** {@link #addFloat} in float64. */
        private void addDouble(INDArray ref, double[] add, int[] from, double[] scale, INDArray out, int width, int chunk) {
            int lo = bounds[chunk];
            double[] sums = new double[(bounds[chunk + 1] - lo) * width];
            if (ref != null) {
                bytes(ref).asDoubleBuffer().get(lo * width, sums, 0, sums.length);
            }
            RowSums.get().addDouble(sums, lo, width, ids, order, starts[chunk], starts[chunk + 1], add, from, scale);
            bytes(out).asDoubleBuffer().put(lo * width, sums, 0, sums.length);
        }
    }
}
