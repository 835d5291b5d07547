package org.sdzoo.datasets.graph;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.sdzoo.datasets.DatasetFile;
import org.sdzoo.datasets.Downloader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graph classification data sets in the TU Dortmund text format (Morris et al., 2020): in a folder,
 * {@code <NAME>_A.txt} (one directed edge entry {@code i, j} per line, 1-based global node ids),
 * {@code <NAME>_graph_indicator.txt} (line i: the 1-based graph of node i),
 * {@code <NAME>_graph_labels.txt} (line g: the class of graph g), {@code <NAME>_node_labels.txt}
 * (line i: the label of node i) and optionally {@code <NAME>_edge_labels.txt} (line k: the label
 * of edge entry k).
 *
 * <p>As PyG's {@code TUDataset}: node labels become one-hot node features (shifted so the smallest
 * label is column 0; F = max − min + 1), and the distinct graph labels, sorted, become classes
 * 0 .. C−1 (MUTAG: −1 → 0, 1 → 1; {@link GraphCollection#statistics()} says so). Edges stay as
 * listed (TU files list both directions of every bond).
 *
 * <p>MUTAG: 188 graphs (125 mutagenic, 63 not), 3371 nodes (10 to 28 per graph), 7442 edge
 * entries, 7 atom types, 4 bond types; read from {@code <dataDir>/tu/MUTAG/}, downloaded with
 * SHA-256 checks when missing.
 */
public final class TuDataset {

    private static final Logger LOG = LoggerFactory.getLogger(TuDataset.class);
    private static final String MUTAG_BASE = "https://raw.githubusercontent.com/pyg-team/pytorch_geometric/"
            + "0a4b67297579d3c620a75776344bd98310ca6ce9/torch_geometric/contrib/degree_quant/redditbinary/MUTAG/raw/";

    /** MUTAG's files: the TU collection's raw files as checked into pyg-team/pytorch_geometric. */
    public static final List<DatasetFile> MUTAG_FILES = List.of(
            mutag("MUTAG_A.txt", "d9656ca7493f3445d737c711710bb36fd432dddd1c0ea32e1d4713c86ebd28e2"),
            mutag("MUTAG_edge_labels.txt", "4669ce755075ff86c3240709345745886400908fa637a49310459b9c267b3e56"),
            mutag("MUTAG_graph_indicator.txt", "7d520a4d6c7961c0cdeabe076d8fe27e795b6d373485c9a2b744987e560a2056"),
            mutag("MUTAG_graph_labels.txt", "a1518ea39ba3426bd42f57396b9c4baffe68e9adc718caeeab0119c6591a5f2c"),
            mutag("MUTAG_node_labels.txt", "678f429965490e84dd27713017538c995fc05d1621beac910848b600015ee863"));

    private TuDataset() {
    }

    private static DatasetFile mutag(String file, String sha256) {
        return new DatasetFile("MUTAG " + file, "tu/MUTAG/" + file, URI.create(MUTAG_BASE + file), sha256);
    }

    /**
     * Loads MUTAG from {@code <dataDir>/tu/MUTAG}, verifying each file's SHA-256 and downloading
     * missing files (without network, the message names the file and where to place it).
     *
     * @param dataDir the data directory, see {@link org.sdzoo.datasets.DataDirectory#resolve(Path)}
     * @return the 188 graphs with one-hot atom features {@code [n, 7]} and classes 0 (was −1) and 1
     * @throws IOException if a file is missing and cannot be downloaded, or has the wrong SHA-256
     */
    public static GraphCollection mutag(Path dataDir) throws IOException {
        for (DatasetFile f : MUTAG_FILES) {
            Downloader.ensure(f, dataDir);
        }
        return read(dataDir.resolve("tu").resolve("MUTAG"), "MUTAG");
    }

    /**
     * Reads a TU data set from a folder.
     *
     * @param folder the folder holding {@code <name>_A.txt} and the other files
     * @param name   the prefix of the file names, such as {@code MUTAG}
     * @return the graphs with their classes
     * @throws FileNotFoundException    if a required file is missing (the message lists them all)
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a file is malformed; the message names file and line
     */
    public static GraphCollection read(Path folder, String name) throws IOException {
        long start = System.nanoTime();
        Path aFile = folder.resolve(name + "_A.txt");
        Path indicatorFile = folder.resolve(name + "_graph_indicator.txt");
        Path graphLabelFile = folder.resolve(name + "_graph_labels.txt");
        Path nodeLabelFile = folder.resolve(name + "_node_labels.txt");
        Path edgeLabelFile = folder.resolve(name + "_edge_labels.txt");
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(aFile, indicatorFile, graphLabelFile, nodeLabelFile)) {
            if (!Files.isRegularFile(p)) {
                missing.add(p.getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(name + " is not complete in " + folder.toAbsolutePath() + ": missing "
                    + String.join(", ", missing) + "; place the TU data set's text files there.");
        }
        int[] indicator = column(indicatorFile);
        int numNodes = indicator.length;
        int[] nodeLabels = column(nodeLabelFile);
        if (nodeLabels.length != numNodes) {
            throw new IllegalArgumentException(nodeLabelFile.getFileName() + " has " + nodeLabels.length + " lines but "
                    + indicatorFile.getFileName() + " has " + numNodes + "; give one node label per node.");
        }
        int[] graphLabelValues = column(graphLabelFile);
        int numGraphs = graphLabelValues.length;
        int[] firstNode = graphRanges(indicator, numGraphs, indicatorFile);
        int[][] edges = pairs(aFile, numNodes);
        int[] edgeLabels = Files.isRegularFile(edgeLabelFile) ? column(edgeLabelFile) : null;
        if (edgeLabels != null && edgeLabels.length != edges[0].length) {
            throw new IllegalArgumentException(edgeLabelFile.getFileName() + " has " + edgeLabels.length + " lines but "
                    + aFile.getFileName() + " has " + edges[0].length + "; give one edge label per edge entry.");
        }

        int minLabel = Arrays.stream(nodeLabels).min().orElse(0);
        int width = Arrays.stream(nodeLabels).max().orElse(0) - minLabel + 1;
        int[] classValues = new TreeSet<>(Arrays.stream(graphLabelValues).boxed().toList())
                .stream().mapToInt(Integer::intValue).toArray();
        int[] classes = Arrays.stream(graphLabelValues).map(v -> Arrays.binarySearch(classValues, v)).toArray();

        // Edge entries grouped per graph, in file order.
        List<List<Integer>> perGraph = new ArrayList<>();
        for (int g = 0; g < numGraphs; g++) {
            perGraph.add(new ArrayList<>());
        }
        for (int e = 0; e < edges[0].length; e++) {
            int gs = indicator[edges[0][e]];
            int gt = indicator[edges[1][e]];
            if (gs != gt) {
                throw new IllegalArgumentException(aFile.getFileName() + " line " + (e + 1) + " joins node " + (edges[0][e] + 1)
                        + " of graph " + (gs + 1) + " to node " + (edges[1][e] + 1) + " of graph " + (gt + 1)
                        + "; both ends of an edge must lie in the same graph.");
            }
            perGraph.get(gs).add(e);
        }
        List<GraphData> graphs = new ArrayList<>();
        List<int[]> graphEdgeLabels = edgeLabels == null ? null : new ArrayList<>();
        for (int g = 0; g < numGraphs; g++) {
            int offset = firstNode[g];
            int n = firstNode[g + 1] - offset;
            List<Integer> ids = perGraph.get(g);
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(name + " graph " + (g + 1) + " (" + n + " nodes) has no edges in "
                        + aFile.getFileName() + "; graph models need at least one edge per graph, so drop that graph.");
            }
            int[] s = new int[ids.size()];
            int[] t = new int[ids.size()];
            int[] el = new int[ids.size()];
            for (int k = 0; k < s.length; k++) {
                int e = ids.get(k);
                s[k] = edges[0][e] - offset;
                t[k] = edges[1][e] - offset;
                el[k] = edgeLabels == null ? 0 : edgeLabels[e];
            }
            float[] x = new float[n * width];
            for (int i = 0; i < n; i++) {
                x[i * width + nodeLabels[offset + i] - minLabel] = 1f;
            }
            graphs.add(GraphData.builder(name + "[" + g + "]", n)
                    .features(DenseFeatures.of(n, width, x))
                    .edges(s, t)
                    .build());
            if (graphEdgeLabels != null) {
                graphEdgeLabels.add(el);
            }
        }
        GraphCollection collection = new GraphCollection(name, graphs, classes, classValues, graphEdgeLabels);
        LOG.info("Loaded {} from {} in {} ms\n{}", name, folder.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000,
                collection.statistics());
        return collection;
    }

    /** Returns, per graph g, the first node id; entry G is N. Requires each graph's nodes contiguous. */
    private static int[] graphRanges(int[] indicator, int numGraphs, Path file) {
        int[] first = new int[numGraphs + 1];
        Arrays.fill(first, -1);
        for (int i = 0; i < indicator.length; i++) {
            int g = indicator[i];
            if (g < 1 || g > numGraphs) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + " names graph " + g
                        + " but there are " + numGraphs + " graph labels (graphs 1.." + numGraphs + "); fix the id or the label file.");
            }
            if (i > 0 && g < indicator[i - 1]) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + " goes back from graph "
                        + indicator[i - 1] + " to graph " + g + "; list each graph's nodes together, in graph order.");
            }
            indicator[i] = g - 1;
            if (first[g - 1] < 0) {
                first[g - 1] = i;
            }
        }
        first[numGraphs] = indicator.length;
        for (int g = numGraphs - 1; g >= 0; g--) {
            if (first[g] < 0) {
                throw new IllegalArgumentException(file.getFileName() + " has no node of graph " + (g + 1)
                        + "; every graph needs at least one node.");
            }
        }
        return first;
    }

    private static int[][] pairs(Path file, int numNodes) throws IOException {
        List<String> lines = lines(file);
        int[] s = new int[lines.size()];
        int[] t = new int[lines.size()];
        for (int k = 0; k < s.length; k++) {
            String[] cells = lines.get(k).split(",");
            if (cells.length != 2) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (k + 1) + " is '" + lines.get(k)
                        + "' but 'i, j' (two node ids) was expected.");
            }
            for (int c = 0; c < 2; c++) {
                int id = parse(file, k, cells[c]);
                if (id < 1 || id > numNodes) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + (k + 1) + " names node " + id
                            + " but the node ids run from 1 to " + numNodes + " (one per line of the graph indicator).");
                }
                if (c == 0) {
                    s[k] = id - 1;
                } else {
                    t[k] = id - 1;
                }
            }
        }
        return new int[][] {s, t};
    }

    private static int[] column(Path file) throws IOException {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " is empty; it needs one value per line.");
        }
        int[] values = new int[lines.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = parse(file, k, lines.get(k));
        }
        return values;
    }

    private static int parse(Path file, int line, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file.getFileName() + " line " + (line + 1) + ": '" + text.strip()
                    + "' is not an integer.", e);
        }
    }

    /** Reads the lines of a file; trailing blank lines are ignored, a blank line inside is an error. */
    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).isBlank()) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (k + 1)
                        + " is empty; TU files have one record on every line, so remove the empty line.");
            }
        }
        return lines;
    }
}
