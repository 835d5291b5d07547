package org.sdzoo.datasets.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.sdzoo.datasets.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's graph in three CSV files (each with a header row; read by {@link CsvTable}):
 * <ul>
 *   <li><b>edges</b> (required): columns {@code source,target} and optionally {@code weight}; one
 *       directed edge per row, node ids 0 .. N−1;</li>
 *   <li><b>features</b> (optional): a column {@code node} and one column per feature, one row per
 *       node 0 .. N−1 in any order. Without it, N is the largest id in the other files plus 1 and
 *       the features are one-hot node ids (sparse identity);</li>
 *   <li><b>labels</b> (optional): columns {@code node,label} and optionally {@code split}
 *       ({@code train}, {@code val}, {@code test} or empty); label −1 or a missing row means
 *       unlabeled; C = the largest label plus 1.</li>
 * </ul>
 * Errors name the file, the data row (counted from 1 after the header) and the column.
 */
public final class GraphCsv {

    private static final Logger LOG = LoggerFactory.getLogger(GraphCsv.class);
    private static final Set<String> EDGE_COLUMNS = Set.of("source", "target", "weight");
    private static final Set<String> LABEL_COLUMNS = Set.of("node", "label", "split");

    private GraphCsv() {
    }

    /**
     * Reads a graph from CSV files.
     *
     * @param name       a name for statistics
     * @param edges      the edge-list CSV
     * @param features   the node-feature CSV, or {@code null} for one-hot node ids
     * @param labels     the label CSV, or {@code null} for none
     * @param undirected whether to add the reverse of every edge ({@link GraphData#toUndirected()})
     * @return the graph
     * @throws IOException              if a file is missing or unreadable
     * @throws IllegalArgumentException if a file is malformed: ragged rows, non-integer ids,
     *                                  ids out of range, nodes listed twice, unknown columns
     */
    public static GraphData read(String name, Path edges, Path features, Path labels, boolean undirected) throws IOException {
        if (edges == null) {
            throw new IllegalArgumentException("The edge-list CSV is required (columns source,target[,weight]); pass its path.");
        }
        CsvTable edgeTable = CsvTable.read(edges);
        requireColumns(edgeTable, List.of("source", "target"), EDGE_COLUMNS);
        int[] sources = ids(edgeTable, "source");
        int[] targets = ids(edgeTable, "target");
        float[] weights = edgeTable.header().contains("weight")
                ? edgeTable.column("weight", DataType.FLOAT).toFloatVector() : null;

        CsvTable labelTable = labels == null ? null : CsvTable.read(labels);
        if (labelTable != null) {
            requireColumns(labelTable, List.of("node", "label"), LABEL_COLUMNS);
        }
        NodeFeatures x;
        int numNodes;
        String nodeSource;
        if (features != null) {
            CsvTable featureTable = CsvTable.read(features);
            x = features(featureTable);
            numNodes = x.rows();
            nodeSource = "one per row of " + fileName(featureTable);
        } else {
            int max = max(sources, max(targets, labelTable == null ? -1 : max(ids(labelTable, "node"), -1)));
            numNodes = max + 1;
            x = identity(numNodes);
            nodeSource = "the largest id in the edges and labels plus 1";
        }
        checkRange(edgeTable, "source", sources, numNodes, nodeSource);
        checkRange(edgeTable, "target", targets, numNodes, nodeSource);
        GraphData.Builder b = GraphData.builder(name, numNodes).features(x).edges(sources, targets).edgeWeights(weights);
        if (labelTable != null) {
            labels(labelTable, numNodes, nodeSource, b);
        }
        GraphData graph = b.build();
        if (undirected) {
            graph = graph.toUndirected();
        }
        LOG.info("Loaded {} from {}\n{}", name, edges.toAbsolutePath(), graph.statistics());
        return graph;
    }

    private static void labels(CsvTable table, int numNodes, String nodeSource, GraphData.Builder b) {
        int[] nodes = ids(table, "node");
        checkRange(table, "node", nodes, numNodes, nodeSource);
        int[] values = ids(table, "label");
        int[] labels = new int[numNodes];
        java.util.Arrays.fill(labels, GraphData.UNLABELED);
        int[] rowOf = new int[numNodes];
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        boolean hasSplit = table.header().contains("split");
        int maxLabel = -1;
        for (int r = 0; r < nodes.length; r++) {
            int node = nodes[r];
            if (rowOf[node] != 0) {
                throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column 'node': node " + node
                        + " is listed again (first in row " + rowOf[node] + "); give each node one label row.");
            }
            rowOf[node] = r + 1;
            if (values[r] < GraphData.UNLABELED) {
                throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column 'label': " + values[r]
                        + " is not a class; use 0, 1, ... or -1 for an unlabeled node.");
            }
            labels[node] = values[r];
            maxLabel = Math.max(maxLabel, values[r]);
            if (hasSplit) {
                String s = table.cell(r + 1, "split").toLowerCase(Locale.ROOT);
                switch (s) {
                    case "train" -> train.add(node);
                    case "val" -> val.add(node);
                    case "test" -> test.add(node);
                    case "" -> { }
                    default -> throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column 'split': '" + s
                            + "' is not a split; use train, val, test or leave it empty.");
                }
            }
        }
        if (maxLabel < 0) {
            throw new IllegalArgumentException(fileName(table) + " labels no node (every label is -1); give at least one class label.");
        }
        warnOfUnusedClasses(table, labels, maxLabel + 1);
        b.labels(labels, maxLabel + 1);
        if (hasSplit) {
            int[] tr = train.stream().mapToInt(Integer::intValue).toArray();
            int[] te = test.stream().mapToInt(Integer::intValue).toArray();
            b.split(val.isEmpty() ? NodeSplit.withoutValidation(tr, te)
                    : NodeSplit.of(tr, val.stream().mapToInt(Integer::intValue).toArray(), te));
        }
    }

    private static NodeFeatures features(CsvTable table) {
        if (!table.header().contains("node")) {
            throw new IllegalArgumentException(fileName(table) + " has no column 'node'; its header must be node,<feature>,<feature>,...");
        }
        List<String> columns = new ArrayList<>(table.header());
        columns.remove("node");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(fileName(table) + " has only the column 'node'; add one column per feature.");
        }
        int[] nodes = ids(table, "node");
        int n = nodes.length;
        checkRange(table, "node", nodes, n, "one per row of " + fileName(table));
        int[] rowOf = new int[n];
        for (int r = 0; r < n; r++) {
            if (rowOf[nodes[r]] != 0) {
                throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column 'node': node " + nodes[r]
                        + " is listed again (first in row " + rowOf[nodes[r]] + "); give each node exactly one row.");
            }
            rowOf[nodes[r]] = r + 1;
        }
        float[] values = table.columns(columns, DataType.FLOAT).dup('c').data().asFloat();
        int f = columns.size();
        float[] ordered = new float[n * f];
        for (int r = 0; r < n; r++) {
            System.arraycopy(values, r * f, ordered, nodes[r] * f, f);
        }
        return DenseFeatures.of(n, f, ordered);
    }

    private static CsrFeatures identity(int n) {
        int[] indptr = new int[n + 1];
        int[] indices = new int[n];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            indptr[i + 1] = i + 1;
            indices[i] = i;
            values[i] = 1f;
        }
        return CsrFeatures.of(n, n, indptr, indices, values);
    }

    private static void requireColumns(CsvTable table, List<String> required, Set<String> allowed) {
        for (String c : required) {
            if (!table.header().contains(c)) {
                throw new IllegalArgumentException(fileName(table) + " has no column '" + c + "'; its header must be "
                        + String.join(",", required) + " (columns: " + table.header() + ").");
            }
        }
        for (String c : table.header()) {
            if (!allowed.contains(c)) {
                throw new IllegalArgumentException(fileName(table) + " has an unknown column '" + c + "'; allowed columns are "
                        + allowed.stream().sorted().toList() + ".");
            }
        }
    }

    private static int[] ids(CsvTable table, String column) {
        long[] values = table.column(column, DataType.INT64).toLongVector();
        int[] ids = new int[values.length];
        for (int r = 0; r < values.length; r++) {
            if (values[r] > Integer.MAX_VALUE || values[r] < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column '" + column + "': " + values[r]
                        + " is too large for a node id.");
            }
            ids[r] = (int) values[r];
        }
        return ids;
    }

    private static void checkRange(CsvTable table, String column, int[] ids, int numNodes, String nodeSource) {
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= numNodes) {
                throw new IllegalArgumentException(fileName(table) + " row " + (r + 1) + " column '" + column + "': node " + ids[r]
                        + " is out of range; the node ids run from 0 to " + (numNodes - 1) + " (" + nodeSource + ").");
            }
        }
    }

    /**
     * Classes are the ids 0 .. C-1 with C the largest label plus 1: a gap (labels 0 and 5 only)
     * gives a model classes no node has, which train and predict would carry silently.
     */
    private static void warnOfUnusedClasses(CsvTable table, int[] labels, int classes) {
        boolean[] used = new boolean[classes];
        for (int label : labels) {
            if (label >= 0) {
                used[label] = true;
            }
        }
        List<Integer> unused = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (!used[c]) {
                unused.add(c);
            }
        }
        if (!unused.isEmpty()) {
            LOG.warn("{}: classes are 0 .. {} (the largest label plus 1) but no node has class {}: the model will have {}"
                    + " outputs; number the classes 0, 1, ... without gaps to avoid the empty ones", fileName(table),
                    classes - 1, unused.size() > 10 ? unused.subList(0, 10) + " …" : unused, classes);
        }
    }

    private static int max(int[] a, int floor) {
        int m = floor;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static String fileName(CsvTable table) {
        return table.path().getFileName().toString();
    }
}
