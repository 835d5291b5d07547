package org.sdzoo.zoo.blocks.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Hand-computed cases on a 4-node graph: the undirected path 0 - 1 - 2 (both directions listed)
 * and node 3 with no edge. With self loops of weight 1 the in-degrees of Â are 2, 3, 2, 1.
 */
class GcnNormTest {

    private static final int[] S = {0, 1, 1, 2};
    private static final int[] T = {1, 0, 2, 1};
    private static final double EPS = 1e-12;

    private static Map<String, Double> byPair(NormalizedEdges n) {
        Map<String, Double> m = new HashMap<>();
        int[] s = n.sources();
        int[] t = n.targets();
        double[] c = n.coefficientArray();
        for (int e = 0; e < c.length; e++) {
            assertTrue(m.put(s[e] + ">" + t[e], c[e]) == null, "each pair once");
        }
        return m;
    }

    private static NormalizedEdges norm(Normalization mode, boolean loops, boolean improved, double[] w) {
        return GcnNorm.edges(4, S, T, w, new GcnNorm.Settings(mode, loops, improved));
    }

    @Test
    void symmetricWithSelfLoops() {
        NormalizedEdges n = norm(Normalization.SYMMETRIC, true, false, null);
        assertEquals(8, n.numEdges());
        // edges in input order, then one loop per node 0..3
        assertArrayEquals(new int[] {0, 1, 1, 2, 0, 1, 2, 3}, n.sources());
        Map<String, Double> c = byPair(n);
        assertEquals(1 / Math.sqrt(6), c.get("0>1"), EPS);
        assertEquals(1 / Math.sqrt(6), c.get("1>0"), EPS);
        assertEquals(1 / Math.sqrt(6), c.get("2>1"), EPS);
        assertEquals(1 / 2.0, c.get("0>0"), EPS);
        assertEquals(1 / 3.0, c.get("1>1"), EPS);
        assertEquals(1 / 2.0, c.get("2>2"), EPS);
        assertEquals(1.0, c.get("3>3"), EPS);
    }

    @Test
    void rowWithSelfLoopsDividesByTheTargetsDegree() {
        Map<String, Double> c = byPair(norm(Normalization.ROW, true, false, null));
        assertEquals(1 / 3.0, c.get("0>1"), EPS);
        assertEquals(1 / 2.0, c.get("1>0"), EPS);
        assertEquals(1 / 2.0, c.get("1>2"), EPS);
        assertEquals(1 / 3.0, c.get("2>1"), EPS);
        assertEquals(1 / 3.0, c.get("1>1"), EPS);
        assertEquals(1.0, c.get("3>3"), EPS);
    }

    @Test
    void noneKeepsTheWeights() {
        Map<String, Double> c = byPair(norm(Normalization.NONE, true, false, new double[] {2, 2, 0.5, 0.5}));
        assertEquals(2.0, c.get("0>1"), EPS);
        assertEquals(0.5, c.get("2>1"), EPS);
        assertEquals(1.0, c.get("2>2"), EPS);
        assertEquals(6, byPair(norm(Normalization.NONE, false, false, null)).size() + 2, "no loops: only the 4 edges");
    }

    @Test
    void symmetricWithWeights() {
        // in-degrees of Â: 1 + 2 = 3, 1 + 2 + 0.5 = 3.5, 1 + 0.5 = 1.5, 1
        Map<String, Double> c = byPair(norm(Normalization.SYMMETRIC, true, false, new double[] {2, 2, 0.5, 0.5}));
        assertEquals(2 / Math.sqrt(3 * 3.5), c.get("0>1"), EPS);
        assertEquals(0.5 / Math.sqrt(3.5 * 1.5), c.get("1>2"), EPS);
        assertEquals(1 / 3.5, c.get("1>1"), EPS);
        assertEquals(1 / 1.5, c.get("2>2"), EPS);
    }

    @Test
    void improvedFillsTwoButKeepsAnExistingLoopsWeightAsPyG() {
        // node 3 has its own self loop of weight 1: PyG keeps it at 1 rather than 2.
        NormalizedEdges n = GcnNorm.edges(4, new int[] {0, 1, 1, 2, 3}, new int[] {1, 0, 2, 1, 3}, null,
                new GcnNorm.Settings(Normalization.SYMMETRIC, true, true));
        assertEquals(8, n.numEdges(), "the old loop is replaced, not duplicated");
        Map<String, Double> c = byPair(n);
        // in-degrees: 2 + 1 = 3, 2 + 2 = 4, 3, 1
        assertEquals(1 / Math.sqrt(12), c.get("0>1"), EPS);
        assertEquals(2 / 3.0, c.get("0>0"), EPS);
        assertEquals(2 / 4.0, c.get("1>1"), EPS);
        assertEquals(1.0, c.get("3>3"), EPS);
    }

    @Test
    void zeroDegreeGivesZeroCoefficientNotNaN() {
        // 0 -> 1 only, no self loops: node 0 receives nothing, so its degree is 0.
        NormalizedEdges sym = GcnNorm.edges(2, new int[] {0}, new int[] {1}, null,
                new GcnNorm.Settings(Normalization.SYMMETRIC, false, false));
        assertEquals(0.0, sym.coefficientArray()[0], 0);
        NormalizedEdges row = GcnNorm.edges(2, new int[] {0}, new int[] {1}, null,
                new GcnNorm.Settings(Normalization.ROW, false, false));
        assertEquals(1.0, row.coefficientArray()[0], 0);
        INDArray dense = GcnNorm.dense(2, Nd4j.createFromArray(new int[][] {{0, 1}}), null,
                new GcnNorm.Settings(Normalization.SYMMETRIC, false, false));
        assertEquals(0.0, dense.sumNumber().doubleValue(), 0);
        assertTrue(Double.isFinite(dense.sumNumber().doubleValue()));
    }

    @Test
    void denseAndEdgeListFormsAgreeForEverySetting() {
        // duplicates, a self loop given twice, a directed edge, weights
        INDArray edges = Nd4j.createFromArray(new int[][] {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {1, 2}, {3, 3}, {3, 3}, {4, 0}});
        INDArray weights = Nd4j.createFromArray(1.5, 1.5, 0.25, 0.25, 2.0, 3.0, 0.5, 1.0);
        for (Normalization mode : Normalization.values()) {
            for (boolean loops : new boolean[] {false, true}) {
                for (boolean improved : loops ? new boolean[] {false, true} : new boolean[] {false}) {
                    GcnNorm.Settings s = new GcnNorm.Settings(mode, loops, improved);
                    for (INDArray w : new INDArray[] {null, weights}) {
                        INDArray fromEdges = GcnNorm.edges(5, edges, w, s).toDense(DataType.DOUBLE);
                        INDArray dense = GcnNorm.dense(5, edges, w, s);
                        assertTrue(fromEdges.equalsWithEps(dense, 1e-12), s + " weights " + (w != null)
                                + "\n" + fromEdges + "\n" + dense);
                    }
                }
            }
        }
    }

    @Test
    void propagateEqualsTheDenseProduct() {
        NormalizedEdges n = norm(Normalization.SYMMETRIC, true, false, new double[] {2, 2, 0.5, 0.5});
        INDArray h = Nd4j.createFromArray(new double[][] {{1, -2}, {0.5, 3}, {4, 0}, {-1, 1}});
        assertTrue(n.propagate(h).equalsWithEps(n.toDense(DataType.DOUBLE).mmul(h), 1e-12));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> n.propagate(Nd4j.zeros(3, 2))).getMessage()
                .contains("but [4, D] was expected"));
    }

    @Test
    void denseAdjacencyInputAgreesWithEdges() {
        INDArray a = Nd4j.createFromArray(new double[][] {{0, 1, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 0}});
        INDArray p = GcnNorm.dense(a, GcnNorm.Settings.gcn());
        INDArray e = GcnNorm.edges(4, S, T, null, GcnNorm.Settings.gcn()).toDense(DataType.DOUBLE);
        assertTrue(p.equalsWithEps(e, 1e-12));
        assertEquals(1 / Math.sqrt(6), p.getDouble(1, 0), EPS);
    }

    @Test
    void badInputGetsOneSentence() {
        String m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.dense(
                Nd4j.createFromArray(new double[][] {{0, 1}, {0, 0}}), GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("not symmetric (A[0][1] = 1.0 but A[1][0] = 0.0)"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.dense(Nd4j.zeros(2, 3), GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("square [N, N]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.edges(3, new int[] {0}, new int[] {3}, null,
                GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("Edge 0 (0 -> 3) names node 3 but the node ids run from 0 to 2"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.edges(3, new int[] {-1}, new int[] {0}, null,
                GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("names node -1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.edges(3, new int[0], new int[0], null,
                GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("no edges"), m);
        m = assertThrows(IllegalArgumentException.class, () -> new GcnNorm.Settings(Normalization.ROW, false, true)).getMessage();
        assertTrue(m.contains("improved (Â = A + 2I) needs addSelfLoops"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.edges(2, Nd4j.createFromArray(new int[][] {{0, 1}, {1, 0}}),
                Nd4j.createFromArray(-3.0, -3.0), GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("weighted in-degree -2.0"), m);
        m = assertThrows(IllegalArgumentException.class, () -> GcnNorm.edges(2,
                Nd4j.createFromArray(new int[][] {{0, 1}, {1, 0}}).transpose().dup().reshape(2, 2).castTo(DataType.FLOAT),
                null, GcnNorm.Settings.gcn())).getMessage();
        assertTrue(m.contains("node ids must be integers"), m);
    }
}
