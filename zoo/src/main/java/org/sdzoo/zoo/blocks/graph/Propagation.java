package org.sdzoo.zoo.blocks.graph;

import org.sdzoo.zoo.samediff.SegmentSum;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.samediff.SameDiffFixes;

/**
 * One step of message passing with fixed coefficients, {@code out = P · H}: node {@code t}
 * receives {@code Σ P[t][s] · H[s]}. Two forms give the same outputs and gradients:
 * {@link Dense} multiplies by {@code P [N, N]} (small graphs: one matmul), {@link Edges} gathers
 * the source rows per edge, scales them and sums them per target node (any graph: memory in E,
 * not N²). {@code P} comes from {@link GcnNorm}: its entries are data, not parameters.
 */
public sealed interface Propagation permits Propagation.Dense, Propagation.Edges {

    /**
     * @param h node states {@code [N, D]}
     * @return the propagated states {@code [N, D]}
     */
    SDVariable propagate(SameDiff sd, SDVariable h);

    /**
     * {@code P · H} by one matmul.
     *
     * @param matrix {@code P [N, N]} with {@code P[target][source]}, a constant or placeholder of
     *               the states' floating-point type ({@link GcnNorm#dense}, {@link NormalizedEdges#toDense})
     */
    record Dense(SDVariable matrix) implements Propagation {

        /** @throws IllegalArgumentException if the matrix is missing */
        public Dense {
            if (matrix == null) {
                throw new IllegalArgumentException("the dense propagation matrix is null; pass P [N, N] from GcnNorm.dense");
            }
        }

        @Override
        public SDVariable propagate(SameDiff sd, SDVariable h) {
            return matrix.mmul(h);
        }
    }

    /**
     * {@code P · H} by edges: {@code messages = gather(H, sources) * coefficients} ({@code [E', D]}),
     * then {@code unsortedSegmentSum(messages, targets, N)}. Gather's gradient is M2.1's broken one
     * unless {@link SameDiffFixes} re-points it, which this form installs when built.
     *
     * @param sources      {@code [E']} integer source of each edge ({@link NormalizedEdges#sourceIndex})
     * @param targets      {@code [E']} integer target of each edge, the segment ids
     * @param coefficients {@code [E']} the weight of each edge, of the states' floating-point type
     * @param numNodes     N as an integer scalar: nodes that receive no message get a zero row
     */
    record Edges(SDVariable sources, SDVariable targets, SDVariable coefficients, SDVariable numNodes)
            implements Propagation {

        /** @throws IllegalArgumentException if a variable is missing */
        public Edges {
            if (sources == null || targets == null || coefficients == null || numNodes == null) {
                throw new IllegalArgumentException("edge propagation needs sources, targets, coefficients and the node count;"
                        + " take them from GcnNorm.edges");
            }
            SameDiffFixes.install();
        }

        @Override
        public SDVariable propagate(SameDiff sd, SDVariable h) {
            SDVariable messages = sd.gather(h, sources, 0).mul(coefficients.reshape(-1, 1)); // [E', D]
            return SegmentSum.rows(sd, messages, targets, numNodes);                    // [N, D]
        }
    }
}
