package org.sdzoo.zoo.blocks.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An edge list ready for propagation: the edges after self loops were added, and one coefficient
 * per edge, so that {@code out[t] = Σ coefficient[e] · h[s]} over the edges {@code e = (s, t)}.
 * Immutable: arrays are copied out.
 */
public final class NormalizedEdges {

    private final int numNodes;
    private final int[] sources;
    private final int[] targets;
    private final double[] coefficients;

    NormalizedEdges(int numNodes, int[] sources, int[] targets, double[] coefficients) {
        this.numNodes = numNodes;
        this.sources = sources;
        this.targets = targets;
        this.coefficients = coefficients;
    }

    /** @return N */
    public int numNodes() {
        return numNodes;
    }

    /** @return E', the number of edges including added self loops */
    public int numEdges() {
        return sources.length;
    }

    /**
     * Returns the edges.
     *
     * @return a new INT32 array {@code [E', 2]} of (source, target) pairs
     */
    public INDArray edgeIndex() {
        int[] flat = new int[2 * sources.length];
        for (int e = 0; e < sources.length; e++) {
            flat[2 * e] = sources[e];
            flat[2 * e + 1] = targets[e];
        }
        return Nd4j.createFromArray(flat).reshape(sources.length, 2);
    }

    /**
     * Returns the source of each edge: the rows of {@code H} to gather.
     *
     * @return a new INT32 array {@code [E']}
     */
    public INDArray sourceIndex() {
        return Nd4j.createFromArray(sources.clone());
    }

    /**
     * Returns the target of each edge: the segment ids that sum messages per node.
     *
     * @return a new INT32 array {@code [E']}
     */
    public INDArray targetIndex() {
        return Nd4j.createFromArray(targets.clone());
    }

    /**
     * Returns the coefficient of each edge.
     *
     * @param type the floating-point element type
     * @return a new array {@code [E']}
     */
    public INDArray coefficients(DataType type) {
        return Nd4j.createFromArray(coefficients.clone()).castTo(type);
    }

    /** @return a copy of the sources {@code [E']} */
    public int[] sources() {
        return sources.clone();
    }

    /** @return a copy of the targets {@code [E']} */
    public int[] targets() {
        return targets.clone();
    }

    /** @return a copy of the coefficients {@code [E']} */
    public double[] coefficientArray() {
        return coefficients.clone();
    }

    /**
     * Propagates node states once, {@code out[t] = Σ coefficient[e] · h[s]} over the edges
     * {@code e = (s, t)}, in plain Java and double precision: the reference that a SameDiff
     * propagation (gather and segment sum) is tested against, and {@code P · H} without building P.
     *
     * @param h node states {@code [N, D]}
     * @return a new DOUBLE array {@code [N, D]}
     * @throws IllegalArgumentException if {@code h} does not have N rows
     */
    public INDArray propagate(INDArray h) {
        if (h == null || h.rank() != 2 || h.size(0) != numNodes) {
            throw new IllegalArgumentException("The node states have shape " + (h == null ? "null" : java.util.Arrays.toString(h.shape()))
                    + " but [" + numNodes + ", D] was expected; give one row per node.");
        }
        int d = (int) h.size(1);
        double[] in = h.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[numNodes * d];
        for (int e = 0; e < sources.length; e++) {
            int from = sources[e] * d;
            int to = targets[e] * d;
            double c = coefficients[e];
            for (int j = 0; j < d; j++) {
                out[to + j] += c * in[from + j];
            }
        }
        return Nd4j.create(out, new long[] {numNodes, d}, 'c');
    }

    /**
     * Scatters the coefficients into the dense propagation matrix (duplicate edges add up).
     *
     * @param type the floating-point element type
     * @return a new array {@code [N, N]} with {@code P[target][source]}
     */
    public INDArray toDense(DataType type) {
        double[] p = new double[Math.multiplyExact(numNodes, numNodes)];
        for (int e = 0; e < sources.length; e++) {
            p[targets[e] * numNodes + sources[e]] += coefficients[e];
        }
        return Nd4j.create(p, new long[] {numNodes, numNodes}, 'c').castTo(type);
    }
}
