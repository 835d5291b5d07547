package org.sdzoo.datasets.graph;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dense node features {@code [N, F]}, stored in row-major order as {@code float}. */
public final class DenseFeatures implements NodeFeatures {

    private final int rows;
    private final int columns;
    private final float[] values;

    private DenseFeatures(int rows, int columns, float[] values) {
        this.rows = rows;
        this.columns = columns;
        this.values = values;
    }

    /**
     * Copies a dense array.
     *
     * @param features {@code [N, F]}, any numeric type; must be finite
     * @return the features
     * @throws IllegalArgumentException if the array is not 2-D or holds NaN or infinity
     */
    public static DenseFeatures of(INDArray features) {
        if (features == null) {
            throw new IllegalArgumentException("The feature array is null; pass an [N, F] array.");
        }
        if (features.rank() != 2) {
            throw new IllegalArgumentException("The feature array has shape " + Arrays.toString(features.shape())
                    + " but [N, F] was expected; reshape it to one row per node.");
        }
        if (features.size(0) > Integer.MAX_VALUE || features.size(1) > Integer.MAX_VALUE
                || features.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The feature array " + Arrays.toString(features.shape())
                    + " is too large for dense storage; store it as CSR (CsrFeatures).");
        }
        float[] values = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return of((int) features.size(0), (int) features.size(1), values);
    }

    /**
     * Wraps a copy of row-major values.
     *
     * @param rows    N
     * @param columns F
     * @param values  {@code N * F} finite values, row after row
     * @return the features
     * @throws IllegalArgumentException if the length does not match or a value is not finite
     */
    public static DenseFeatures of(int rows, int columns, float[] values) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("Dense features need non-negative sizes but got [" + rows + ", " + columns + "].");
        }
        if (values == null || values.length != (long) rows * columns) {
            throw new IllegalArgumentException("Dense features [" + rows + ", " + columns + "] need " + (long) rows * columns
                    + " values but got " + (values == null ? "none" : values.length) + "; pass one value per node and feature.");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("The features hold " + values[i] + " at node " + i / columns + ", feature "
                        + i % columns + "; replace NaN and infinite values before building the graph.");
            }
        }
        return new DenseFeatures(rows, columns, values.clone());
    }

    /**
     * The identity matrix as features (one-hot node ids), as Kipf uses for the karate club.
     *
     * @param n N
     * @return {@code [N, N]} identity features
     */
    public static DenseFeatures identity(int n) {
        float[] values = new float[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1f;
        }
        return new DenseFeatures(n, n, values);
    }

    static DenseFeatures stack(List<? extends NodeFeatures> parts) {
        int rows = 0;
        for (NodeFeatures p : parts) {
            rows += p.rows();
        }
        int columns = parts.get(0).columns();
        float[] values = new float[rows * columns];
        int at = 0;
        for (NodeFeatures p : parts) {
            float[] v = ((DenseFeatures) p).values;
            System.arraycopy(v, 0, values, at, v.length);
            at += v.length;
        }
        return new DenseFeatures(rows, columns, values);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public long nonZeros() {
        long n = 0;
        for (float v : values) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean isSparse() {
        return false;
    }

    @Override
    public INDArray toDense(DataType type) {
        return Nd4j.create(values.clone(), new long[] {rows, columns}, 'c').castTo(type);
    }

    @Override
    public DenseFeatures rowNormalized() {
        double[] sums = rowSums();
        float[] out = new float[values.length];
        for (int i = 0; i < rows; i++) {
            double inv = sums[i] == 0 ? 0 : 1.0 / sums[i];
            for (int j = 0; j < columns; j++) {
                out[i * columns + j] = (float) (values[i * columns + j] * inv);
            }
        }
        return new DenseFeatures(rows, columns, out);
    }

    @Override
    public float get(int row, int column) {
        return values[row * columns + column];
    }

    @Override
    public double[] rowSums() {
        double[] sums = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < columns; j++) {
                s += values[i * columns + j];
            }
            sums[i] = s;
        }
        return sums;
    }

    @Override
    public String toString() {
        return "DenseFeatures[" + rows + ", " + columns + "]";
    }
}
