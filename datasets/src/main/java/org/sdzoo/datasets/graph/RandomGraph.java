package org.sdzoo.datasets.graph;

import java.util.Arrays;
import java.util.Random;

/**
 * Random graphs of a chosen size for benchmarks: uniformly random edges (no self loops, both
 * directions, duplicates merged), features with a chosen number of nonzeros per row (sparse like a
 * bag of words, or every entry), uniformly random labels and a random 60/20/20 split. The numbers
 * mean nothing; the shapes are what a benchmark needs (Cora's: {@link #coraShaped}).
 */
public final class RandomGraph {

    private RandomGraph() {
    }

    /**
     * A graph of Cora's shapes: 2708 nodes, 5278 undirected pairs (10556 directed edges before
     * merging the rare random duplicates), 1433 features with 18 nonzeros per row (Cora: 49216 of
     * 3.9M, 1.3%), 7 classes.
     *
     * @param seed the seed of everything random
     * @return the graph, features in CSR form
     */
    public static GraphData coraShaped(long seed) {
        return of("random graph of Cora's shapes", 2708, 5278, 1433, 18, 7, seed);
    }

    /**
     * Builds a random graph.
     *
     * @param name          a name for statistics
     * @param numNodes      N
     * @param numPairs      the undirected pairs drawn (each becomes two directed edges; a repeated
     *                      pair is merged, so E can be slightly below {@code 2 · numPairs})
     * @param numFeatures   F
     * @param nonZerosPerRow the nonzeros of each feature row, at random columns, value 1; F or more
     *                      gives dense features of uniform values in [0, 1)
     * @param numClasses    C
     * @param seed          the seed of everything random
     * @return the graph: CSR features when {@code nonZerosPerRow < numFeatures}, else dense
     * @throws IllegalArgumentException if a size is below 1, or fewer than 2 nodes
     */
    public static GraphData of(String name, int numNodes, int numPairs, int numFeatures, int nonZerosPerRow,
                               int numClasses, long seed) {
        if (numNodes < 2 || numPairs < 1 || numFeatures < 1 || nonZerosPerRow < 1 || numClasses < 1) {
            throw new IllegalArgumentException("a random graph needs at least 2 nodes and 1 pair, feature, nonzero and"
                    + " class (got " + numNodes + ", " + numPairs + ", " + numFeatures + ", " + nonZerosPerRow + ", "
                    + numClasses + ")");
        }
        Random random = new Random(seed);
        int[] sources = new int[numPairs];
        int[] targets = new int[numPairs];
        for (int e = 0; e < numPairs; e++) {
            int s = random.nextInt(numNodes);
            int t = random.nextInt(numNodes - 1);
            sources[e] = s;
            targets[e] = t >= s ? t + 1 : t; // never a self loop
        }
        int[] labels = new int[numNodes];
        for (int i = 0; i < numNodes; i++) {
            labels[i] = random.nextInt(numClasses);
        }
        GraphData.Builder b = GraphData.builder(name, numNodes).features(features(numNodes, numFeatures, nonZerosPerRow,
                random)).edges(sources, targets).labels(labels, numClasses);
        GraphData graph = b.build().toUndirected();
        return graph.toBuilder().split(NodeSplit.random(labels, 0.2, 0.2, seed)).build();
    }

    private static NodeFeatures features(int n, int f, int perRow, Random random) {
        if (perRow >= f) {
            float[] values = new float[Math.multiplyExact(n, f)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat();
            }
            return DenseFeatures.of(n, f, values);
        }
        int[] indptr = new int[n + 1];
        int[] indices = new int[Math.multiplyExact(n, perRow)];
        float[] values = new float[indices.length];
        Arrays.fill(values, 1f);
        int[] row = new int[perRow];
        for (int i = 0; i < n; i++) {
            // distinct sorted columns per row: draw until perRow different ones
            int k = 0;
            while (k < perRow) {
                int c = random.nextInt(f);
                boolean seen = false;
                for (int j = 0; j < k; j++) {
                    seen |= row[j] == c;
                }
                if (!seen) {
                    row[k++] = c;
                }
            }
            Arrays.sort(row);
            System.arraycopy(row, 0, indices, i * perRow, perRow);
            indptr[i + 1] = (i + 1) * perRow;
        }
        return CsrFeatures.of(n, f, indptr, indices, values);
    }
}
