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
