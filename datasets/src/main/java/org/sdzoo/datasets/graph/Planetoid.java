package org.sdzoo.datasets.graph;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.Downloader;
import org.sdzoo.datasets.NumpyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Planetoid citation graphs with Kipf and Welling's split, read from the converted layout
 * {@code <dataDir>/planetoid/<name>/} (NumPy files, as in the workspace's
 * {@code datasets/planetoid/README.md}): {@code edges.npy} (int32 {@code [E, 2]}, each undirected
 * pair once, self loops as {@code u u}), {@code labels.npy} (int32 {@code [N]}, −1 for none),
 * {@code train_idx.npy}, {@code val_idx.npy}, {@code test_idx.npy}, and the features as CSR,
 * {@code features_csr_indptr.npy}, {@code features_csr_indices.npy}, {@code features_csr_data.npy}.
 *
 * <table>
 *   <caption>Statistics (checked when the real files are present)</caption>
 *   <tr><th></th><th>nodes</th><th>edge entries</th><th>self loops</th><th>features</th><th>classes</th>
 *       <th>train / val / test</th></tr>
 *   <tr><td>Cora</td><td>2708</td><td>10556</td><td>0</td><td>1433</td><td>7</td><td>140 / 500 / 1000</td></tr>
 *   <tr><td>CiteSeer</td><td>3327</td><td>9228</td><td>124</td><td>3703</td><td>6</td><td>120 / 500 / 1000</td></tr>
 *   <tr><td>PubMed</td><td>19717</td><td>88651</td><td>3</td><td>500</td><td>3</td><td>60 / 500 / 1000</td></tr>
 * </table>
 *
 * <p>The loaded graph lists both directions of every edge (PyG's convention) and keeps the self
 * loops of tkipf's adjacency (CiteSeer 124, PubMed 3; PyG's {@code Planetoid} drops them). The
 * features are raw counts; GCN row-normalises them ({@link GraphData#withRowNormalizedFeatures()}).
 * CiteSeer's 15 nodes without data have label −1, an all-zero feature row, and are in no split.
 *
 * <p>Files that are present are checked against the SHA-256 recorded when they were converted.
 * When the converted folder is absent, Cora and CiteSeer are built from the Planetoid authors'
 * original files in {@code <dataDir>/planetoid/raw/} ({@code ind.<name>.x, y, tx, ty, allx, ally,
 * graph, test.index}), which are downloaded from a pinned public copy (kimiyoung/planetoid) with
 * SHA-256 checks when missing, and converted exactly as tkipf/gcn's {@code load_data()}. PubMed
 * has no such route (no verified copy of {@code ind.pubmed.allx} is known): a missing file is
 * reported with the folder and file names to place. The PubMed copy in this workspace has no
 * features, and loading it says so.
 */
public final class Planetoid {

    private static final Logger LOG = LoggerFactory.getLogger(Planetoid.class);

    /** The file names inside a data set's folder. */
    static final String EDGES = "edges.npy";
    static final String LABELS = "labels.npy";
    static final String TRAIN = "train_idx.npy";
    static final String VAL = "val_idx.npy";
    static final String TEST = "test_idx.npy";
    static final String INDPTR = "features_csr_indptr.npy";
    static final String INDICES = "features_csr_indices.npy";
    static final String DATA = "features_csr_data.npy";

    /** The three Planetoid graphs, with their counts and the SHA-256 of their converted files. */
    public enum Name {
        /** Cora: 2708 papers, 1433 binary word features, 7 classes. */
        CORA("Cora", "cora", 2708, 1433, 7, Map.of(
                EDGES, "48ea99345cc3809307af98bf559cc3677ffb7a75d5774ce6e8c95c392106d604",
                DATA, "f0fe03c3c45c848b4ac612f5320c247d47426b06d6df9e06939a198a687cab54",
                INDICES, "52663bc41a81c6a177c030309dd4682420a40491699084698b3031c01e105ea8",
                INDPTR, "3f89606fee83e724c13115e4fdc410175a971b50dd92550d74f8a9f96909b4b2",
                LABELS, "0efe1a4b4d5e9887da16e8103c198807160d407846e329a8b16b3b7acc278304",
                TEST, "75770f49be1b027b1be8f0ef2ad355468ced2be81e277f3aaee56b7da5772396",
                TRAIN, "6070f6fb2f1f1151a40b49d270368a3b3bf518d3c09b18ef4faf1c4dcd515b7b",
                VAL, "7aae9df250556c7d49380f56d7a8468b1a52d1c77daed933795ae305ec881efa")),
        /** CiteSeer: 3327 papers, 3703 binary word features, 6 classes. */
        CITESEER("CiteSeer", "citeseer", 3327, 3703, 6, Map.of(
                EDGES, "bd180a6e742f5d7383c10a710b4bed483fbee4c621fa24c058be9f4f7559b19f",
                DATA, "ef51ecc62521bf93adda5f1f7879d603330fc05517d7204e7c18293030c392fd",
                INDICES, "7d94064239aa6cbe933e4f8f1e9ae4a3003f5b6f16ea899bd90d3d5d97d667a7",
                INDPTR, "5e94275632d2bb152e82af892cd361bb68a7bb28f11ab0c3ae309590e235b823",
                LABELS, "e1b4076e911ad808a5a74806a97282fc52e07a6d02863536380b2f6c8cdfc905",
                TEST, "46050add6ef8c52abd5af47522eac720ebb60b11545dc4655aa57cb66c07eb11",
                TRAIN, "21038bb831fc30c1bbf8bc505fe5bd20ad267ef408bcd173d771e113776d40de",
                VAL, "63e9cdd6c991fef1acfa2f72dc97312faf165140e5a8da13d26b94226e6577b2")),
        /** PubMed: 19717 papers, 500 TF-IDF features (absent from the workspace copy), 3 classes. */
        PUBMED("PubMed", "pubmed", 19717, 500, 3, Map.of(
                EDGES, "6f6adf54f3bccea315236f358bfd326722a2b0aea6dfd96e570af58e8a9510ea",
                LABELS, "c08d4c0a8f4ee5f05634e436bbf203ec9033433177239f1d1ad0bbb55cb1e7eb",
                TEST, "9daece165ea700d90691ad88650b50791c4b22524be5f88d9ae273aed2abe12d",
                TRAIN, "0ebb6002644980474a0642fba846775097f9a1eb7cd49cfb893706a1b72f8036",
                VAL, "394138beb9ccd602d70371d0ca9eee30b00a0e3160f46d796ba686f9cdde3890"));

        private final String displayName;
        private final String folder;
        private final int numNodes;
        private final int numFeatures;
        private final int numClasses;
        private final Map<String, String> sha256;

        Name(String displayName, String folder, int numNodes, int numFeatures, int numClasses, Map<String, String> sha256) {
            this.displayName = displayName;
            this.folder = folder;
            this.numNodes = numNodes;
            this.numFeatures = numFeatures;
            this.numClasses = numClasses;
            this.sha256 = sha256;
        }

        /** @return the usual spelling, such as {@code CiteSeer} */
        public String displayName() {
            return displayName;
        }

        /** @return the folder name under {@code planetoid/}, such as {@code citeseer} */
        public String folder() {
            return folder;
        }

        /** @return N */
        public int numNodes() {
            return numNodes;
        }

        /** @return F */
        public int numFeatures() {
            return numFeatures;
        }

        /** @return C */
        public int numClasses() {
            return numClasses;
        }

        /**
         * Finds a data set by name, ignoring case ({@code cora}, {@code CiteSeer}, {@code pubmed}).
         *
         * @param name the name
         * @return the data set
         * @throws IllegalArgumentException if no Planetoid graph has that name
         */
        public static Name of(String name) {
            for (Name n : values()) {
                if (n.folder.equalsIgnoreCase(name == null ? "" : name.strip())) {
                    return n;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not a Planetoid data set; use cora, citeseer or pubmed.");
        }
    }

    private Planetoid() {
    }

    /**
     * Returns the folder a data set is read from.
     *
     * @param name    the data set
     * @param dataDir the data directory
     * @return {@code <dataDir>/planetoid/<folder>}
     */
    public static Path folder(Name name, Path dataDir) {
        return dataDir.resolve("planetoid").resolve(name.folder()).toAbsolutePath().normalize();
    }

    /**
     * Loads a Planetoid graph with its split and logs its statistics.
     *
     * @param name    the data set
     * @param dataDir the data directory, see {@link org.sdzoo.datasets.DataDirectory#resolve(Path)}
     * @return the graph: CSR features {@code [N, F]} (raw), both edge directions, labels {@code [N]}, split
     * @throws FileNotFoundException if files are missing: the message names the folder and every
     *                               missing file (for PubMed: that its features are missing)
     * @throws IOException           if a file cannot be read or has the wrong SHA-256
     */
    public static GraphData load(Name name, Path dataDir) throws IOException {
        return load(name, dataDir, PlanetoidRaw.PUBLIC_BASE);
    }

    /**
     * @return the authors' original files of a data set, pinned by SHA-256, inside
     *         {@code planetoid/raw/} of a data directory (Cora and CiteSeer; PubMed's features are
     *         not public)
     * @throws IllegalArgumentException for PubMed
     */
    public static List<org.sdzoo.datasets.DatasetFile> rawFiles(Name name) {
        if (!PlanetoidRaw.supported(name)) {
            throw new IllegalArgumentException(name.displayName() + "'s original files are not pinned here: only Cora's"
                    + " and CiteSeer's are");
        }
        return PlanetoidRaw.files(name, PlanetoidRaw.PUBLIC_BASE);
    }

    /** As {@link #load(Name, Path)}, downloading missing original files from {@code rawBase}. */
    static GraphData load(Name name, Path dataDir, String rawBase) throws IOException {
        if (name == null || dataDir == null) {
            throw new IllegalArgumentException("Planetoid.load needs a data set name and a data directory; one of them is null.");
        }
        Path dir = folder(name, dataDir);
        boolean converted = List.of(EDGES, LABELS, TRAIN, VAL, TEST).stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        if (converted || !PlanetoidRaw.supported(name)) {
            requirePresent(name, dir);
            return loadFolder(name.displayName(), dir, name.numFeatures(), name.numClasses(), name.sha256);
        }
        // No converted copy: use the authors' original files, verified by SHA-256 or downloaded.
        for (org.sdzoo.datasets.DatasetFile f : PlanetoidRaw.files(name, rawBase)) {
            try {
                Downloader.ensure(f, dataDir);
            } catch (IOException e) {
                throw new IOException(name.displayName() + " is not in " + dir + " (converted .npy files), and its original files "
                        + "could not be provided: " + e.getMessage(), e);
            }
        }
        long start = System.nanoTime();
        Path raw = dataDir.resolve("planetoid").resolve("raw");
        GraphData graph = PlanetoidRaw.read(raw, name);
        LOG.info("Loaded {} from the original files in {} in {} ms\n{}", name.displayName(), raw.toAbsolutePath(),
                (System.nanoTime() - start) / 1_000_000, graph.statistics());
        return graph;
    }

    /** Reads a folder in the converted layout; files named in {@code sha256} are verified first. */
    static GraphData loadFolder(String displayName, Path dir, int numFeatures, int numClasses, Map<String, String> sha256)
            throws IOException {
        long start = System.nanoTime();
        int[][] pairs = GraphArrays.toPairs(read(displayName, dir, EDGES, sha256), dir.resolve(EDGES).toString());
        int[] labels = GraphArrays.toInts(read(displayName, dir, LABELS, sha256), dir.resolve(LABELS).toString());
        NodeSplit split = NodeSplit.of(
                GraphArrays.toInts(read(displayName, dir, TRAIN, sha256), TRAIN),
                GraphArrays.toInts(read(displayName, dir, VAL, sha256), VAL),
                GraphArrays.toInts(read(displayName, dir, TEST, sha256), TEST));
        CsrFeatures features = CsrFeatures.of(labels.length, numFeatures,
                read(displayName, dir, INDPTR, sha256), read(displayName, dir, INDICES, sha256), read(displayName, dir, DATA, sha256));
        GraphData graph = GraphData.builder(displayName, labels.length)
                .features(features)
                .edges(pairs[0], pairs[1])
                .labels(labels, numClasses)
                .split(split)
                .build()
                .toUndirected();
        LOG.info("Loaded {} from {} in {} ms\n{}", displayName, dir, (System.nanoTime() - start) / 1_000_000,
                graph.statistics());
        return graph;
    }

    private static void requirePresent(Name name, Path dir) throws FileNotFoundException {
        List<String> graphFiles = List.of(EDGES, LABELS, TRAIN, VAL, TEST);
        List<String> featureFiles = List.of(INDPTR, INDICES, DATA);
        List<String> missing = new ArrayList<>();
        for (String f : graphFiles) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missing.add(f);
            }
        }
        List<String> missingFeatures = new ArrayList<>();
        for (String f : featureFiles) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                missingFeatures.add(f);
            }
        }
        String where = " Set --data-dir or SDZOO_DATA_DIR to a directory holding planetoid/" + name.folder()
                + "/, or place the files there (sdzoo cannot download them: no public address serves this converted layout,"
                + " and no verified copy of the original ind." + name.folder() + ".allx is known;"
                + " the layout is described in planetoid/README.md).";
        if (!missing.isEmpty()) {
            missing.addAll(missingFeatures);
            throw new FileNotFoundException(name.displayName() + " is not in " + dir + ": missing " + String.join(", ", missing)
                    + "." + where);
        }
        if (!missingFeatures.isEmpty()) {
            throw new FileNotFoundException(name.displayName() + "'s node features are missing: " + dir
                    + " has the graph, labels and split but not " + String.join(", ", missingFeatures)
                    + (name == Name.PUBMED ? " (the copy in this workspace has none, because ind.pubmed.allx could not be obtained)" : "")
                    + "; place the CSR feature files (" + name.numNodes() + " rows, " + name.numFeatures()
                    + " columns) there, or use " + (name == Name.PUBMED ? "Cora or CiteSeer" : "a complete copy") + ".");
        }
    }

    private static INDArray read(String displayName, Path dir, String file, Map<String, String> sha256) throws IOException {
        Path path = dir.resolve(file);
        String expected = sha256.get(file);
        if (expected != null) {
            String actual = Downloader.sha256(path);
            if (!actual.equals(expected)) {
                throw new IOException(path + " has sha256 " + actual + " but the converted " + displayName + " file has "
                        + expected + "; replace it with a correct copy (see planetoid/SOURCE.md).");
            }
        }
        return NumpyFiles.readNpy(path);
    }

    /**
     * Returns the files {@link #load} reads for a data set: the converted ones when all are in
     * {@link #folder}, else the authors' original {@code ind.*} files, for a run's provenance
     * (their SHA-256 goes into the model archive).
     *
     * @param name    the data set
     * @param dataDir the data directory
     * @return absolute paths; files not yet downloaded are listed where they will be
     */
    public static List<Path> sourceFiles(Name name, Path dataDir) {
        Path dir = folder(name, dataDir);
        List<Path> converted = new ArrayList<>();
        for (String f : List.of(EDGES, LABELS, TRAIN, VAL, TEST, INDPTR, INDICES, DATA)) {
            converted.add(dir.resolve(f));
        }
        boolean useConverted = converted.subList(0, 5).stream().allMatch(Files::isRegularFile)
                || !PlanetoidRaw.supported(name);
        return useConverted ? converted.stream().filter(Files::isRegularFile).toList()
                : PlanetoidRaw.files(name, PlanetoidRaw.PUBLIC_BASE).stream()
                        .map(f -> f.resolveIn(dataDir).toAbsolutePath().normalize()).toList();
    }

    /**
     * Lists the files a data set needs, with their expected SHA-256 where known, for messages and docs.
     *
     * @param name the data set
     * @return file name to SHA-256 (empty text where no hash is recorded, as for PubMed's features)
     */
    public static Map<String, String> files(Name name) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : List.of(EDGES, LABELS, TRAIN, VAL, TEST, INDPTR, INDICES, DATA)) {
            files.put(f, name.sha256.getOrDefault(f, ""));
        }
        return files;
    }
}
