package org.sdzoo.zoo.blocks.graph;

import org.sdzoo.zoo.samediff.SegmentSum;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Graph-level readout: pools the node states of each graph of a batch (a block-diagonal batch
 * whose graph-id vector says which graph each node belongs to, {@code GraphBatch}) into one row
 * per graph. Segment ops, not a matrix product, so max works too; the result does not depend on
 * the order of the nodes. A graph id with no node gives a zero row for SUM and MEAN; for MAX it
 * gives ND4J's empty-segment value (the lowest float), so every graph of the batch needs a node.
 */
public enum Readout {
    /** {@code Σ h} over the graph's nodes (GIN's choice: it counts). */
    SUM,
    /** The mean of the graph's node states. */
    MEAN,
    /** The element-wise maximum (gradient to the arg-max node). */
    MAX;

    /**
     * @param h         node states {@code [N, F]}
     * @param graphIds  {@code [N]} integer graph of each node, 0 .. G-1
     * @param numGraphs G as an integer scalar
     * @return one row per graph {@code [G, F]}
     */
    public SDVariable apply(SameDiff sd, SDVariable h, SDVariable graphIds, SDVariable numGraphs) {
        return switch (this) {
            case SUM -> SegmentSum.rows(sd, h, graphIds, numGraphs);
            case MEAN -> sd.unsortedSegmentMean(h, graphIds, numGraphs);
            case MAX -> sd.unsortedSegmentMax(h, graphIds, numGraphs);
        };
    }
}
