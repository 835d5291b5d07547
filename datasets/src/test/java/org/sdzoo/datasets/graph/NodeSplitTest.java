package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodeSplitTest {

    /** 10 nodes of class 0, 5 of class 1, one unlabelled (node 15). */
    private static final int[] LABELS = IntStream.range(0, 16).map(i -> i == 15 ? GraphData.UNLABELED : i < 10 ? 0 : 1)
            .toArray();

    @Test
    void randomSplitIsStratifiedSeededAndLeavesUnlabelledOut() {
        NodeSplit s = NodeSplit.random(LABELS, 0.2, 0.2, 3);
        // class 0: 2 test, 2 val, 6 train; class 1: round(1.0) = 1 test, 1 val, 3 train
        assertEquals(3, s.test().length);
        assertEquals(3, s.val().length);
        assertEquals(9, s.train().length);
        for (int[] set : new int[][] {s.train(), s.val(), s.test()}) {
            assertTrue(IntStream.of(set).noneMatch(i -> i == 15), "the unlabelled node is in no set");
        }
        assertEquals(2, IntStream.of(s.test()).filter(i -> i < 10).count(), "class 0's share of the test set");
        NodeSplit again = NodeSplit.random(LABELS, 0.2, 0.2, 3);
        assertArrayEquals(s.test(), again.test(), "the same seed gives the same split");
        assertArrayEquals(s.train(), again.train());
        assertFalse(java.util.Arrays.equals(s.test(), NodeSplit.random(LABELS, 0.2, 0.2, 4).test()),
                "another seed gives another split");
        assertFalse(NodeSplit.random(LABELS, 0, 0.2, 3).hasValidation());
    }

    @Test
    void randomSplitRefusesFractionsThatLeaveNothingToTrainOn() {
        var e = assertThrows(IllegalArgumentException.class, () -> NodeSplit.random(LABELS, 0.5, 0.5, 1));
        assertTrue(e.getMessage().contains("sum below 1"), e.getMessage());
        var none = assertThrows(IllegalArgumentException.class,
                () -> NodeSplit.random(new int[] {0, 1, GraphData.UNLABELED}, 0.2, 0.2, 1));
        assertTrue(none.getMessage().contains("set is empty"), none.getMessage());
    }
}
