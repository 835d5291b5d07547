package org.sdzoo.datasets.graph;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Node features {@code [N, F]} in compressed sparse row form, as SciPy's {@code csr_matrix}:
 * the nonzeros of row {@code i} are {@code values[indptr[i] .. indptr[i+1])} in the columns
 * {@code indices[indptr[i] .. indptr[i+1])}.
 *
 * <p>A model multiplies these features by a weight {@code W [F, D]} without densifying them:
 * gather {@code W}'s rows at {@link #indices()}, scale them by {@link #values}, and sum them per
 * node with the segment ids {@link #rowIds()}.
 */
public final class CsrFeatures implements NodeFeatures {

    private final int rows;
    private final int columns;
    private final int[] indptr;
    private final int[] indices;
    private final float[] values;

    private CsrFeatures(int rows, int columns, int[] indptr, int[] indices, float[] values) {
        this.rows = rows;
        this.columns = columns;
        this.indptr = indptr;
        this.indices = indices;
        this.values = values;
    }

    /**
     * Copies and validates CSR arrays.
     *
     * @param rows    N
     * @param columns F
     * @param indptr  {@code [N+1]} row pointers: starts at 0, never decreases, ends at nnz
     * @param indices {@code [nnz]} column of each nonzero, 0 .. F-1
     * @param values  {@code [nnz]} finite values
     * @return the features
     * @throws IllegalArgumentException if the arrays do not describe a valid {@code [N, F]} matrix;
     *                                  the message names the first bad entry
     */
    public static CsrFeatures of(int rows, int columns, int[] indptr, int[] indices, float[] values) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("CSR features need non-negative sizes but got [" + rows + ", " + columns + "].");
        }
        if (indptr == null || indices == null || values == null) {
            throw new IllegalArgumentException("CSR features need indptr, indices and values; one of them is null.");
        }
        if (indptr.length != rows + 1) {
            throw new IllegalArgumentException("CSR indptr has " + indptr.length + " entries but " + (rows + 1)
                    + " (N + 1) were expected for " + rows + " rows; pass one pointer per row plus the end.");
        }
        if (indices.length != values.length) {
            throw new IllegalArgumentException("CSR indices has " + indices.length + " entries but values has " + values.length
                    + "; pass one column index per value.");
        }
        if (indptr[0] != 0 || indptr[rows] != indices.length) {
            throw new IllegalArgumentException("CSR indptr runs from " + indptr[0] + " to " + indptr[rows] + " but must run from 0 to "
                    + indices.length + " (the number of values); check that the three arrays belong together.");
        }
        for (int i = 0; i < rows; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw new IllegalArgumentException("CSR indptr decreases at row " + i + " (" + indptr[i] + " then " + indptr[i + 1]
                        + "); row pointers must never decrease.");
            }
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= columns) {
                throw new IllegalArgumentException("CSR indices[" + k + "] is " + indices[k] + " but the features have " + columns
                        + " columns (0.." + (columns - 1) + "); fix the column index or the feature count.");
            }
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("The features hold " + values[k] + " at nonzero " + k + " (column " + indices[k]
                        + "); replace NaN and infinite values before building the graph.");
            }
        }
        return new CsrFeatures(rows, columns, indptr.clone(), indices.clone(), values.clone());
    }

    /**
     * Reads CSR arrays from ND4J arrays, such as those of {@code features_csr_*.npy}.
     *
     * @param rows    N
     * @param columns F
     * @param indptr  {@code [N+1]} integer row pointers
     * @param indices {@code [nnz]} integer column ids
     * @param values  {@code [nnz]} values
     * @return the features
     * @throws IllegalArgumentException as {@link #of(int, int, int[], int[], float[])}
     */
    public static CsrFeatures of(int rows, int columns, INDArray indptr, INDArray indices, INDArray values) {
        if (values == null) {
            throw new IllegalArgumentException("CSR values are null; pass one value per nonzero.");
        }
        return of(rows, columns, GraphArrays.toInts(indptr, "CSR indptr"), GraphArrays.toInts(indices, "CSR indices"),
                values.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    /**
     * Converts dense features to CSR, keeping only the nonzero values.
     *
     * @param dense the features
     * @return the same matrix in CSR form
     */
    public static CsrFeatures fromDense(NodeFeatures dense) {
        if (dense instanceof CsrFeatures csr) {
            return csr;
        }
        int n = dense.rows();
        int f = dense.columns();
        int nnz = (int) dense.nonZeros();
        int[] indptr = new int[n + 1];
        int[] indices = new int[nnz];
        float[] values = new float[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                float v = dense.get(i, j);
                if (v != 0) {
                    indices[k] = j;
                    values[k++] = v;
                }
            }
            indptr[i + 1] = k;
        }
        return new CsrFeatures(n, f, indptr, indices, values);
    }

    static CsrFeatures stack(List<? extends NodeFeatures> parts) {
        int rows = 0;
        long nnz = 0;
        for (NodeFeatures p : parts) {
            rows += p.rows();
            nnz += p.nonZeros();
        }
        int[] indptr = new int[rows + 1];
        int[] indices = new int[Math.toIntExact(nnz)];
        float[] values = new float[indices.length];
        int row = 0;
        int at = 0;
        for (NodeFeatures p : parts) {
            CsrFeatures c = fromDense(p);
            System.arraycopy(c.indices, 0, indices, at, c.indices.length);
            System.arraycopy(c.values, 0, values, at, c.values.length);
            for (int i = 0; i < c.rows; i++) {
                indptr[row + i + 1] = at + c.indptr[i + 1];
            }
            row += c.rows;
            at += c.indices.length;
        }
        return new CsrFeatures(rows, parts.get(0).columns(), indptr, indices, values);
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
        return values.length;
    }

    @Override
    public boolean isSparse() {
        return true;
    }

    /**
     * Returns the row pointers.
     *
     * @return a new INT32 array, {@code [N+1]}
     */
    public INDArray indptr() {
        return Nd4j.createFromArray(indptr.clone());
    }

    /**
     * Returns the column of each nonzero (the rows of {@code W} to gather).
     *
     * @return a new INT32 array, {@code [nnz]}
     */
    public INDArray indices() {
        return Nd4j.createFromArray(indices.clone());
    }

    /**
     * Returns the row of each nonzero: the segment ids that sum gathered rows per node.
     *
     * @return a new INT32 array, {@code [nnz]}, non-decreasing
     */
    public INDArray rowIds() {
        int[] ids = new int[values.length];
        for (int i = 0; i < rows; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                ids[k] = i;
            }
        }
        return Nd4j.createFromArray(ids);
    }

    /**
     * Returns the nonzero values.
     *
     * @param type the floating-point element type of the result
     * @return a new array, {@code [nnz]}
     */
    public INDArray values(DataType type) {
        return Nd4j.createFromArray(values.clone()).castTo(type);
    }

    /**
     * Multiplies the features by a weight matrix without densifying them, in plain Java and double
     * precision: row i of the result is {@code Σ values[k] · w[indices[k]]} over row i's nonzeros.
     * It is the reference for a model's gather-and-segment-sum product.
     *
     * @param w the weight {@code [F, D]}
     * @return a new DOUBLE array {@code [N, D]}
     * @throws IllegalArgumentException if {@code w} does not have F rows
     */
    public INDArray multiply(INDArray w) {
        if (w == null || w.rank() != 2 || w.size(0) != columns) {
            throw new IllegalArgumentException("The weight has shape " + (w == null ? "null" : java.util.Arrays.toString(w.shape()))
                    + " but [" + columns + ", D] was expected (one row per feature).");
        }
        int d = (int) w.size(1);
        double[] in = w.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[Math.multiplyExact(rows, d)];
        for (int i = 0; i < rows; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                int from = indices[k] * d;
                double v = values[k];
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += v * in[from + j];
                }
            }
        }
        return Nd4j.create(out, new long[] {rows, d}, 'c');
    }

    @Override
    public INDArray toDense(DataType type) {
        float[] dense = new float[Math.multiplyExact(rows, columns)];
        for (int i = 0; i < rows; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                dense[i * columns + indices[k]] += values[k];
            }
        }
        return Nd4j.create(dense, new long[] {rows, columns}, 'c').castTo(type);
    }

    @Override
    public CsrFeatures rowNormalized() {
        double[] sums = rowSums();
        float[] out = new float[values.length];
        for (int i = 0; i < rows; i++) {
            double inv = sums[i] == 0 ? 0 : 1.0 / sums[i];
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                out[k] = (float) (values[k] * inv);
            }
        }
        return new CsrFeatures(rows, columns, indptr, indices, out);
    }

    @Override
    public float get(int row, int column) {
        float sum = 0;
        for (int k = indptr[row]; k < indptr[row + 1]; k++) {
            if (indices[k] == column) {
                sum += values[k];
            }
        }
        return sum;
    }

    @Override
    public double[] rowSums() {
        double[] sums = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                s += values[k];
            }
            sums[i] = s;
        }
        return sums;
    }

    @Override
    public String toString() {
        return "CsrFeatures[" + rows + ", " + columns + ", nnz=" + values.length + "]";
    }
}
