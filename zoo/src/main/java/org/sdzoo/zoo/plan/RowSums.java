package org.sdzoo.zoo.plan;

/**
 * The summing loop of {@link RowKernels.ScatterAddRows}: {@code sums[targets[m] - lo] += add[m]}
 * (or {@code += add[from[m]] * scale[m]}) row by row, for a chunk's updates m in update order. Two implementations give the same bits: {@link #scalar} and,
 * when the JVM runs with {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit vectors,
 * {@code VectorRowSums}, which adds 8 floats (4 doubles) of a row at a time. The vector form is
 * exact: each lane does the same IEEE multiply, then the same add, as the scalar loop (Java never
 * fuses them), and rows still receive their updates in order.
 *
 * <p>{@code -Dsdzoo.plan.vector=off} keeps the scalar loop.
 */
abstract class RowSums {

    /** The system property that turns the vector loop off ({@code off}). */
    static final String PROPERTY = "sdzoo.plan.vector";

    private static final RowSums BEST = best();

    /** @return the fastest implementation this JVM runs */
    static RowSums get() {
        return BEST;
    }

    /** @return the plain loop, the reference the vector form is tested against */
    static RowSums scalar() {
        return new Scalar();
    }

    /**
     * Adds a chunk's updates to its rows.
     *
     * @param sums    the chunk's rows {@code [rows, width]} from row {@code lo} on, row-major, holding
     *                {@code ref}'s rows
     * @param targets target row of each update {@code [M]}, all of the chunk's in {@code [lo, lo + rows)}
     * @param order   null: the chunk's updates are {@code first..end - 1}; else {@code order[first..end)}
     * @param add     the updates {@code [M, width]}, or, with {@code from}, the rows gathered from
     * @param from    null: update m is row m of {@code add}; else row {@code from[m]} of {@code add}
     *                times {@code scale[m]}
     */
    abstract void addFloat(float[] sums, int lo, int width, int[] targets, int[] order, int first, int end,
            float[] add, int[] from, float[] scale);

    /** {@link #addFloat} in float64. */
    abstract void addDouble(double[] sums, int lo, int width, int[] targets, int[] order, int first, int end,
            double[] add, int[] from, double[] scale);

    /** @return a name for logs and benchmarks */
    abstract String describe();

    private static RowSums best() {
        return VectorLoops.choose("row sums", RowSums.class, "org.sdzoo.zoo.plan.VectorRowSums", Scalar::new,
                RowSums::describe);
    }

    /** The plain loop: one element at a time. */
    private static final class Scalar extends RowSums {

        @Override
        void addFloat(float[] sums, int lo, int width, int[] targets, int[] order, int first, int end, float[] add,
                int[] from, float[] scale) {
            for (int k = first; k < end; k++) {
                int m = order == null ? k : order[k];
                int base = (targets[m] - lo) * width;
                if (from == null) {
                    int u = m * width;
                    for (int j = 0; j < width; j++) {
                        sums[base + j] += add[u + j];
                    }
                } else {
                    int u = from[m] * width;
                    float s = scale[m];
                    for (int j = 0; j < width; j++) {
                        sums[base + j] += add[u + j] * s;
                    }
                }
            }
        }

        @Override
        void addDouble(double[] sums, int lo, int width, int[] targets, int[] order, int first, int end, double[] add,
                int[] from, double[] scale) {
            for (int k = first; k < end; k++) {
                int m = order == null ? k : order[k];
                int base = (targets[m] - lo) * width;
                if (from == null) {
                    int u = m * width;
                    for (int j = 0; j < width; j++) {
                        sums[base + j] += add[u + j];
                    }
                } else {
                    int u = from[m] * width;
                    double s = scale[m];
                    for (int j = 0; j < width; j++) {
                        sums[base + j] += add[u + j] * s;
                    }
                }
            }
        }

        @Override
        String describe() {
            return "scalar";
        }
    }
}
