package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LinkSplitTest {

    /** A ring of 40 nodes plus chords i -> i+7: 80 undirected edges. */
    private static GraphData ring() {
        int n = 40;
        int[] s = new int[2 * n];
        int[] t = new int[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = i;
            t[2 * i] = (i + 1) % n;
            s[2 * i + 1] = i;
            t[2 * i + 1] = (i + 7) % n;
        }
        return GraphData.builder("ring", n).features(DenseFeatures.identity(n)).edges(s, t).build().toUndirected();
    }

    private static Set<String> pairs(INDArray a) {
        Set<String> set = new HashSet<>();
        for (int i = 0; i < a.size(0); i++) {
            int u = a.getInt(i, 0);
            int v = a.getInt(i, 1);
            assertTrue(u < v, "u < v");
            assertTrue(set.add(u + "-" + v), "no pair twice");
        }
        return set;
    }

    @Test
    void splitsLikeGae() {
        GraphData g = ring();
        LinkSplit split = LinkSplit.split(g, 3);
        Set<String> train = pairs(split.trainPositive());
        Set<String> val = pairs(split.valPositive());
        Set<String> test = pairs(split.testPositive());
        assertEquals(8, test.size(), "floor(80 / 10)");
        assertEquals(4, val.size(), "floor(80 / 20)");
        assertEquals(68, train.size());
        Set<String> all = new HashSet<>(train);
        all.addAll(val);
        all.addAll(test);
        assertEquals(80, all.size(), "the parts partition the edges");
        Set<String> edges = new HashSet<>();
        for (int e = 0; e < g.numEdges(); e++) {
            if (g.sources()[e] < g.targets()[e]) {
                edges.add(g.sources()[e] + "-" + g.targets()[e]);
            }
        }
        assertEquals(edges, all, "every edge of the graph is in exactly one part");
        // the training graph holds exactly the training edges, both directions
        GraphData tg = split.trainGraph();
        assertEquals(136, tg.numEdges());
        assertTrue(tg.isUndirected());
        for (int e = 0; e < tg.numEdges(); e++) {
            int u = Math.min(tg.sources()[e], tg.targets()[e]);
            int v = Math.max(tg.sources()[e], tg.targets()[e]);
            assertTrue(train.contains(u + "-" + v));
        }
        Set<String> valNeg = pairs(split.valNegative());
        Set<String> testNeg = pairs(split.testNegative());
        assertEquals(4, valNeg.size());
        assertEquals(8, testNeg.size());
        for (String p : valNeg) {
            assertFalse(all.contains(p) || testNeg.contains(p), "a negative is no edge and is used once: " + p);
        }
        for (String p : testNeg) {
            assertFalse(all.contains(p));
        }
    }

    @Test
    void deterministicFromTheSeed() {
        assertEquals(LinkSplit.split(ring(), 5).testNegative(), LinkSplit.split(ring(), 5).testNegative());
        assertEquals(LinkSplit.split(ring(), 5).testPositive(), LinkSplit.split(ring(), 5).testPositive());
        assertFalse(LinkSplit.split(ring(), 5).testPositive().equals(LinkSplit.split(ring(), 6).testPositive()));
    }

    @Test
    void sampledNegativesAvoidEdgesEvenWhenDense() {
        GraphData g = ring();
        Set<String> edges = pairs(LinkSplit.split(g, 0, 0, 1).trainPositive());
        Set<String> neg = pairs(LinkSplit.sampleNegatives(g, 700, 9));
        assertEquals(700, neg.size(), "700 of the 780 - 80 = 700 free pairs: the enumeration path");
        neg.retainAll(edges);
        assertTrue(neg.isEmpty());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinkSplit.sampleNegatives(g, 701, 9)).getMessage()
                .contains("has only 700 unconnected node pairs left but 701 negatives were asked for"));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = org.sdzoo.datasets.DataDirectory.ENV_VAR, matches = ".+")
    void coraSplitsAsGae() throws java.io.IOException {
        GraphData cora = Planetoid.load(Planetoid.Name.CORA, java.nio.file.Path.of(System.getenv(org.sdzoo.datasets.DataDirectory.ENV_VAR)));
        LinkSplit split = LinkSplit.split(cora, 0);
        // 5278 undirected edges: floor(527.8) test, floor(263.9) val, the rest train
        assertEquals(527, split.testPositive().size(0));
        assertEquals(263, split.valPositive().size(0));
        assertEquals(4488, split.trainPositive().size(0));
        assertEquals(527, split.testNegative().size(0));
        assertEquals(2 * 4488, split.trainGraph().numEdges());
    }

    @Test
    void directedGraphsAreRefused() {
        GraphData directed = GraphData.builder("d", 3).features(DenseFeatures.identity(3))
                .edges(new int[] {0, 1}, new int[] {1, 2}).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinkSplit.split(directed, 1)).getMessage()
                .contains("is directed, but a link split keeps each undirected edge's two directions together; call toUndirected() first."));
    }
}
