package org.sdzoo.datasets.graph;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a {@link GraphData} holds, counted.
 *
 * @param name            the graph's name
 * @param nodes           N
 * @param edges           E, directed entries (an undirected pair counts twice, a self loop once)
 * @param selfLoops       entries with source equal to target
 * @param undirected      whether every edge has its reverse with the same weight
 * @param weighted        whether the edges carry weights
 * @param features        F
 * @param sparseFeatures  whether the features are stored as CSR
 * @param featureNonZeros nonzero feature values
 * @param featureDensity  {@code featureNonZeros / (N * F)}
 * @param classes         C, 0 when the graph has no labels
 * @param classCounts     nodes per class, {@code [C]}
 * @param unlabeled       nodes with label -1
 * @param train           training nodes (0 without a split)
 * @param val             validation nodes
 * @param test            test nodes
 * @param isolatedNodes   nodes with no edge to another node (self loops do not count)
 */
public record GraphStatistics(String name, int nodes, int edges, int selfLoops, boolean undirected, boolean weighted,
                              int features, boolean sparseFeatures, long featureNonZeros, double featureDensity,
                              int classes, int[] classCounts, int unlabeled, int train, int val, int test,
                              int isolatedNodes) {

    /** Copies the class counts. */
    public GraphStatistics {
        classCounts = classCounts.clone();
    }

    @Override
    public int[] classCounts() {
        return classCounts.clone();
    }

    /**
     * Formats the statistics as aligned lines.
     *
     * @return the text, one quantity per line
     */
    public String toText() {
        StringBuilder sb = new StringBuilder(name).append('\n');
        line(sb, "nodes", Integer.toString(nodes));
        String pairs = undirected ? " (" + ((edges - selfLoops) / 2 + selfLoops) + " undirected pairs)" : " (directed)";
        line(sb, "edges", edges + pairs + (weighted ? ", weighted" : ""));
        line(sb, "self loops", Integer.toString(selfLoops));
        line(sb, "isolated nodes", Integer.toString(isolatedNodes));
        line(sb, "features", features + (sparseFeatures ? " (CSR" : " (dense")
                + String.format(Locale.ROOT, ", %d nonzeros, density %.2f%%)", featureNonZeros, 100 * featureDensity));
        if (classes > 0) {
            line(sb, "classes", classes + " " + Arrays.toString(classCounts));
            line(sb, "unlabeled nodes", Integer.toString(unlabeled));
        }
        if (train > 0) {
            line(sb, "split", "train " + train + " / val " + val + " / test " + test);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-16s %s%n", key, value));
    }
}
