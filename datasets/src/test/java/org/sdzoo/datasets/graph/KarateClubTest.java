package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class KarateClubTest {

    @Test
    void hasZacharysCounts() {
        GraphData g = KarateClub.load();
        GraphStatistics s = g.stats();
        assertEquals(34, s.nodes());
        assertEquals(156, s.edges(), "78 friendships, both directions");
        assertEquals(0, s.selfLoops());
        assertEquals(0, s.isolatedNodes());
        assertArrayEquals(new int[] {17, 17}, s.classCounts());
        assertEquals(34, g.numFeatures());
        assertFalse(g.hasEdgeWeights());
        NodeSplit split = g.split().orElseThrow();
        assertArrayEquals(new int[] {0, 33}, split.train());
        assertFalse(split.hasValidation());
        assertEquals(32, split.test().length);
        assertEquals(0, g.labelArray()[KarateClub.INSTRUCTOR]);
        assertEquals(1, g.labelArray()[KarateClub.PRESIDENT]);
        assertTrue(g.statistics().contains("train 2 / val 0 / test 32"), g.statistics());
    }

    @Test
    void jarCopiesMatchTheirRecordedSha256() throws Exception {
        java.util.Map<String, String> expected = java.util.Map.of(
                "edges.txt", "9b9d27dc0882b2ed3c1db3d11d9ea13db5088335250343f366cc223dc3131d6c",
                "edges_weighted.txt", "b38364b353a3b3139020347f63f74cf66f96d75f271de388c2af64ae1497c359",
                "labels.txt", "de3400591c6600bf6a2228d5b8f113bc4e5fc55bebafad98a892b6ad045eee9f");
        for (var e : expected.entrySet()) {
            try (var in = KarateClub.class.getResourceAsStream("/org/sdzoo/datasets/graph/karate/" + e.getKey())) {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                assertEquals(e.getValue(), java.util.HexFormat.of().formatHex(digest), e.getKey() + " as listed in SOURCE.md");
            }
        }
        assertTrue(KarateClub.class.getResource("/org/sdzoo/datasets/graph/karate/SOURCE.md") != null, "licence note shipped");
    }

    @Test
    void weightsAreZacharysInteractionCounts() {
        GraphData g = KarateClub.load(true);
        float[] w = g.edgeWeightArray().orElseThrow();
        assertEquals(156, w.length);
        double total = 0;
        for (float v : w) {
            assertTrue(v >= 1 && v <= 7);
            total += v;
        }
        assertEquals(2 * 231, total, 0, "networkx's total edge weight is 231");
        assertEquals(g.denseAdjacency(DataType.DOUBLE), g.denseAdjacency(DataType.DOUBLE).transpose());
    }
}
