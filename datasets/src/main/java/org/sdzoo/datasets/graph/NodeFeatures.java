package org.sdzoo.datasets.graph;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The feature matrix of a graph's nodes, {@code [N, F]}, stored dense or as compressed sparse
 * rows. Implementations are immutable: every array handed out is a fresh copy.
 *
 * <p>Why two forms: Cora's bag-of-words features are 1.3% non-zero, and a model that multiplies
 * them by a weight matrix as a gather of the weight's rows plus a segment sum over the nonzeros
 * ({@link CsrFeatures#rowIds()}, {@link CsrFeatures#indices()}, {@link CsrFeatures#values})
 * does 1/75 of the work of a dense {@code [2708, 1433]} matmul.
 */
public sealed interface NodeFeatures permits DenseFeatures, CsrFeatures {

    /**
     * Returns the number of rows.
     *
     * @return N, one row per node
     */
    int rows();

    /**
     * Returns the number of feature columns.
     *
     * @return F
     */
    int columns();

    /**
     * Returns the number of stored nonzero values (for dense features: the values that are not 0).
     *
     * @return the nonzero count
     */
    long nonZeros();

    /**
     * Returns whether the features are stored as compressed sparse rows.
     *
     * @return true for {@link CsrFeatures}
     */
    boolean isSparse();

    /**
     * Returns the fraction of nonzero entries, {@code nonZeros / (N * F)}.
     *
     * @return the density in [0, 1]; 0 for an empty matrix
     */
    default double density() {
        double cells = (double) rows() * columns();
        return cells == 0 ? 0 : nonZeros() / cells;
    }

    /**
     * Returns the features as a dense array.
     *
     * @param type the floating-point element type of the result
     * @return a new array, {@code [N, F]}
     */
    INDArray toDense(DataType type);

    /**
     * Returns the features with every row divided by its sum, as Kipf's {@code preprocess_features}
     * does; a row whose sum is 0 stays 0 (no division by zero).
     *
     * @return new features of the same form and shape {@code [N, F]}
     */
    NodeFeatures rowNormalized();

    /**
     * Returns the value at one row and column.
     *
     * @param row    the node, 0 .. N-1
     * @param column the feature, 0 .. F-1
     * @return the value, 0 where nothing is stored
     */
    float get(int row, int column);

    /**
     * Returns the sum of each row.
     *
     * @return {@code [N]} row sums in double precision
     */
    double[] rowSums();

    /**
     * Stacks feature matrices vertically (the nodes of several graphs in one matrix). The result is
     * sparse when any part is sparse, dense otherwise.
     *
     * @param parts feature matrices with the same number of columns
     * @return the stacked features, {@code [sum of N, F]}
     * @throws IllegalArgumentException if there are no parts or their column counts differ
     */
    static NodeFeatures stack(List<? extends NodeFeatures> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("No feature matrices were given to stack; pass at least one.");
        }
        int columns = parts.get(0).columns();
        boolean sparse = false;
        for (int i = 0; i < parts.size(); i++) {
            NodeFeatures p = parts.get(i);
            if (p.columns() != columns) {
                throw new IllegalArgumentException("Feature matrix " + i + " has " + p.columns()
                        + " columns but the first has " + columns + "; give every graph the same features.");
            }
            sparse |= p.isSparse();
        }
        return sparse ? CsrFeatures.stack(parts) : DenseFeatures.stack(parts);
    }
}
