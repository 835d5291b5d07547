package org.sdzoo.datasets.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One graph as typed data: node features, directed edges with optional weights, optional node
 * labels and an optional train/val/test split. Immutable: arrays are copied in and out.
 *
 * <p>Edges are {@code (source, target)} pairs, {@code [E, 2]}: PyG's {@code edge_index},
 * transposed. An undirected graph lists both directions ({@link #toUndirected()}); a message
 * flows from the source to the target.
 *
 * <p>Shapes use N nodes, E edges, F features.
 */
public final class GraphData {

    /** The label of a node that has none. */
    public static final int UNLABELED = -1;

    private final String name;
    private final int numNodes;
    private final NodeFeatures features;
    private final int[] sources;
    private final int[] targets;
    private final float[] weights;
    private final int[] labels;
    private final int numClasses;
    private final NodeSplit split;

    private GraphData(Builder b) {
        this.name = b.name;
        this.numNodes = b.numNodes;
        this.features = b.features;
        this.sources = b.sources;
        this.targets = b.targets;
        this.weights = b.weights;
        this.labels = b.labels;
        this.numClasses = b.numClasses;
        this.split = b.split;
    }

    /**
     * Starts a graph.
     *
     * @param name     a name for statistics and messages, such as {@code "Cora"}
     * @param numNodes N, at least 1
     * @return a builder
     */
    public static Builder builder(String name, int numNodes) {
        return new Builder(name, numNodes);
    }

    /**
     * Returns a builder holding this graph's parts, to change some of them.
     *
     * @return a builder; {@link Builder#build()} validates again
     */
    public Builder toBuilder() {
        Builder b = new Builder(name, numNodes);
        b.features = features;
        b.sources = sources;
        b.targets = targets;
        b.weights = weights;
        b.labels = labels;
        b.numClasses = numClasses;
        b.split = split;
        return b;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return N */
    public int numNodes() {
        return numNodes;
    }

    /** @return E, the number of directed edge entries */
    public int numEdges() {
        return sources.length;
    }

    /** @return F */
    public int numFeatures() {
        return features.columns();
    }

    /** @return the node features, {@code [N, F]} */
    public NodeFeatures features() {
        return features;
    }

    /**
     * Returns the edges.
     *
     * @return a new INT32 array, {@code [E, 2]}, one (source, target) pair per row
     */
    public INDArray edgeIndex() {
        return GraphArrays.pairs(sources, targets);
    }

    /** @return a copy of the source node of each edge, {@code [E]} */
    public int[] sources() {
        return sources.clone();
    }

    /** @return a copy of the target node of each edge, {@code [E]} */
    public int[] targets() {
        return targets.clone();
    }

    /** @return whether the edges carry weights */
    public boolean hasEdgeWeights() {
        return weights != null;
    }

    /**
     * Returns the edge weights, if any.
     *
     * @param type the floating-point element type
     * @return a new array {@code [E]}, or empty for an unweighted graph (every weight 1)
     */
    public Optional<INDArray> edgeWeights(DataType type) {
        return weights == null ? Optional.empty() : Optional.of(Nd4j.createFromArray(weights.clone()).castTo(type));
    }

    /** @return a copy of the edge weights {@code [E]}, or empty for an unweighted graph */
    public Optional<float[]> edgeWeightArray() {
        return weights == null ? Optional.empty() : Optional.of(weights.clone());
    }

    /** @return whether the nodes carry labels */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Returns the node labels.
     *
     * @return a new INT32 array {@code [N]}, class ids 0 .. C-1 or {@value #UNLABELED}
     * @throws IllegalStateException if the graph has no node labels
     */
    public INDArray labels() {
        return Nd4j.createFromArray(labelArray());
    }

    /**
     * Returns the node labels as a Java array.
     *
     * @return a copy {@code [N]}, class ids 0 .. C-1 or {@value #UNLABELED}
     * @throws IllegalStateException if the graph has no node labels
     */
    public int[] labelArray() {
        requireLabels();
        return labels.clone();
    }

    /**
     * Returns the node labels one-hot, with all-zero rows for unlabeled nodes.
     *
     * @param type the element type
     * @return a new array {@code [N, C]}
     * @throws IllegalStateException if the graph has no node labels
     */
    public INDArray oneHotLabels(DataType type) {
        requireLabels();
        double[][] rows = new double[numNodes][numClasses];
        for (int i = 0; i < numNodes; i++) {
            if (labels[i] >= 0) {
                rows[i][labels[i]] = 1;
            }
        }
        return Nd4j.createFromArray(rows).castTo(type);
    }

    /**
     * Returns the number of node classes.
     *
     * @return C
     * @throws IllegalStateException if the graph has no node labels
     */
    public int numClasses() {
        requireLabels();
        return numClasses;
    }

    /** @return the train/val/test split, or empty when the graph has none */
    public Optional<NodeSplit> split() {
        return Optional.ofNullable(split);
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException("Graph '" + name + "' has no node labels; give them with GraphData.Builder.labels.");
        }
    }

    /**
     * Returns the graph with both directions of every edge, sorted by (source, target), each pair
     * once: PyG's {@code to_undirected}, except that a weighted pair given in both directions must
     * carry the same weight both ways (PyG would add them), and a self loop stays one entry.
     *
     * @return the undirected graph (this graph if it already is exactly that)
     * @throws IllegalArgumentException if a pair appears with two different weights
     */
    public GraphData toUndirected() {
        int[] s;
        int[] t;
        float[] w = null;
        if (weights == null) {
            // Unweighted (the large-graph case): sort packed pairs instead of boxing them in a map.
            long[] keys = new long[2 * sources.length];
            for (int e = 0; e < sources.length; e++) {
                keys[2 * e] = key(sources[e], targets[e]);
                keys[2 * e + 1] = key(targets[e], sources[e]);
            }
            long[] unique = sortedDistinct(keys);
            s = new int[unique.length];
            t = new int[unique.length];
            for (int i = 0; i < unique.length; i++) {
                s[i] = (int) (unique[i] >>> 32);
                t[i] = (int) unique[i];
            }
        } else {
            Map<Long, Float> pairs = new HashMap<>();
            for (int e = 0; e < sources.length; e++) {
                put(pairs, sources[e], targets[e], weights[e]);
                put(pairs, targets[e], sources[e], weights[e]);
            }
            long[] keys = pairs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            s = new int[keys.length];
            t = new int[keys.length];
            w = new float[keys.length];
            for (int i = 0; i < keys.length; i++) {
                s[i] = (int) (keys[i] >>> 32);
                t[i] = (int) keys[i];
                w[i] = pairs.get(keys[i]);
            }
        }
        Builder b = toBuilder();
        b.sources = s;
        b.targets = t;
        b.weights = w;
        return b.build();
    }

    /** Packs a pair of non-negative node ids so that packed keys sort by (first, second). */
    private static long key(int first, int second) {
        return ((long) first << 32) | second;
    }

    private static long[] sortedDistinct(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private void put(Map<Long, Float> pairs, int s, int t, float w) {
        Float old = pairs.put(key(s, t), w);
        if (old != null && old != w) {
            throw new IllegalArgumentException("Graph '" + name + "' has edge " + s + " -> " + t + " twice, with weights " + old
                    + " and " + w + "; give each undirected pair one weight.");
        }
    }

    /**
     * Returns whether every edge {@code s -> t} has its reverse {@code t -> s} with the same weight.
     *
     * @return true for an undirected graph in the both-directions convention
     */
    public boolean isUndirected() {
        if (weights == null) {
            long[] forward = new long[sources.length];
            long[] backward = new long[sources.length];
            for (int e = 0; e < sources.length; e++) {
                forward[e] = key(sources[e], targets[e]);
                backward[e] = key(targets[e], sources[e]);
            }
            return Arrays.equals(sortedDistinct(forward), sortedDistinct(backward));
        }
        Map<Long, Float> pairs = new HashMap<>();
        for (int e = 0; e < sources.length; e++) {
            pairs.put(key(sources[e], targets[e]), weights[e]);
        }
        for (int e = 0; e < sources.length; e++) {
            Float back = pairs.get(key(targets[e], sources[e]));
            if (back == null || back != weights[e]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the graph with row-normalised features (Kipf's {@code preprocess_features}: each row
     * divided by its sum; zero rows stay zero). Sparse features stay sparse.
     *
     * @return a new graph, features {@code [N, F]}
     */
    public GraphData withRowNormalizedFeatures() {
        return toBuilder().features(features.rowNormalized()).build();
    }

    /**
     * Returns the dense adjacency matrix as PyG's {@code to_dense_adj}: {@code A[s][t]} is the sum
     * of the weights (1 when unweighted) of the edges {@code s -> t}. For an undirected graph it is
     * symmetric. Only for small graphs: it holds N² values.
     *
     * @param type the element type
     * @return a new array {@code [N, N]}
     * @throws IllegalArgumentException if N² exceeds the int range
     */
    public INDArray denseAdjacency(DataType type) {
        if ((long) numNodes * numNodes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Graph '" + name + "' has " + numNodes
                    + " nodes, too many for a dense adjacency; use the edge list.");
        }
        double[] a = new double[numNodes * numNodes];
        for (int e = 0; e < sources.length; e++) {
            a[sources[e] * numNodes + targets[e]] += weights == null ? 1 : weights[e];
        }
        return Nd4j.create(a, new long[] {numNodes, numNodes}, 'c').castTo(type);
    }

    /**
     * Counts nodes, edges, features, classes, split sizes, isolated nodes and feature density.
     *
     * @return the statistics
     */
    public GraphStatistics stats() {
        boolean[] touched = new boolean[numNodes];
        int selfLoops = 0;
        for (int e = 0; e < sources.length; e++) {
            if (sources[e] == targets[e]) {
                selfLoops++;
            } else {
                touched[sources[e]] = true;
                touched[targets[e]] = true;
            }
        }
        int isolated = 0;
        for (boolean t : touched) {
            if (!t) {
                isolated++;
            }
        }
        int unlabeled = 0;
        int[] classCounts = new int[labels == null ? 0 : numClasses];
        if (labels != null) {
            for (int l : labels) {
                if (l < 0) {
                    unlabeled++;
                } else {
                    classCounts[l]++;
                }
            }
        }
        return new GraphStatistics(name, numNodes, sources.length, selfLoops, isUndirected(), weights != null,
                features.columns(), features.isSparse(), features.nonZeros(), features.density(),
                labels == null ? 0 : numClasses, classCounts, unlabeled,
                split == null ? 0 : split.train().length, split == null ? 0 : split.val().length,
                split == null ? 0 : split.test().length, isolated);
    }

    /**
     * Returns the statistics as a small table, one quantity per line (like PyG's STATS table).
     *
     * @return the text
     */
    public String statistics() {
        return stats().toText();
    }

    @Override
    public String toString() {
        return "GraphData[" + name + ", N=" + numNodes + ", E=" + sources.length + ", F=" + features.columns() + "]";
    }

    /** Collects and validates the parts of a {@link GraphData}. */
    public static final class Builder {
        private final String name;
        private final int numNodes;
        private NodeFeatures features;
        private int[] sources;
        private int[] targets;
        private float[] weights;
        private int[] labels;
        private int numClasses;
        private NodeSplit split;

        private Builder(String name, int numNodes) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A graph needs a name for its statistics and messages; pass one such as \"Cora\".");
            }
            if (numNodes < 1) {
                throw new IllegalArgumentException("Graph '" + name + "' has " + numNodes + " nodes; a graph needs at least one node.");
            }
            this.name = name;
            this.numNodes = numNodes;
        }

        /**
         * Sets the node features.
         *
         * @param features {@code [N, F]}, dense or CSR
         * @return this builder
         */
        public Builder features(NodeFeatures features) {
            this.features = features;
            return this;
        }

        /**
         * Sets dense node features.
         *
         * @param features {@code [N, F]}
         * @return this builder
         */
        public Builder features(INDArray features) {
            this.features = DenseFeatures.of(features);
            return this;
        }

        /**
         * Sets the edges, unweighted unless {@link #edgeWeights(float[])} follows.
         *
         * @param sources {@code [E]} source node ids
         * @param targets {@code [E]} target node ids
         * @return this builder
         */
        public Builder edges(int[] sources, int[] targets) {
            if (sources == null || targets == null || sources.length != targets.length) {
                throw new IllegalArgumentException("Graph '" + name + "' got " + (sources == null ? "no" : sources.length)
                        + " sources and " + (targets == null ? "no" : targets.length) + " targets; pass one source and one target per edge.");
            }
            this.sources = sources.clone();
            this.targets = targets.clone();
            this.weights = null;
            return this;
        }

        /**
         * Sets the edges from an {@code [E, 2]} integer array of (source, target) pairs.
         *
         * @param edges {@code [E, 2]}
         * @return this builder
         */
        public Builder edges(INDArray edges) {
            int[][] st = GraphArrays.toPairs(edges, "Graph '" + name + "' edges");
            return edges(st[0], st[1]);
        }

        /**
         * Sets one weight per edge (call after the edges).
         *
         * @param weights {@code [E]} finite weights, or {@code null} for an unweighted graph
         * @return this builder
         */
        public Builder edgeWeights(float[] weights) {
            this.weights = weights == null ? null : weights.clone();
            return this;
        }

        /**
         * Sets one weight per edge (call after the edges).
         *
         * @param weights {@code [E]}, or {@code null} for an unweighted graph
         * @return this builder
         */
        public Builder edgeWeights(INDArray weights) {
            return edgeWeights(weights == null ? null : weights.castTo(DataType.FLOAT).dup('c').data().asFloat());
        }

        /**
         * Sets the node labels.
         *
         * @param labels     {@code [N]} class ids 0 .. C-1, or {@value GraphData#UNLABELED}
         * @param numClasses C, at least 1
         * @return this builder
         */
        public Builder labels(int[] labels, int numClasses) {
            this.labels = labels == null ? null : labels.clone();
            this.numClasses = numClasses;
            return this;
        }

        /**
         * Sets the train/val/test split.
         *
         * @param split the split, or {@code null} for none
         * @return this builder
         */
        public Builder split(NodeSplit split) {
            this.split = split;
            return this;
        }

        /**
         * Validates every part and builds the graph.
         *
         * @return the graph
         * @throws IllegalArgumentException naming the first problem: missing features or edges,
         *                                  feature rows not matching N, no edges, an edge id out
         *                                  of range, a weight that is not finite, a label out of
         *                                  range, a split node out of range or unlabeled
         */
        public GraphData build() {
            String g = "Graph '" + name + "'";
            if (features == null) {
                throw new IllegalArgumentException(g + " has no node features; pass them with features(...) "
                        + "(DenseFeatures.identity(N) gives one-hot node ids).");
            }
            if (features.rows() != numNodes) {
                throw new IllegalArgumentException(g + " has " + numNodes + " nodes but its features have " + features.rows()
                        + " rows; give one feature row per node.");
            }
            if (sources == null || sources.length == 0) {
                throw new IllegalArgumentException(g + " has no edges; a graph model needs at least one edge "
                        + "(add self loops if the nodes really are unconnected).");
            }
            for (int e = 0; e < sources.length; e++) {
                checkNode(g, "source", e, sources[e]);
                checkNode(g, "target", e, targets[e]);
            }
            if (weights != null) {
                if (weights.length != sources.length) {
                    throw new IllegalArgumentException(g + " has " + sources.length + " edges but " + weights.length
                            + " edge weights; give one weight per edge.");
                }
                for (int e = 0; e < weights.length; e++) {
                    if (!Float.isFinite(weights[e])) {
                        throw new IllegalArgumentException(g + " edge " + e + " (" + sources[e] + " -> " + targets[e] + ") has weight "
                                + weights[e] + "; give every edge a finite weight.");
                    }
                }
            }
            if (labels != null) {
                checkLabels(g);
            }
            if (split != null) {
                checkSplit(g);
            }
            return new GraphData(this);
        }

        private void checkNode(String g, String end, int e, int node) {
            if (node < 0 || node >= numNodes) {
                throw new IllegalArgumentException(g + " edge " + e + " has " + end + " " + node + " but the node ids run from 0 to "
                        + (numNodes - 1) + "; fix the edge or the node count" + (node == numNodes ? " (are the ids 1-based?)" : "") + ".");
            }
        }

        private void checkLabels(String g) {
            if (numClasses < 1) {
                throw new IllegalArgumentException(g + " has numClasses " + numClasses + "; give the number of classes, at least 1.");
            }
            if (labels.length != numNodes) {
                throw new IllegalArgumentException(g + " has " + numNodes + " nodes but " + labels.length
                        + " labels; give one label per node (" + UNLABELED + " for none).");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < UNLABELED || labels[i] >= numClasses) {
                    throw new IllegalArgumentException(g + " node " + i + " has label " + labels[i] + " but the classes are 0 to "
                            + (numClasses - 1) + "; fix the label or numClasses (" + UNLABELED + " marks an unlabeled node).");
                }
            }
        }

        private void checkSplit(String g) {
            if (split.maxId() >= numNodes) {
                throw new IllegalArgumentException(g + " has " + numNodes + " nodes but its split names node " + split.maxId()
                        + "; split ids must run from 0 to " + (numNodes - 1) + ".");
            }
            if (labels == null) {
                throw new IllegalArgumentException(g + " has a train/val/test split but no labels; give the labels too.");
            }
            for (int[] set : new int[][] {split.train(), split.val(), split.test()}) {
                for (int node : set) {
                    if (labels[node] == UNLABELED) {
                        throw new IllegalArgumentException(g + " split " + describe(set) + " contains node " + node
                                + " whose label is " + UNLABELED + " (unlabeled); leave unlabeled nodes out of the split.");
                    }
                }
            }
        }

        private String describe(int[] set) {
            return Arrays.equals(set, split.train()) ? "train" : Arrays.equals(set, split.val()) ? "val" : "test";
        }
    }
}
