package org.sdzoo.datasets.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Many small graphs with one class label each, for graph classification (a TU data set such as
 * MUTAG). Immutable.
 */
public final class GraphCollection {

    private final String name;
    private final List<GraphData> graphs;
    private final int[] labels;
    private final int[] classValues;
    private final List<int[]> edgeLabels;

    /**
     * Validates and copies the parts.
     *
     * @param name        a name for statistics
     * @param graphs      the graphs, at least one, all with the same number of node features
     * @param labels      {@code [G]} class of each graph, 0 .. C-1
     * @param classValues {@code [C]} the label each class had in the source files (for example
     *                    −1 and 1 for MUTAG's classes 0 and 1)
     * @param edgeLabels  per graph, the label of each edge entry, or {@code null} when the source has none
     * @throws IllegalArgumentException if the parts do not fit together
     */
    public GraphCollection(String name, List<GraphData> graphs, int[] labels, int[] classValues, List<int[]> edgeLabels) {
        if (graphs == null || graphs.isEmpty()) {
            throw new IllegalArgumentException("Collection '" + name + "' has no graphs; give it at least one.");
        }
        if (labels == null || labels.length != graphs.size()) {
            throw new IllegalArgumentException("Collection '" + name + "' has " + graphs.size() + " graphs but "
                    + (labels == null ? "no" : labels.length) + " graph labels; give one label per graph.");
        }
        if (classValues == null || classValues.length < 1) {
            throw new IllegalArgumentException("Collection '" + name + "' has no classes; give the original value of each class.");
        }
        int features = graphs.get(0).numFeatures();
        for (int g = 0; g < graphs.size(); g++) {
            if (graphs.get(g).numFeatures() != features) {
                throw new IllegalArgumentException("Graph " + g + " of '" + name + "' has " + graphs.get(g).numFeatures()
                        + " node features but graph 0 has " + features + "; give every graph the same features.");
            }
            if (labels[g] < 0 || labels[g] >= classValues.length) {
                throw new IllegalArgumentException("Graph " + g + " of '" + name + "' has class " + labels[g] + " but the classes are 0 to "
                        + (classValues.length - 1) + "; fix the label.");
            }
        }
        if (edgeLabels != null) {
            if (edgeLabels.size() != graphs.size()) {
                throw new IllegalArgumentException("Collection '" + name + "' has " + graphs.size() + " graphs but edge labels for "
                        + edgeLabels.size() + "; give edge labels for every graph or none.");
            }
            for (int g = 0; g < graphs.size(); g++) {
                if (edgeLabels.get(g).length != graphs.get(g).numEdges()) {
                    throw new IllegalArgumentException("Graph " + g + " of '" + name + "' has " + graphs.get(g).numEdges()
                            + " edges but " + edgeLabels.get(g).length + " edge labels; give one label per edge.");
                }
            }
        }
        this.name = name;
        this.graphs = List.copyOf(graphs);
        this.labels = labels.clone();
        this.classValues = classValues.clone();
        List<int[]> copies = null;
        if (edgeLabels != null) {
            copies = new ArrayList<>();
            for (int[] e : edgeLabels) {
                copies.add(e.clone());
            }
        }
        this.edgeLabels = copies;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return G, the number of graphs */
    public int size() {
        return graphs.size();
    }

    /** @return the graphs, unmodifiable */
    public List<GraphData> graphs() {
        return graphs;
    }

    /**
     * Returns one graph.
     *
     * @param index 0 .. G-1
     * @return the graph
     */
    public GraphData graph(int index) {
        return graphs.get(index);
    }

    /** @return a copy of the class of each graph, {@code [G]}, 0 .. C-1 */
    public int[] labels() {
        return labels.clone();
    }

    /** @return C */
    public int numClasses() {
        return classValues.length;
    }

    /** @return F, the node features of every graph */
    public int numNodeFeatures() {
        return graphs.get(0).numFeatures();
    }

    /**
     * Returns the label a class had in the source files.
     *
     * @param cls 0 .. C-1
     * @return the original value, such as −1 for MUTAG's class 0
     */
    public int classValue(int cls) {
        return classValues[cls];
    }

    /** @return whether the edges carry labels */
    public boolean hasEdgeLabels() {
        return edgeLabels != null;
    }

    /**
     * Returns the edge labels of one graph.
     *
     * @param index 0 .. G-1
     * @return a copy, one label per edge entry of {@code graph(index)}
     * @throws IllegalStateException if the collection has no edge labels
     */
    public int[] edgeLabels(int index) {
        if (edgeLabels == null) {
            throw new IllegalStateException("Collection '" + name + "' has no edge labels.");
        }
        return edgeLabels.get(index).clone();
    }

    /**
     * Selects graphs (for a fold of cross-validation).
     *
     * @param indices graph indices, in the order wanted
     * @return a collection of those graphs with their labels
     */
    public GraphCollection subset(int[] indices) {
        List<GraphData> g = new ArrayList<>();
        int[] l = new int[indices.length];
        List<int[]> e = edgeLabels == null ? null : new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            g.add(graphs.get(indices[i]));
            l[i] = labels[indices[i]];
            if (e != null) {
                e.add(edgeLabels.get(indices[i]));
            }
        }
        return new GraphCollection(name, g, l, classValues, e);
    }

    /** @return graphs per class, {@code [C]} */
    public int[] classCounts() {
        int[] counts = new int[classValues.length];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** @return the total number of nodes over all graphs */
    public long totalNodes() {
        return graphs.stream().mapToLong(GraphData::numNodes).sum();
    }

    /** @return the total number of edge entries over all graphs */
    public long totalEdges() {
        return graphs.stream().mapToLong(GraphData::numEdges).sum();
    }

    /**
     * Returns the statistics as a small table: graphs, nodes (total, min, max, mean), edge entries,
     * node features, classes with their counts and how the original labels were mapped.
     *
     * @return the text
     */
    public String statistics() {
        int min = graphs.stream().mapToInt(GraphData::numNodes).min().orElse(0);
        int max = graphs.stream().mapToInt(GraphData::numNodes).max().orElse(0);
        StringBuilder map = new StringBuilder();
        for (int c = 0; c < classValues.length; c++) {
            map.append(c == 0 ? "" : ", ").append(classValues[c]).append(" -> ").append(c);
        }
        StringBuilder sb = new StringBuilder(name).append('\n');
        line(sb, "graphs", Integer.toString(graphs.size()));
        line(sb, "nodes", String.format(Locale.ROOT, "%d (%d to %d per graph, mean %.2f)", totalNodes(), min, max,
                (double) totalNodes() / graphs.size()));
        line(sb, "edges", totalEdges() + " directed entries" + (hasEdgeLabels() ? ", labelled" : ""));
        line(sb, "node features", Integer.toString(numNodeFeatures()));
        line(sb, "classes", classValues.length + " " + Arrays.toString(classCounts()) + " (labels mapped " + map + ")");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-16s %s%n", key, value));
    }

    @Override
    public String toString() {
        return "GraphCollection[" + name + ", " + graphs.size() + " graphs]";
    }
}
