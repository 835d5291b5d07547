package org.sdzoo.datasets.graph;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sdzoo.datasets.DatasetFile;

/**
 * Builds a Planetoid graph from the original {@code ind.<name>.*} files exactly as tkipf/gcn's
 * {@code load_data()} does: features {@code vstack(allx, tx)} with the test rows moved to the ids
 * of {@code test.index}; labels likewise (−1 for an all-zero one-hot row); the adjacency of
 * {@code networkx.from_dict_of_lists(graph)} (each undirected pair once, self loops kept); and
 * CiteSeer's fix for the 15 test ids without data (all-zero rows). Train = the first
 * {@code len(y)} nodes, val = the next 500, test = the sorted {@code test.index} ids.
 */
final class PlanetoidRaw {

    /** The pinned public copy of the Planetoid authors' files. */
    static final String PUBLIC_BASE = "https://raw.githubusercontent.com/kimiyoung/planetoid/"
            + "af6abf468a772cc055bec88c52e4d6f51b7c37e3/data/";

    private static final List<String> PARTS = List.of("x", "y", "tx", "ty", "allx", "ally", "graph", "test.index");
    private static final Map<String, List<String>> SHA256 = Map.of(
            "cora", List.of(
                    "23cfa55d91c6f624233f5eb7b6e3f141f1bd2b2ae39608a63cf5d084bb27baab",
                    "94465c14eb53e04ca262198dcbb2521ee8af60fb3f3d546cd6ca24a511b0e7d1",
                    "b9afbaa4a400df991f6f02ef677e1e44da55ffc04801fd02f9e673987829226a",
                    "41f5ac76596a1699cc33f53084a2419e92961c42bb75f36fc38e616d348532ad",
                    "9419ba2f26f5c35243db64aba110e0f35a04851609e0dc5433450676ca6b8543",
                    "2b998f5cc7fedc86e7f97ca2498f47a1ffc1462c29e2d578b23bf3f62b6e7d71",
                    "58f13302f39dde8852dad6fe6d15b89b077b6d7f837626bce671ef80344b383d",
                    "297ce89af2b51a6a194181c7dbe1796c6a1cf9cd9349a88383b1b1e227867875"),
            "citeseer", List.of(
                    "d20de19150741e555de0ed037195630fc194114ebc7fd72ced62810148aa22f6",
                    "8ba87e515d8e3ee3cf52f6d2c5b86aa73f11ecad825a808455209ec26cd54924",
                    "539a8906a2da97628d212f2fdd668c109a8b3f0d36574b59e5d3fd5b5303da21",
                    "55e5bd1ba1e733a04598753ad1a8d57957f4b8f89e74519f41f4f4938767e4ce",
                    "2ac30345d95c9ec933a817ee0bdd6a5f077f8c184a20e696910192d534414668",
                    "f704b2d986dde6c2669934de1f3ae5696a6cf9455c0f6b2646a2d135ea0a1c95",
                    "d79a4ef9d3e7169aee8946145f6b7306e35bc79bffad26346cfb94e10e9912a7",
                    "2af990671580b6b2df5d158d1038f8292e30c9cd821b5453f399659b25b723d4"));

    private PlanetoidRaw() {
    }

    /** Returns whether raw files with known SHA-256 exist for this data set (Cora and CiteSeer). */
    static boolean supported(Planetoid.Name name) {
        return SHA256.containsKey(name.folder());
    }

    /**
     * Lists the raw files of a data set, inside {@code planetoid/raw/} of the data directory.
     *
     * @param name the data set (Cora or CiteSeer)
     * @param base the address the files are downloaded from, ending in {@code /}
     * @return the eight files with their SHA-256
     */
    static List<DatasetFile> files(Planetoid.Name name, String base) {
        List<String> sha = SHA256.get(name.folder());
        List<DatasetFile> files = new ArrayList<>();
        for (int i = 0; i < PARTS.size(); i++) {
            String file = "ind." + name.folder() + "." + PARTS.get(i);
            files.add(new DatasetFile("Planetoid " + file, "planetoid/raw/" + file, URI.create(base + file), sha.get(i)));
        }
        return files;
    }

    /**
     * Reads the raw files of a data set.
     *
     * @param raw  the folder holding {@code ind.<name>.*}
     * @param name the data set
     * @return the graph as {@link Planetoid#load} returns it
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a file is not a Planetoid pickle
     */
    static GraphData read(Path raw, Planetoid.Name name) throws IOException {
        String prefix = "ind." + name.folder() + ".";
        Csr allx = csr(raw, prefix + "allx");
        Csr tx = csr(raw, prefix + "tx");
        double[][] ally = dense(raw, prefix + "ally");
        double[][] ty = dense(raw, prefix + "ty");
        int numTrain = dense(raw, prefix + "y").length;
        int[] reorder = Files.readAllLines(raw.resolve(prefix + "test.index")).stream()
                .filter(s -> !s.isBlank()).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int[] sorted = reorder.clone();
        Arrays.sort(sorted);

        int features = allx.width();
        List<float[]> txValues = tx.values();
        List<int[]> txColumns = tx.rowColumns();
        double[][] tyRows = ty;
        if (name == Planetoid.Name.CITESEER) {
            // tkipf: some test ids have no row in tx; extend tx and ty with zero rows over the full id range.
            int min = sorted[0];
            int full = sorted[sorted.length - 1] - min + 1;
            List<int[]> cols = new ArrayList<>();
            List<float[]> vals = new ArrayList<>();
            double[][] tyFull = new double[full][ty[0].length];
            for (int i = 0; i < full; i++) {
                cols.add(new int[0]);
                vals.add(new float[0]);
            }
            for (int j = 0; j < sorted.length; j++) {
                cols.set(sorted[j] - min, txColumns.get(j));
                vals.set(sorted[j] - min, txValues.get(j));
                tyFull[sorted[j] - min] = ty[j];
            }
            txColumns = cols;
            txValues = vals;
            tyRows = tyFull;
        }
        List<int[]> featureCols = new ArrayList<>(allx.rowColumns());
        featureCols.addAll(txColumns);
        List<float[]> featureVals = new ArrayList<>(allx.values());
        featureVals.addAll(txValues);
        List<double[]> labelRows = new ArrayList<>(Arrays.asList(ally));
        labelRows.addAll(Arrays.asList(tyRows));
        int n = featureCols.size();
        // features[test_idx_reorder, :] = features[test_idx_range, :]
        List<int[]> colsCopy = new ArrayList<>(featureCols);
        List<float[]> valsCopy = new ArrayList<>(featureVals);
        List<double[]> labelsCopy = new ArrayList<>(labelRows);
        for (int i = 0; i < reorder.length; i++) {
            featureCols.set(reorder[i], colsCopy.get(sorted[i]));
            featureVals.set(reorder[i], valsCopy.get(sorted[i]));
            labelRows.set(reorder[i], labelsCopy.get(sorted[i]));
        }
        int[] indptr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            indptr[i + 1] = indptr[i] + featureCols.get(i).length;
        }
        int[] indices = new int[indptr[n]];
        float[] values = new float[indptr[n]];
        for (int i = 0; i < n; i++) {
            sortRow(featureCols.get(i), featureVals.get(i), indices, values, indptr[i]);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = argmaxOrUnlabeled(labelRows.get(i));
        }
        int[][] edges = adjacency(raw.resolve(prefix + "graph"), n);
        int[] val = new int[500];
        for (int i = 0; i < 500; i++) {
            val[i] = numTrain + i;
        }
        int[] train = new int[numTrain];
        Arrays.setAll(train, i -> i);
        return GraphData.builder(name.displayName(), n)
                .features(CsrFeatures.of(n, features, indptr, indices, values))
                .edges(edges[0], edges[1])
                .labels(labels, ally[0].length)
                .split(NodeSplit.of(train, val, sorted))
                .build()
                .toUndirected();
    }

    private record Csr(int width, List<int[]> rowColumns, List<float[]> values) {
    }

    private static Csr csr(Path raw, String file) throws IOException {
        Object o = PlanetoidPickle.load(Files.readAllBytes(raw.resolve(file)), file);
        if (!(o instanceof PlanetoidPickle.PyObject m)) {
            throw new IllegalArgumentException(file + " does not hold a sparse matrix; it is not a Planetoid feature file.");
        }
        int[] indptr = ((PlanetoidPickle.NdArray) m.state().get("indptr")).asInt(file + " indptr");
        int[] indices = ((PlanetoidPickle.NdArray) m.state().get("indices")).asInt(file + " indices");
        double[] data = ((PlanetoidPickle.NdArray) m.state().get("data")).asDouble(file + " data");
        int columns = ((Number) ((Object[]) m.state().get("_shape"))[1]).intValue();
        List<int[]> cols = new ArrayList<>();
        List<float[]> vals = new ArrayList<>();
        for (int i = 0; i + 1 < indptr.length; i++) {
            cols.add(Arrays.copyOfRange(indices, indptr[i], indptr[i + 1]));
            float[] v = new float[indptr[i + 1] - indptr[i]];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) data[indptr[i] + k];
            }
            vals.add(v);
        }
        return new Csr(columns, cols, vals);
    }

    private static double[][] dense(Path raw, String file) throws IOException {
        Object o = PlanetoidPickle.load(Files.readAllBytes(raw.resolve(file)), file);
        if (!(o instanceof PlanetoidPickle.NdArray a) || a.shape.length != 2) {
            throw new IllegalArgumentException(file + " does not hold a 2-D array; it is not a Planetoid label file.");
        }
        double[] flat = a.asDouble(file);
        int r = (int) a.shape[0];
        int c = (int) a.shape[1];
        double[][] out = new double[r][];
        for (int i = 0; i < r; i++) {
            out[i] = Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return out;
    }

    private static int[][] adjacency(Path file, int n) throws IOException {
        Object o = PlanetoidPickle.load(Files.readAllBytes(file), file.getFileName().toString());
        if (!(o instanceof Map<?, ?> graph)) {
            throw new IllegalArgumentException(file.getFileName() + " does not hold a dict of adjacency lists.");
        }
        TreeSet<Long> pairs = new TreeSet<>();
        for (Map.Entry<?, ?> e : graph.entrySet()) {
            int u = ((Number) e.getKey()).intValue();
            for (Object v : (List<?>) e.getValue()) {
                int w = ((Number) v).intValue();
                if (u >= n || w >= n) {
                    throw new IllegalArgumentException(file.getFileName() + " names node " + Math.max(u, w)
                            + " but the features have " + n + " rows.");
                }
                pairs.add(((long) Math.min(u, w) << 32) | Math.max(u, w));
            }
        }
        int[] s = new int[pairs.size()];
        int[] t = new int[pairs.size()];
        int i = 0;
        for (long p : pairs) {
            s[i] = (int) (p >>> 32);
            t[i++] = (int) p;
        }
        return new int[][] {s, t};
    }

    private static void sortRow(int[] cols, float[] vals, int[] indices, float[] values, int at) {
        Integer[] order = new Integer[cols.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(cols[a], cols[b]));
        for (int k = 0; k < order.length; k++) {
            indices[at + k] = cols[order[k]];
            values[at + k] = vals[order[k]];
        }
    }

    private static int argmaxOrUnlabeled(double[] oneHot) {
        int best = GraphData.UNLABELED;
        for (int k = 0; k < oneHot.length; k++) {
            if (oneHot[k] != 0 && (best < 0 || oneHot[k] > oneHot[best])) {
                best = k;
            }
        }
        return best;
    }
}
