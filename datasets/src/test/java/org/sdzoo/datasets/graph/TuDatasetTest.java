package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataDirectory;

class TuDatasetTest {

    @TempDir
    Path dir;

    /** Two graphs: a triangle (nodes 1-3, class -1) and an edge (nodes 4-5, class 1); node labels 1..3. */
    private void writeTiny(String a) throws IOException {
        Files.writeString(dir.resolve("TOY_A.txt"), a);
        Files.writeString(dir.resolve("TOY_graph_indicator.txt"), "1\n1\n1\n2\n2\n");
        Files.writeString(dir.resolve("TOY_graph_labels.txt"), "-1\n1\n");
        Files.writeString(dir.resolve("TOY_node_labels.txt"), "1\n2\n3\n1\n1\n");
    }

    private static final String TRIANGLE_AND_EDGE = "1, 2\n2, 1\n2, 3\n3, 2\n1, 3\n3, 1\n4, 5\n5, 4\n";

    @Test
    void readsGraphsWithOneHotNodeLabelsAndMappedClasses() throws IOException {
        writeTiny(TRIANGLE_AND_EDGE);
        Files.writeString(dir.resolve("TOY_edge_labels.txt"), "0\n0\n1\n1\n2\n2\n0\n0\n");
        GraphCollection c = TuDataset.read(dir, "TOY");
        assertEquals(2, c.size());
        assertArrayEquals(new int[] {0, 1}, c.labels());
        assertEquals(-1, c.classValue(0));
        assertEquals(3, c.numNodeFeatures(), "labels 1..3 shifted to columns 0..2");
        GraphData second = c.graph(1);
        assertEquals(2, second.numNodes());
        assertArrayEquals(new int[] {0, 1}, second.sources(), "ids local to the graph");
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
                c.graph(0).features().toDense(DataType.FLOAT));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, c.edgeLabels(0));
        assertTrue(c.statistics().contains("(labels mapped -1 -> 0, 1 -> 1)"), c.statistics());
        assertEquals(1, c.subset(new int[] {1}).size());
    }

    @Test
    void malformedFilesNameFileAndLine() throws IOException {
        writeTiny("1, 2\n2; 1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("TOY_A.txt line 2 is '2; 1' but 'i, j' (two node ids) was expected."));
        writeTiny("1, 2\n2, 6\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("TOY_A.txt line 2 names node 6 but the node ids run from 1 to 5"));
        writeTiny("1, 2\n3, 4\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("joins node 3 of graph 1 to node 4 of graph 2"));
        writeTiny("1, 2\n\n2, 1\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("TOY_A.txt line 2 is empty"));
        writeTiny("1, 2\n2, 1\n\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("TOY graph 2 (2 nodes) has no edges"));
        Files.delete(dir.resolve("TOY_graph_labels.txt"));
        assertTrue(assertThrows(FileNotFoundException.class, () -> TuDataset.read(dir, "TOY")).getMessage()
                .contains("missing TOY_graph_labels.txt"));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void mutagHasTheReadmesCounts() throws IOException {
        GraphCollection c = TuDataset.mutag(Path.of(System.getenv(DataDirectory.ENV_VAR)));
        assertEquals(188, c.size());
        assertArrayEquals(new int[] {63, 125}, c.classCounts(), "-1 -> class 0 (63), 1 -> class 1 (125)");
        assertEquals(-1, c.classValue(0));
        assertEquals(3371, c.totalNodes());
        assertEquals(7442, c.totalEdges());
        assertEquals(7, c.numNodeFeatures());
        assertEquals(10, c.graphs().stream().mapToInt(GraphData::numNodes).min().orElseThrow());
        assertEquals(28, c.graphs().stream().mapToInt(GraphData::numNodes).max().orElseThrow());
        double[] atoms = new double[7];
        for (GraphData g : c.graphs()) {
            assertTrue(g.isUndirected(), "every bond listed both ways");
            double[] colSums = g.features().toDense(DataType.DOUBLE).sum(0).toDoubleVector();
            for (int k = 0; k < 7; k++) {
                atoms[k] += colSums[k];
            }
        }
        assertArrayEquals(new double[] {2395, 345, 593, 12, 1, 23, 2}, atoms, 0);
        int[] bonds = new int[4];
        for (int g = 0; g < c.size(); g++) {
            for (int l : c.edgeLabels(g)) {
                bonds[l]++;
            }
        }
        assertArrayEquals(new int[] {4708, 2008, 724, 2}, bonds);
    }
}
