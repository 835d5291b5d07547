package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.NumpyFiles;

class PlanetoidTest {

    @TempDir
    Path dir;

    /** A 5-node graph in the converted layout: edges once (u <= v) with a self loop on node 4. */
    private void writeTiny(Path folder, boolean features) throws IOException {
        Files.createDirectories(folder);
        NumpyFiles.writeNpy(Nd4j.createFromArray(new int[][] {{0, 1}, {1, 2}, {2, 3}, {4, 4}}), folder.resolve(Planetoid.EDGES));
        NumpyFiles.writeNpy(Nd4j.createFromArray(0, 1, 1, 0, -1), folder.resolve(Planetoid.LABELS));
        NumpyFiles.writeNpy(Nd4j.createFromArray(0, 1), folder.resolve(Planetoid.TRAIN));
        NumpyFiles.writeNpy(Nd4j.createFromArray(2), folder.resolve(Planetoid.VAL));
        NumpyFiles.writeNpy(Nd4j.createFromArray(3), folder.resolve(Planetoid.TEST));
        if (features) {
            NumpyFiles.writeNpy(Nd4j.createFromArray(0, 2, 3, 4, 5, 5), folder.resolve(Planetoid.INDPTR));
            NumpyFiles.writeNpy(Nd4j.createFromArray(0, 3, 1, 2, 3), folder.resolve(Planetoid.INDICES));
            NumpyFiles.writeNpy(Nd4j.createFromArray(1f, 1f, 1f, 1f, 1f), folder.resolve(Planetoid.DATA));
        }
    }

    @Test
    void readsTheConvertedLayout() throws IOException {
        writeTiny(dir, true);
        GraphData g = Planetoid.loadFolder("Tiny", dir, 4, 2, Map.of());
        assertEquals(5, g.numNodes());
        assertEquals(7, g.numEdges(), "3 pairs both ways + the self loop once");
        assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3, 4}, g.sources());
        assertTrue(g.features().isSparse());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0, 0, 1}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}}),
                g.features().toDense(DataType.FLOAT));
        assertArrayEquals(new int[] {0, 1}, g.split().orElseThrow().train());
        assertEquals(1, g.stats().unlabeled());
        assertEquals(0, g.stats().isolatedNodes() - 1, "node 4 has only its self loop");
    }

    /** A run's provenance: the converted files when they are there, else where the original ones go. */
    @Test
    void sourceFilesAreTheFilesALoadReads() throws IOException {
        List<Path> raw = Planetoid.sourceFiles(Planetoid.Name.CORA, dir);
        assertEquals(8, raw.size(), raw.toString());
        assertTrue(raw.get(0).toString().endsWith("planetoid/raw/ind.cora.x"), raw.get(0).toString());
        writeTiny(Planetoid.folder(Planetoid.Name.CORA, dir), true);
        List<Path> converted = Planetoid.sourceFiles(Planetoid.Name.CORA, dir);
        assertEquals(8, converted.size());
        assertEquals(Planetoid.folder(Planetoid.Name.CORA, dir).resolve(Planetoid.EDGES), converted.get(0));
    }

    @Test
    void aWrongHashIsRefused() throws IOException {
        writeTiny(dir, true);
        String m = assertThrows(IOException.class, () -> Planetoid.loadFolder("Tiny", dir, 4, 2,
                Map.of(Planetoid.EDGES, "0".repeat(64)))).getMessage();
        assertTrue(m.contains("edges.npy has sha256 ") && m.contains("replace it with a correct copy"), m);
    }

    @Test
    void missingFilesAreFetchedOrNamedWithTheirPlace() {
        String m = assertThrows(IOException.class, () -> Planetoid.load(Planetoid.Name.CORA, dir, "http://127.0.0.1:9/")).getMessage();
        Path folder = dir.resolve("planetoid/cora").toAbsolutePath();
        assertTrue(m.startsWith("Cora is not in " + folder + " (converted .npy files), and its original files could not be provided: "
                + "Could not download Planetoid ind.cora.x from http://127.0.0.1:9/ind.cora.x ("), m);
        assertTrue(m.contains("place the file at " + dir.resolve("planetoid/raw/ind.cora.x").toAbsolutePath()
                + " (sha256 23cfa55d91c6f624233f5eb7b6e3f141f1bd2b2ae39608a63cf5d084bb27baab)"), m);
        m = assertThrows(FileNotFoundException.class, () -> Planetoid.load(Planetoid.Name.PUBMED, dir)).getMessage();
        assertTrue(m.startsWith("PubMed is not in " + dir.resolve("planetoid/pubmed").toAbsolutePath()
                + ": missing edges.npy, labels.npy, train_idx.npy, val_idx.npy, "
                + "test_idx.npy, features_csr_indptr.npy, features_csr_indices.npy, features_csr_data.npy."), m);
        assertTrue(m.contains("SDZOO_DATA_DIR") && m.contains("cannot download"), m);
    }

    @Test
    void aHostilePickleIsRefused() {
        byte[] evil = "\u0080\u0002cos\nsystem\n.".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PlanetoidPickle.load(evil, "evil")).getMessage()
                .contains("names the Python global 'os system', which is not part of a Planetoid file; it is refused."));
    }

    @Test
    void pubmedSaysItsFeaturesAreMissing() throws IOException {
        writeTiny(dir.resolve("planetoid/pubmed"), false);
        String m = assertThrows(FileNotFoundException.class, () -> Planetoid.load(Planetoid.Name.PUBMED, dir)).getMessage();
        assertTrue(m.startsWith("PubMed's node features are missing: "), m);
        assertTrue(m.contains("has the graph, labels and split but not features_csr_indptr.npy, features_csr_indices.npy, "
                + "features_csr_data.npy (the copy in this workspace has none"), m);
        assertTrue(m.contains("(19717 rows, 500 columns)") && m.contains("or use Cora or CiteSeer."), m);
    }

    @Test
    void namesParseIgnoringCase() {
        assertEquals(Planetoid.Name.CITESEER, Planetoid.Name.of("CiteSeer"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Planetoid.Name.of("reddit")).getMessage()
                .contains("use cora, citeseer or pubmed"));
    }

    private static Path realData() {
        return Path.of(System.getenv(DataDirectory.ENV_VAR));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void coraHasTheReadmesCounts() throws IOException {
        GraphData g = Planetoid.load(Planetoid.Name.CORA, realData());
        GraphStatistics s = g.stats();
        assertEquals(2708, s.nodes());
        assertEquals(10556, s.edges());
        assertEquals(0, s.selfLoops());
        assertEquals(1433, s.features());
        assertEquals(49216, s.featureNonZeros());
        assertEquals(7, s.classes());
        assertArrayEquals(new int[] {351, 217, 418, 818, 426, 298, 180}, s.classCounts());
        assertEquals(140, s.train());
        assertEquals(500, s.val());
        assertEquals(1000, s.test());
        assertEquals(0, s.isolatedNodes());
        assertEquals(0, s.unlabeled());
        assertTrue(s.undirected());
        NodeSplit split = g.split().orElseThrow();
        assertEquals(1708, split.test()[0]);
        assertEquals(2707, split.test()[999]);
        int[] labels = g.labelArray();
        int[] perClass = new int[7];
        for (int i : split.train()) {
            perClass[labels[i]]++;
        }
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20}, perClass);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void citeSeerHasTheReadmesCounts() throws IOException {
        GraphData g = Planetoid.load(Planetoid.Name.CITESEER, realData());
        GraphStatistics s = g.stats();
        assertEquals(3327, s.nodes());
        assertEquals(9228, s.edges(), "2 x 4552 + 124 self loops");
        assertEquals(124, s.selfLoops());
        assertEquals(3703, s.features());
        assertEquals(105165, s.featureNonZeros());
        assertArrayEquals(new int[] {249, 590, 668, 701, 596, 508}, s.classCounts());
        assertEquals(15, s.unlabeled());
        assertEquals(48, s.isolatedNodes());
        assertEquals(120, s.train());
        assertEquals(500, s.val());
        assertEquals(1000, s.test());
        double[] sums = g.features().rowSums();
        assertEquals(15, java.util.Arrays.stream(sums).filter(v -> v == 0).count(), "the 15 zero-filled rows");
        double[] normalized = g.withRowNormalizedFeatures().features().rowSums();
        for (int i = 0; i < sums.length; i++) {
            assertEquals(sums[i] == 0 ? 0 : 1, normalized[i], 1e-5);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void theOriginalFilesGiveExactlyTheConvertedGraphs() throws IOException {
        for (Planetoid.Name name : new Planetoid.Name[] {Planetoid.Name.CORA, Planetoid.Name.CITESEER}) {
            GraphData converted = Planetoid.load(name, realData());
            GraphData raw = PlanetoidRaw.read(realData().resolve("planetoid/raw"), name);
            assertEquals(converted.edgeIndex(), raw.edgeIndex(), name + " edges");
            assertArrayEquals(converted.labelArray(), raw.labelArray(), name + " labels");
            NodeSplit a = converted.split().orElseThrow();
            NodeSplit b = raw.split().orElseThrow();
            assertArrayEquals(a.train(), b.train());
            assertArrayEquals(a.val(), b.val());
            assertArrayEquals(a.test(), b.test());
            CsrFeatures fa = (CsrFeatures) converted.features();
            CsrFeatures fb = (CsrFeatures) raw.features();
            assertEquals(fa.columns(), fb.columns());
            assertEquals(fa.indptr(), fb.indptr(), name + " indptr");
            assertEquals(fa.indices(), fb.indices(), name + " indices");
            assertEquals(fa.values(DataType.FLOAT), fb.values(DataType.FLOAT), name + " values");
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void aDataDirectoryWithOnlyTheOriginalFilesLoadsThem() throws IOException {
        Path raw = Files.createDirectories(dir.resolve("planetoid/raw"));
        for (String part : new String[] {"x", "y", "tx", "ty", "allx", "ally", "graph", "test.index"}) {
            Files.copy(realData().resolve("planetoid/raw/ind.cora." + part), raw.resolve("ind.cora." + part));
        }
        GraphData g = Planetoid.load(Planetoid.Name.CORA, dir, "http://127.0.0.1:9/");
        assertEquals(10556, g.numEdges());
        assertEquals(49216, g.features().nonZeros());
        Files.write(raw.resolve("ind.cora.y"), new byte[] {1, 2, 3});
        String m = assertThrows(IOException.class, () -> Planetoid.load(Planetoid.Name.CORA, dir, "http://127.0.0.1:9/")).getMessage();
        assertTrue(m.contains("ind.cora.y at ") && m.contains("is corrupt"), m);
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void pubmedInTheWorkspaceCopyHasNoFeatures() {
        Path data = realData();
        if (Files.isRegularFile(Planetoid.folder(Planetoid.Name.PUBMED, data).resolve(Planetoid.INDPTR))) {
            return;
        }
        String m = assertThrows(FileNotFoundException.class, () -> Planetoid.load(Planetoid.Name.PUBMED, data)).getMessage();
        assertTrue(m.startsWith("PubMed's node features are missing"), m);
    }
}
