package org.sdzoo.datasets.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A link-prediction split of an undirected graph, as tkipf/gae's {@code mask_test_edges}: the
 * undirected edges (each pair once, self loops dropped) are shuffled with the seed; 10% become
 * test positives, 5% validation positives (both rounded down), the rest training positives. The
 * training graph keeps only the training edges, both directions, so the model never sees a
 * held-out edge. Validation and test negatives are as many node pairs {@code (u, v)}, {@code u ≠ v},
 * drawn uniformly with the seed among the pairs that are no edge of the full graph; unlike gae, the
 * validation negatives also avoid the test negatives (no pair is used twice). An undirected edge
 * is kept together: its two directions always land in the same part. Immutable.
 */
public final class LinkSplit {

    private final GraphData trainGraph;
    private final int[][] trainPositive;
    private final int[][] valPositive;
    private final int[][] valNegative;
    private final int[][] testPositive;
    private final int[][] testNegative;

    private LinkSplit(GraphData trainGraph, int[][] trainPositive, int[][] valPositive, int[][] valNegative,
                      int[][] testPositive, int[][] testNegative) {
        this.trainGraph = trainGraph;
        this.trainPositive = trainPositive;
        this.valPositive = valPositive;
        this.valNegative = valNegative;
        this.testPositive = testPositive;
        this.testNegative = testNegative;
    }

    /**
     * Splits with gae's fractions: 5% validation, 10% test.
     *
     * @param graph an undirected graph (both directions listed)
     * @param seed  the seed of the shuffle and the negative sampling
     * @return the split
     * @throws IllegalArgumentException as {@link #split(GraphData, double, double, long)}
     */
    public static LinkSplit split(GraphData graph, long seed) {
        return split(graph, 0.05, 0.10, seed);
    }

    /**
     * Splits the undirected edges of a graph into train, validation and test positives, with
     * sampled negatives for validation and test.
     *
     * @param graph        an undirected graph (both directions listed, see {@link GraphData#toUndirected()})
     * @param valFraction  the fraction of undirected edges held out for validation, in [0, 1)
     * @param testFraction the fraction held out for testing, in [0, 1); the two sum to less than 1
     * @param seed         the seed of the shuffle and the negative sampling
     * @return the split
     * @throws IllegalArgumentException if the graph is directed, the fractions are out of range,
     *                                  no training edge would remain, or the graph is too dense
     *                                  for the negatives needed
     */
    public static LinkSplit split(GraphData graph, double valFraction, double testFraction, long seed) {
        if (!graph.isUndirected()) {
            throw new IllegalArgumentException("Graph '" + graph.name() + "' is directed, but a link split keeps each undirected "
                    + "edge's two directions together; call toUndirected() first.");
        }
        if (!(valFraction >= 0 && testFraction >= 0 && valFraction + testFraction < 1)) {
            throw new IllegalArgumentException("valFraction " + valFraction + " and testFraction " + testFraction
                    + " must be 0 or more and sum to less than 1; gae uses 0.05 and 0.10.");
        }
        int[] s = graph.sources();
        int[] t = graph.targets();
        List<int[]> pairs = new ArrayList<>();
        for (int e = 0; e < s.length; e++) {
            if (s[e] < t[e]) {
                pairs.add(new int[] {s[e], t[e]});
            }
        }
        int total = pairs.size();
        int numTest = (int) Math.floor(total * testFraction);
        int numVal = (int) Math.floor(total * valFraction);
        if (total - numTest - numVal < 1) {
            throw new IllegalArgumentException("Graph '" + graph.name() + "' has " + total + " undirected edges, too few to hold out "
                    + (numVal + numTest) + " and keep one for training; use a larger graph or smaller fractions.");
        }
        Random random = new Random(seed);
        java.util.Collections.shuffle(pairs, random);
        int[][] test = pairs.subList(0, numTest).toArray(new int[0][]);
        int[][] val = pairs.subList(numTest, numTest + numVal).toArray(new int[0][]);
        int[][] train = pairs.subList(numTest + numVal, total).toArray(new int[0][]);
        java.util.Arrays.sort(train, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));

        Set<Long> taken = edgeSet(graph);
        int[][] testNeg = sample(graph.numNodes(), numTest, taken, random, graph.name());
        int[][] valNeg = sample(graph.numNodes(), numVal, taken, random, graph.name());

        int[] ts = new int[2 * train.length];
        int[] tt = new int[2 * train.length];
        for (int i = 0; i < train.length; i++) {
            ts[2 * i] = train[i][0];
            tt[2 * i] = train[i][1];
            ts[2 * i + 1] = train[i][1];
            tt[2 * i + 1] = train[i][0];
        }
        GraphData.Builder b = graph.toBuilder().edges(ts, tt);
        if (graph.hasEdgeWeights()) {
            b.edgeWeights(weightsOf(graph, ts, tt));
        }
        return new LinkSplit(b.build(), train, val, valNeg, test, testNeg);
    }

    /**
     * Samples node pairs that are not edges of a graph, for negatives drawn afresh each epoch.
     *
     * @param graph the graph whose edges (either direction) are excluded
     * @param count how many distinct unordered pairs, {@code u ≠ v}
     * @param seed  the seed
     * @return a new INT32 array {@code [count, 2]} with {@code u < v} in each row
     * @throws IllegalArgumentException if the graph has fewer than {@code count} non-adjacent pairs
     */
    public static INDArray sampleNegatives(GraphData graph, int count, long seed) {
        int[][] pairs = sample(graph.numNodes(), count, edgeSet(graph), new Random(seed), graph.name());
        return toArray(pairs);
    }

    private static Set<Long> edgeSet(GraphData graph) {
        int[] s = graph.sources();
        int[] t = graph.targets();
        Set<Long> set = new HashSet<>();
        for (int e = 0; e < s.length; e++) {
            set.add(key(Math.min(s[e], t[e]), Math.max(s[e], t[e])));
        }
        return set;
    }

    /** Adds the drawn pairs to {@code taken}, so later draws avoid them. */
    private static int[][] sample(int n, int count, Set<Long> taken, Random random, String name) {
        if (count < 0) {
            throw new IllegalArgumentException("Cannot sample " + count + " negative pairs; ask for 0 or more.");
        }
        long possible = (long) n * (n - 1) / 2;
        long free = possible - taken.stream().filter(k -> (int) (k >>> 32) != (int) (long) k).count();
        if (count > free) {
            throw new IllegalArgumentException("Graph '" + name + "' has only " + free + " unconnected node pairs left but " + count
                    + " negatives were asked for; hold out fewer edges.");
        }
        int[][] out = new int[count][];
        if (count > free / 2) {
            // Dense corner: rejection would stall, so enumerate the free pairs and take a seeded sample.
            List<int[]> all = new ArrayList<>();
            for (int u = 0; u < n; u++) {
                for (int v = u + 1; v < n; v++) {
                    if (!taken.contains(key(u, v))) {
                        all.add(new int[] {u, v});
                    }
                }
            }
            java.util.Collections.shuffle(all, random);
            for (int i = 0; i < count; i++) {
                out[i] = all.get(i);
                taken.add(key(out[i][0], out[i][1]));
            }
            return out;
        }
        for (int i = 0; i < count; ) {
            int a = random.nextInt(n);
            int b = random.nextInt(n);
            if (a == b) {
                continue;
            }
            int u = Math.min(a, b);
            int v = Math.max(a, b);
            if (taken.add(key(u, v))) {
                out[i++] = new int[] {u, v};
            }
        }
        return out;
    }

    private static float[] weightsOf(GraphData graph, int[] s, int[] t) {
        java.util.Map<Long, Float> w = new java.util.HashMap<>();
        int[] gs = graph.sources();
        int[] gt = graph.targets();
        float[] gw = graph.edgeWeightArray().orElseThrow();
        for (int e = 0; e < gs.length; e++) {
            w.put(key(gs[e], gt[e]), gw[e]);
        }
        float[] out = new float[s.length];
        for (int e = 0; e < s.length; e++) {
            out[e] = w.get(key(s[e], t[e]));
        }
        return out;
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xffffffffL);
    }

    private static INDArray toArray(int[][] pairs) {
        int[] s = new int[pairs.length];
        int[] t = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            s[i] = pairs[i][0];
            t[i] = pairs[i][1];
        }
        return GraphArrays.pairs(s, t);
    }

    /** @return the graph to train on: all nodes, only the training edges (both directions) */
    public GraphData trainGraph() {
        return trainGraph;
    }

    /** @return the training positives, a new INT32 array {@code [E_train, 2]}, each undirected edge once with u &lt; v */
    public INDArray trainPositive() {
        return toArray(trainPositive);
    }

    /** @return the validation positives, a new INT32 array {@code [E_val, 2]}, u &lt; v */
    public INDArray valPositive() {
        return toArray(valPositive);
    }

    /** @return the validation negatives, a new INT32 array {@code [E_val, 2]}, u &lt; v */
    public INDArray valNegative() {
        return toArray(valNegative);
    }

    /** @return the test positives, a new INT32 array {@code [E_test, 2]}, u &lt; v */
    public INDArray testPositive() {
        return toArray(testPositive);
    }

    /** @return the test negatives, a new INT32 array {@code [E_test, 2]}, u &lt; v */
    public INDArray testNegative() {
        return toArray(testNegative);
    }

    @Override
    public String toString() {
        return "LinkSplit[train " + trainPositive.length + ", val " + valPositive.length + "+" + valNegative.length
                + ", test " + testPositive.length + "+" + testNegative.length + " undirected pairs]";
    }
}
