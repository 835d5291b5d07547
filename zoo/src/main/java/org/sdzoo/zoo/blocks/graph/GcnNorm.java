package org.sdzoo.zoo.blocks.graph;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataChecks;
import org.sdzoo.datasets.graph.GraphData;

/**
 * Self loops and normalisation of a graph for GCN-style propagation, as pure functions on arrays
 * (like PyG's {@code gcn_norm}): {@code P = D^-1/2 Â D^-1/2}, {@code D^-1 Â} or {@code Â}, with
 * {@code Â = A + I} (or {@code A + 2I} when {@code improved}) and {@code D} the in-degree of
 * {@code Â} (the weighted number of messages a node receives, its own included).
 *
 * <p>Two forms give the same numbers: {@link #edges} returns the edge list with self loops and one
 * coefficient per edge, {@code [E', 2]} and {@code [E']}, for gather-and-segment-sum propagation;
 * {@link #dense} returns {@code P [N, N]} for small graphs. Both are computed in double precision,
 * by different routes (per-edge arithmetic against matrix algebra), and tested against each other.
 *
 * <p><b>Existing self loops</b> are handled as PyG's {@code add_remaining_self_loops}: when self
 * loops are added, every node ends with exactly one, in the order (non-loop edges in input order,
 * then the loops of nodes 0 .. N-1); a node that already had a self loop keeps that loop's weight
 * (the last one, if it had several) instead of the fill value 1 (or 2 when {@code improved}).
 * So with an unweighted graph, {@code improved} gives such a node 1, not 2. Without added self
 * loops the input's loops stay ordinary edges. tkipf's original code differs for CiteSeer's 124
 * self loops: it adds {@code I} on top, giving those nodes a diagonal of 2.
 *
 * <p><b>Isolated nodes</b>: a node whose in-degree is 0 gets coefficient 0 on every edge that
 * touches it (PyG sets the infinite {@code 0^-1/2} to 0); nothing is divided by zero.
 */
public final class GcnNorm {

    /**
     * What {@link GcnNorm} does.
     *
     * @param normalization how {@code Â} is normalised
     * @param addSelfLoops  whether to add self loops ({@code Â = A + I})
     * @param improved      whether self loops get weight 2 ({@code Â = A + 2I}, PyG's {@code improved}); needs
     *                      {@code addSelfLoops}
     */
    public record Settings(Normalization normalization, boolean addSelfLoops, boolean improved) {

        /**
         * Validates the combination.
         *
         * @throws IllegalArgumentException if the normalization is missing or {@code improved} is set without self loops
         */
        public Settings {
            if (normalization == null) {
                throw new IllegalArgumentException("normalization is missing: choose SYMMETRIC (GCN), ROW (mean) or NONE (sum).");
            }
            if (improved && !addSelfLoops) {
                throw new IllegalArgumentException("improved (Â = A + 2I) needs addSelfLoops; turn self loops on or improved off.");
            }
        }

        /** @return Kipf and Welling's GCN: symmetric, self loops of weight 1 */
        public static Settings gcn() {
            return new Settings(Normalization.SYMMETRIC, true, false);
        }
    }

    private GcnNorm() {
    }

    /**
     * Normalises a graph's edges.
     *
     * @param graph    the graph; its edge weights are used when it has them
     * @param settings what to do
     * @return the edges with self loops and their coefficients, {@code [E', 2]} and {@code [E']}
     * @throws IllegalArgumentException if symmetric normalisation meets a negative degree
     */
    public static NormalizedEdges edges(GraphData graph, Settings settings) {
        float[] w = graph.edgeWeightArray().orElse(null);
        return edges(graph.numNodes(), graph.sources(), graph.targets(), w == null ? null : toDouble(w), settings);
    }

    /**
     * Normalises an edge list.
     *
     * @param numNodes N
     * @param edges    {@code [E, 2]} integer (source, target) pairs
     * @param weights  {@code [E]} edge weights, or {@code null} for weight 1
     * @param settings what to do
     * @return the edges with self loops and their coefficients, {@code [E', 2]} and {@code [E']}
     * @throws IllegalArgumentException if the shapes are wrong, an id is out of range, a weight is
     *                                  not finite, or symmetric normalisation meets a negative degree
     */
    public static NormalizedEdges edges(int numNodes, INDArray edges, INDArray weights, Settings settings) {
        int[][] st = pairs(edges);
        double[] w = null;
        if (weights != null) {
            DataChecks.requireShape(weights, "edge weights", "give one weight per edge", st[0].length);
            w = weights.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        return edges(numNodes, st[0], st[1], w, settings);
    }

    /**
     * Normalises an edge list given as Java arrays.
     *
     * @param numNodes N
     * @param sources  {@code [E]} source ids
     * @param targets  {@code [E]} target ids
     * @param weights  {@code [E]} edge weights, or {@code null} for weight 1
     * @param settings what to do
     * @return the edges with self loops and their coefficients, {@code [E', 2]} and {@code [E']}
     * @throws IllegalArgumentException as {@link #edges(int, INDArray, INDArray, Settings)}
     */
    public static NormalizedEdges edges(int numNodes, int[] sources, int[] targets, double[] weights, Settings settings) {
        check(numNodes, sources, targets, weights, settings);
        int e = sources.length;
        double[] w = weights == null ? filled(e, 1.0) : weights;
        int[] s;
        int[] t;
        double[] ww;
        if (settings.addSelfLoops()) {
            double[] loop = filled(numNodes, settings.improved() ? 2.0 : 1.0);
            int kept = 0;
            for (int i = 0; i < e; i++) {
                if (sources[i] == targets[i]) {
                    loop[sources[i]] = w[i];
                } else {
                    kept++;
                }
            }
            s = new int[kept + numNodes];
            t = new int[kept + numNodes];
            ww = new double[kept + numNodes];
            int k = 0;
            for (int i = 0; i < e; i++) {
                if (sources[i] != targets[i]) {
                    s[k] = sources[i];
                    t[k] = targets[i];
                    ww[k++] = w[i];
                }
            }
            for (int n = 0; n < numNodes; n++, k++) {
                s[k] = n;
                t[k] = n;
                ww[k] = loop[n];
            }
        } else {
            s = sources.clone();
            t = targets.clone();
            ww = w.clone();
        }
        double[] degree = new double[numNodes];
        for (int i = 0; i < s.length; i++) {
            degree[t[i]] += ww[i];
        }
        double[] c = new double[s.length];
        switch (settings.normalization()) {
            case SYMMETRIC -> {
                double[] inv = inverseSqrt(degree);
                for (int i = 0; i < s.length; i++) {
                    c[i] = inv[s[i]] * ww[i] * inv[t[i]];
                }
            }
            case ROW -> {
                for (int i = 0; i < s.length; i++) {
                    c[i] = degree[t[i]] == 0 ? 0 : ww[i] / degree[t[i]];
                }
            }
            case NONE -> System.arraycopy(ww, 0, c, 0, c.length);
            default -> throw new IllegalStateException("Unknown normalization " + settings.normalization());
        }
        return new NormalizedEdges(numNodes, s, t, c);
    }

    /**
     * Builds the dense propagation matrix of an edge list by matrix algebra.
     *
     * @param numNodes N
     * @param edges    {@code [E, 2]} integer (source, target) pairs
     * @param weights  {@code [E]} edge weights, or {@code null} for weight 1
     * @param settings what to do
     * @return a new DOUBLE array {@code [N, N]}, {@code P[target][source]}, so a layer computes {@code P · H}
     * @throws IllegalArgumentException as {@link #edges(int, INDArray, INDArray, Settings)}
     */
    public static INDArray dense(int numNodes, INDArray edges, INDArray weights, Settings settings) {
        int[][] st = pairs(edges);
        double[] w = null;
        if (weights != null) {
            DataChecks.requireShape(weights, "edge weights", "give one weight per edge", st[0].length);
            w = weights.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
        check(numNodes, st[0], st[1], w, settings);
        requireDenseSize(numNodes);
        INDArray aT = Nd4j.zeros(DataType.DOUBLE, numNodes, numNodes);
        double[] loop = new double[numNodes];
        boolean[] hasLoop = new boolean[numNodes];
        for (int i = 0; i < st[0].length; i++) {
            double wi = w == null ? 1 : w[i];
            int s = st[0][i];
            int t = st[1][i];
            if (s == t && settings.addSelfLoops()) {
                loop[s] = wi;
                hasLoop[s] = true;
            } else {
                aT.putScalar(t, s, aT.getDouble(t, s) + wi);
            }
        }
        return normalizeTransposed(aT, loop, hasLoop, settings);
    }

    /**
     * Normalises a dense adjacency matrix (for example PyG's {@code to_dense_adj}, or
     * {@link GraphData#denseAdjacency}).
     *
     * @param adjacency {@code [N, N]}, {@code A[source][target]}; must be symmetric for {@code SYMMETRIC}
     * @param settings  what to do
     * @return a new DOUBLE array {@code [N, N]}, {@code P[target][source]}
     * @throws IllegalArgumentException if the matrix is not square, holds a non-finite value, or is
     *                                  asymmetric where symmetric normalisation needs it symmetric
     */
    public static INDArray dense(INDArray adjacency, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("GcnNorm settings are null; pass GcnNorm.Settings.gcn() or your own.");
        }
        if (adjacency == null || adjacency.rank() != 2 || adjacency.size(0) != adjacency.size(1)) {
            throw new IllegalArgumentException("The adjacency has shape " + (adjacency == null ? "null" : Arrays.toString(adjacency.shape()))
                    + " but a square [N, N] matrix was expected; build it with one row and one column per node.");
        }
        DataChecks.requireFinite(adjacency, "The adjacency");
        INDArray a = adjacency.castTo(DataType.DOUBLE).dup('c');
        int n = (int) a.size(0);
        if (settings.normalization() == Normalization.SYMMETRIC) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (a.getDouble(i, j) != a.getDouble(j, i)) {
                        throw new IllegalArgumentException("The adjacency is not symmetric (A[" + i + "][" + j + "] = " + a.getDouble(i, j)
                                + " but A[" + j + "][" + i + "] = " + a.getDouble(j, i) + "); symmetric normalisation needs an "
                                + "undirected graph: add the reverse edges, or use ROW or NONE.");
                    }
                }
            }
        }
        INDArray aT = a.transpose().dup('c');
        double[] loop = new double[n];
        boolean[] hasLoop = new boolean[n];
        if (settings.addSelfLoops()) {
            for (int i = 0; i < n; i++) {
                if (aT.getDouble(i, i) != 0) {
                    loop[i] = aT.getDouble(i, i);
                    hasLoop[i] = true;
                    aT.putScalar(i, i, 0);
                }
            }
        }
        return normalizeTransposed(aT, loop, hasLoop, settings);
    }

    private static INDArray normalizeTransposed(INDArray aT, double[] loop, boolean[] hasLoop, Settings settings) {
        int n = (int) aT.size(0);
        if (settings.addSelfLoops()) {
            double fill = settings.improved() ? 2.0 : 1.0;
            double[] diag = new double[n];
            for (int i = 0; i < n; i++) {
                diag[i] = hasLoop[i] ? loop[i] : fill;
            }
            aT.addi(Nd4j.diag(Nd4j.createFromArray(diag)));
        }
        INDArray degree = aT.sum(1); // [N], in-degree: row t of Aᵀ sums the messages t receives
        double[] deg = degree.data().asDouble();
        switch (settings.normalization()) {
            case SYMMETRIC -> {
                requireNonNegative(deg);
                INDArray inv = Nd4j.createFromArray(inverseSqrt(deg));
                return aT.mulColumnVector(inv.reshape(n, 1)).muliRowVector(inv.reshape(1, n));
            }
            case ROW -> {
                double[] inv = new double[n];
                for (int i = 0; i < n; i++) {
                    inv[i] = deg[i] == 0 ? 0 : 1 / deg[i];
                }
                return aT.mulColumnVector(Nd4j.createFromArray(inv).reshape(n, 1));
            }
            case NONE -> {
                return aT;
            }
            default -> throw new IllegalStateException("Unknown normalization " + settings.normalization());
        }
    }

    private static double[] inverseSqrt(double[] degree) {
        requireNonNegative(degree);
        double[] inv = new double[degree.length];
        for (int i = 0; i < degree.length; i++) {
            inv[i] = degree[i] == 0 ? 0 : 1 / Math.sqrt(degree[i]);
        }
        return inv;
    }

    private static void requireNonNegative(double[] degree) {
        for (int i = 0; i < degree.length; i++) {
            if (degree[i] < 0) {
                throw new IllegalArgumentException("Node " + i + " has weighted in-degree " + degree[i]
                        + "; symmetric normalisation needs non-negative degrees, so use non-negative edge weights or NONE.");
            }
        }
    }

    private static int[][] pairs(INDArray edges) {
        if (edges == null) {
            throw new IllegalArgumentException("The edges are null; pass an integer [E, 2] array of (source, target) pairs.");
        }
        DataChecks.requireShape(edges, "The edges", "pass (source, target) pairs as [E, 2]; transpose a PyG [2, E] edge_index first", -1, 2);
        if (!edges.dataType().isIntType()) {
            throw new IllegalArgumentException("The edges have type " + edges.dataType() + " but node ids must be integers; "
                    + "cast them to INT32 or INT64.");
        }
        long[] flat = edges.castTo(DataType.INT64).dup('c').data().asLong();
        int e = flat.length / 2;
        int[] s = new int[e];
        int[] t = new int[e];
        for (int i = 0; i < e; i++) {
            s[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, flat[2 * i]));
            t[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, flat[2 * i + 1]));
        }
        return new int[][] {s, t};
    }

    private static void check(int numNodes, int[] sources, int[] targets, double[] weights, Settings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("GcnNorm settings are null; pass GcnNorm.Settings.gcn() or your own.");
        }
        if (numNodes < 1) {
            throw new IllegalArgumentException("The graph has " + numNodes + " nodes; it needs at least one.");
        }
        if (sources == null || targets == null || sources.length != targets.length) {
            throw new IllegalArgumentException("Pass one source and one target per edge.");
        }
        if (sources.length == 0) {
            throw new IllegalArgumentException("The graph has no edges; a graph model needs at least one edge.");
        }
        for (int i = 0; i < sources.length; i++) {
            for (int id : new int[] {sources[i], targets[i]}) {
                if (id < 0 || id >= numNodes) {
                    throw new IllegalArgumentException("Edge " + i + " (" + sources[i] + " -> " + targets[i] + ") names node " + id
                            + " but the node ids run from 0 to " + (numNodes - 1) + "; fix the edge or the node count.");
                }
            }
        }
        if (weights != null) {
            if (weights.length != sources.length) {
                throw new IllegalArgumentException("There are " + sources.length + " edges but " + weights.length
                        + " edge weights; give one weight per edge.");
            }
            for (int i = 0; i < weights.length; i++) {
                if (!Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("Edge " + i + " has weight " + weights[i] + "; give every edge a finite weight.");
                }
            }
        }
    }

    private static void requireDenseSize(int numNodes) {
        if ((long) numNodes * numNodes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A dense [N, N] matrix for " + numNodes + " nodes is too large; use GcnNorm.edges.");
        }
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
