package org.sdzoo.zoo.blocks.graph;

import org.sdzoo.zoo.samediff.SegmentSum;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.samediff.SameDiffFixes;

/**
 * Node features {@code X [N, F]} as the first graph layer multiplies them by its weight
 * {@code W [F, D]}: {@link Dense} by a matmul, {@link Sparse} from the nonzeros only, so Cora's
 * 2708 × 1433 features (1.3% nonzero) cost 49k row gathers instead of a dense matmul.
 */
public sealed interface FeatureMatrix permits FeatureMatrix.Dense, FeatureMatrix.Sparse {

    /**
     * @param w {@code [F, D]}
     * @return {@code X · W}, {@code [N, D]}
     */
    SDVariable times(SameDiff sd, SDVariable w);

    /**
     * Inverted dropout on the features (on the stored nonzeros of a sparse matrix, as Kipf's
     * {@code sparse_dropout}).
     *
     * @param p the drop probability, {@code [0, 1)}; 0 returns this matrix
     */
    FeatureMatrix dropout(SameDiff sd, double p);

    /** @param x {@code [N, F]} */
    record Dense(SDVariable x) implements FeatureMatrix {

        /** @throws IllegalArgumentException if x is missing */
        public Dense {
            if (x == null) {
                throw new IllegalArgumentException("the dense features are null; pass X [N, F]");
            }
        }

        @Override
        public SDVariable times(SameDiff sd, SDVariable w) {
            return x.mmul(w);
        }

        @Override
        public FeatureMatrix dropout(SameDiff sd, double p) {
            return p == 0 ? this : new Dense(Dropout.apply(sd, x, p));
        }
    }

    /**
     * The nonzeros of {@code X} in coordinate form ({@code rows} from a CSR matrix's row pointers,
     * e.g. {@code CsrFeatures.rowIds()}). {@code X · W} is {@code gather(W, columns) * values}
     * ({@code [nnz, D]}) summed per row with {@code unsortedSegmentSum}: gather's gradient into
     * {@code W} needs {@link SameDiffFixes}, installed here.
     *
     * @param rows     {@code [nnz]} integer row (node) of each nonzero
     * @param columns  {@code [nnz]} integer column (feature) of each nonzero
     * @param values   {@code [nnz]} the nonzeros, of the weight's floating-point type
     * @param numNodes N as an integer scalar: a node without nonzeros gets a zero row
     */
    record Sparse(SDVariable rows, SDVariable columns, SDVariable values, SDVariable numNodes) implements FeatureMatrix {

        /** @throws IllegalArgumentException if a variable is missing */
        public Sparse {
            if (rows == null || columns == null || values == null || numNodes == null) {
                throw new IllegalArgumentException("sparse features need rows, columns, values and the node count;"
                        + " take them from CsrFeatures (rowIds, indices, values)");
            }
            SameDiffFixes.install();
        }

        @Override
        public SDVariable times(SameDiff sd, SDVariable w) {
            SDVariable scaled = sd.gather(w, columns, 0).mul(values.reshape(-1, 1)); // [nnz, D]
            return SegmentSum.rows(sd, scaled, rows, numNodes);                   // [N, D]
        }

        @Override
        public FeatureMatrix dropout(SameDiff sd, double p) {
            return p == 0 ? this : new Sparse(rows, columns, Dropout.apply(sd, values, p), numNodes);
        }
    }
}
