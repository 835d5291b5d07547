package org.sdzoo.datasets.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Several graphs as one block-diagonal graph: their nodes stacked (graph g's nodes are
 * {@code nodeOffsets[g] .. nodeOffsets[g+1]-1}), their edges shifted by the same offsets, so no
 * edge joins two graphs and one propagation step serves them all. A {@code [N]} graph-id vector
 * gives the segment ids for a readout (sum, mean or max per graph). Used for inductive training on
 * separate graphs and for graph classification. Immutable.
 */
public final class GraphBatch {

    private final GraphData graph;
    private final int[] offsets;
    private final int[] graphIds;
    private final int[] graphLabels;
    private final int numGraphClasses;

    private GraphBatch(GraphData graph, int[] offsets, int[] graphIds, int[] graphLabels, int numGraphClasses) {
        this.graph = graph;
        this.offsets = offsets;
        this.graphIds = graphIds;
        this.graphLabels = graphLabels;
        this.numGraphClasses = numGraphClasses;
    }

    /**
     * Merges graphs for node-level tasks. Node labels are kept when every graph has them with the
     * same number of classes; edge weights are kept when any graph has them (weight 1 for the
     * others); splits are dropped.
     *
     * @param graphs the graphs, at least one, with the same number of node features
     * @return the batch, without graph labels
     * @throws IllegalArgumentException if there are no graphs or their feature counts differ
     */
    public static GraphBatch of(List<GraphData> graphs) {
        return merge(graphs, null, 0);
    }

    /**
     * Merges some graphs of a collection for graph classification.
     *
     * @param collection the graphs with their classes
     * @param indices    which graphs, in batch order
     * @return the batch, with graph labels {@code [G]}
     * @throws IllegalArgumentException if {@code indices} is empty or names a graph that does not exist
     */
    public static GraphBatch of(GraphCollection collection, int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("A batch needs at least one graph index; pass the graphs to merge.");
        }
        List<GraphData> graphs = new ArrayList<>();
        int[] all = collection.labels();
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= collection.size()) {
                throw new IllegalArgumentException("Graph index " + indices[i] + " is out of range; " + collection.name()
                        + " has graphs 0 to " + (collection.size() - 1) + ".");
            }
            graphs.add(collection.graph(indices[i]));
            labels[i] = all[indices[i]];
        }
        return merge(graphs, labels, collection.numClasses());
    }

    private static GraphBatch merge(List<GraphData> graphs, int[] graphLabels, int numGraphClasses) {
        if (graphs == null || graphs.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one graph; pass the graphs to merge.");
        }
        int g = graphs.size();
        int[] offsets = new int[g + 1];
        int edges = 0;
        boolean weighted = false;
        boolean labelled = true;
        int classes = graphs.get(0).hasLabels() ? graphs.get(0).numClasses() : -1;
        List<NodeFeatures> features = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            GraphData d = graphs.get(i);
            offsets[i + 1] = Math.addExact(offsets[i], d.numNodes());
            edges = Math.addExact(edges, d.numEdges());
            weighted |= d.hasEdgeWeights();
            labelled &= d.hasLabels() && d.numClasses() == classes;
            features.add(d.features());
        }
        int n = offsets[g];
        int[] s = new int[edges];
        int[] t = new int[edges];
        float[] w = weighted ? new float[edges] : null;
        int[] labels = labelled ? new int[n] : null;
        int[] ids = new int[n];
        int at = 0;
        for (int i = 0; i < g; i++) {
            GraphData d = graphs.get(i);
            int[] ds = d.sources();
            int[] dt = d.targets();
            float[] dw = d.edgeWeightArray().orElse(null);
            for (int e = 0; e < ds.length; e++, at++) {
                s[at] = ds[e] + offsets[i];
                t[at] = dt[e] + offsets[i];
                if (w != null) {
                    w[at] = dw == null ? 1f : dw[e];
                }
            }
            if (labels != null) {
                System.arraycopy(d.labelArray(), 0, labels, offsets[i], d.numNodes());
            }
            java.util.Arrays.fill(ids, offsets[i], offsets[i + 1], i);
        }
        GraphData.Builder b = GraphData.builder("batch of " + g + " graph" + (g == 1 ? "" : "s"), n)
                .features(NodeFeatures.stack(features)).edges(s, t).edgeWeights(w);
        if (labels != null) {
            b.labels(labels, classes);
        }
        return new GraphBatch(b.build(), offsets, ids, graphLabels, numGraphClasses);
    }

    /** @return the block-diagonal graph, features {@code [N, F]}, edges {@code [E, 2]} */
    public GraphData graph() {
        return graph;
    }

    /** @return G, the number of graphs */
    public int numGraphs() {
        return offsets.length - 1;
    }

    /** @return a copy of the node offsets {@code [G+1]}: graph g owns nodes {@code offsets[g] .. offsets[g+1]-1} */
    public int[] nodeOffsets() {
        return offsets.clone();
    }

    /**
     * Returns the graph of each node: the segment ids of a readout.
     *
     * @return a new INT32 array {@code [N]}, non-decreasing, 0 .. G-1
     */
    public INDArray graphIndex() {
        return Nd4j.createFromArray(graphIds.clone());
    }

    /** @return a copy of the graph of each node {@code [N]} */
    public int[] graphIdArray() {
        return graphIds.clone();
    }

    /**
     * Returns the graph labels, when the batch was made from a {@link GraphCollection}.
     *
     * @return a new INT32 array {@code [G]}, or empty for a node-level batch
     */
    public Optional<INDArray> graphLabels() {
        return graphLabels == null ? Optional.empty() : Optional.of(Nd4j.createFromArray(graphLabels.clone()));
    }

    /**
     * Returns the graph labels one-hot.
     *
     * @param type the element type
     * @return a new array {@code [G, C]}
     * @throws IllegalStateException if the batch has no graph labels
     */
    public INDArray oneHotGraphLabels(DataType type) {
        if (graphLabels == null) {
            throw new IllegalStateException("This batch has no graph labels; make it with GraphBatch.of(collection, indices).");
        }
        double[][] rows = new double[graphLabels.length][numGraphClasses];
        for (int i = 0; i < graphLabels.length; i++) {
            rows[i][graphLabels[i]] = 1;
        }
        return Nd4j.createFromArray(rows).castTo(type);
    }
}
