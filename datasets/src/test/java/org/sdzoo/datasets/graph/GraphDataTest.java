package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GraphDataTest {

    /** A path 0-1-2 plus node 3 with only a self loop; edges listed once. */
    static GraphData path() {
        return GraphData.builder("path", 4)
                .features(Nd4j.createFromArray(new float[][] {{1, 1}, {0, 2}, {0, 0}, {3, 1}}))
                .edges(new int[] {0, 1, 3}, new int[] {1, 2, 3})
                .labels(new int[] {0, 1, 1, -1}, 2)
                .split(NodeSplit.of(new int[] {0}, new int[] {1}, new int[] {2}))
                .build();
    }

    @Test
    void toUndirectedListsBothDirectionsSortedAndSelfLoopsOnce() {
        GraphData u = path().toUndirected();
        assertArrayEquals(new int[] {0, 1, 1, 2, 3}, u.sources());
        assertArrayEquals(new int[] {1, 0, 2, 1, 3}, u.targets());
        assertTrue(u.isUndirected());
        assertFalse(path().isUndirected());
        assertEquals(u.edgeIndex(), u.toUndirected().edgeIndex(), "idempotent");
    }

    @Test
    void statisticsCountEverything() {
        GraphStatistics s = path().toUndirected().stats();
        assertEquals(4, s.nodes());
        assertEquals(5, s.edges());
        assertEquals(1, s.selfLoops());
        assertEquals(1, s.isolatedNodes(), "node 3 has only a self loop");
        assertEquals(5, s.featureNonZeros());
        assertEquals(5 / 8.0, s.featureDensity(), 1e-12);
        assertArrayEquals(new int[] {1, 2}, s.classCounts());
        assertEquals(1, s.unlabeled());
        assertEquals(1, s.train());
        String text = path().toUndirected().statistics();
        assertTrue(text.contains("5 (3 undirected pairs)") && text.contains("isolated nodes   1")
                && text.contains("train 1 / val 1 / test 1"), text);
    }

    @Test
    void rowNormalisationKeepsZeroRowsZeroInBothForms() {
        GraphData g = path();
        INDArray expected = Nd4j.createFromArray(new float[][] {{0.5f, 0.5f}, {0, 1}, {0, 0}, {0.75f, 0.25f}});
        assertEquals(expected, g.withRowNormalizedFeatures().features().toDense(DataType.FLOAT));
        CsrFeatures csr = CsrFeatures.fromDense(g.features());
        assertEquals(expected, csr.rowNormalized().toDense(DataType.FLOAT));
        assertTrue(csr.rowNormalized().isSparse());
        assertEquals(Nd4j.createFromArray(0, 0, 1, 3, 3), csr.rowIds());
        assertEquals(Nd4j.createFromArray(0, 1, 1, 0, 1), csr.indices());
    }

    @Test
    void csrTimesWeightEqualsTheDenseProduct() {
        CsrFeatures csr = CsrFeatures.fromDense(path().features());
        INDArray w = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0.5, 2}});
        assertTrue(csr.multiply(w).equalsWithEps(csr.toDense(DataType.DOUBLE).mmul(w), 1e-12));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csr.multiply(Nd4j.zeros(3, 3))).getMessage()
                .contains("but [2, D] was expected"));
    }

    @Test
    void denseAdjacencyPutsSourceInRows() {
        INDArray a = GraphData.builder("w", 3).features(DenseFeatures.identity(3))
                .edges(new int[] {0, 0}, new int[] {2, 2}).edgeWeights(new float[] {0.5f, 2f}).build()
                .denseAdjacency(DataType.DOUBLE);
        assertEquals(2.5, a.getDouble(0, 2), 0);
        assertEquals(0.0, a.getDouble(2, 0), 0);
        assertEquals(2.5, a.sumNumber().doubleValue(), 0);
    }

    @Test
    void stackMixesDenseAndSparse() {
        NodeFeatures s = NodeFeatures.stack(java.util.List.of(DenseFeatures.identity(2),
                CsrFeatures.fromDense(DenseFeatures.identity(2))));
        assertTrue(s.isSparse());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}}), s.toDense(DataType.FLOAT));
    }

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static GraphData.Builder base() {
        return GraphData.builder("toy", 3).features(DenseFeatures.identity(3)).edges(new int[] {0, 1}, new int[] {1, 2});
    }

    @Test
    void badInputGetsOneSentenceEach() {
        assertTrue(error(() -> base().edges(new int[] {0, 3}, new int[] {1, 2}).build())
                .contains("edge 1 has source 3 but the node ids run from 0 to 2; fix the edge or the node count (are the ids 1-based?)."));
        assertTrue(error(() -> base().edges(new int[] {0}, new int[] {-1}).build()).contains("edge 0 has target -1"));
        assertTrue(error(() -> base().edges(new int[0], new int[0]).build()).contains("has no edges"));
        assertTrue(error(() -> GraphData.builder("toy", 4).features(DenseFeatures.identity(3))
                .edges(new int[] {0}, new int[] {1}).build())
                .contains("has 4 nodes but its features have 3 rows; give one feature row per node."));
        assertTrue(error(() -> base().labels(new int[] {0, 2, 1}, 2).build())
                .contains("node 1 has label 2 but the classes are 0 to 1"));
        assertTrue(error(() -> NodeSplit.of(new int[] {0, 1}, new int[] {1}, new int[] {2}))
                .contains("The train and val sets overlap in 1 node (the first is 1); make the sets disjoint."));
        assertTrue(error(() -> NodeSplit.of(new int[] {0}, new int[0], new int[] {2}))
                .contains("The val set is empty"));
        assertTrue(error(() -> base().labels(new int[] {0, -1, 1}, 2)
                .split(NodeSplit.of(new int[] {0}, new int[] {1}, new int[] {2})).build())
                .contains("val contains node 1 whose label is -1"));
        assertTrue(error(() -> base().features(Nd4j.createFromArray(new float[][] {{1}, {Float.NaN}, {0}})))
                .contains("The features hold NaN at node 1, feature 0"));
        assertTrue(error(() -> base().edgeWeights(new float[] {1}).build()).contains("2 edges but 1 edge weights"));
        assertTrue(error(() -> base().edges(Nd4j.createFromArray(new int[][] {{0, 1, 2}, {1, 2, 0}})))
                .contains("but [E, 2] (source, target) pairs were expected; transpose a PyG [2, E] edge_index first."));
        assertTrue(error(() -> CsrFeatures.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 2}, new float[] {1, 1}))
                .contains("CSR indices[1] is 2 but the features have 2 columns"));
    }

    @Test
    void edgesFromATransposedViewKeepTheirPairs() {
        INDArray pygEdgeIndex = Nd4j.createFromArray(new long[][] {{0, 1, 2}, {1, 2, 0}});
        GraphData g = base().edges(pygEdgeIndex.transpose()).build();
        assertArrayEquals(new int[] {0, 1, 2}, g.sources());
        assertArrayEquals(new int[] {1, 2, 0}, g.targets());
        assertEquals(Nd4j.createFromArray(new int[][] {{0, 1}, {1, 2}, {2, 0}}), g.edgeIndex());
    }

    @Test
    void masksMatchTheSplit() {
        NodeSplit s = path().split().orElseThrow();
        assertEquals(Nd4j.createFromArray(0f, 1f, 0f, 0f), s.valMask(4, DataType.FLOAT));
        assertArrayEquals(new int[] {2}, NodeSplit.ofMasks(s.trainMask(4, DataType.FLOAT), s.valMask(4, DataType.FLOAT),
                s.testMask(4, DataType.FLOAT)).test());
    }
}
