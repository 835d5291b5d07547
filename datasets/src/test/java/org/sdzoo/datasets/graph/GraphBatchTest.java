package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GraphBatchTest {

    private static GraphData edge(String name, float w) {
        return GraphData.builder(name, 2).features(DenseFeatures.identity(2)).edges(new int[] {0, 1}, new int[] {1, 0})
                .edgeWeights(new float[] {w, w}).labels(new int[] {0, 1}, 2).build();
    }

    private static GraphData triangle() {
        return GraphData.builder("tri", 3).features(CsrFeatures.fromDense(DenseFeatures.of(3, 2, new float[] {1, 0, 0, 1, 1, 1})))
                .edges(new int[] {0, 1, 2}, new int[] {1, 2, 0}).labels(new int[] {1, 1, 0}, 2).build();
    }

    @Test
    void mergesIntoOneBlockDiagonalGraph() {
        GraphBatch b = GraphBatch.of(List.of(edge("a", 2f), triangle(), edge("b", 3f)));
        GraphData g = b.graph();
        assertEquals(7, g.numNodes());
        assertArrayEquals(new int[] {0, 2, 5, 7}, b.nodeOffsets());
        assertEquals(Nd4j.createFromArray(0, 0, 1, 1, 1, 2, 2), b.graphIndex());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, g.sources());
        assertArrayEquals(new int[] {1, 0, 3, 4, 2, 6, 5}, g.targets());
        assertArrayEquals(new float[] {2, 2, 1, 1, 1, 3, 3}, g.edgeWeightArray().orElseThrow(), "unweighted graphs get weight 1");
        assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0, 1}, g.labelArray());
        assertTrue(g.features().isSparse(), "one sparse part makes the stack sparse");
        assertEquals(Nd4j.createFromArray(new float[] {1, 1}), g.features().toDense(DataType.FLOAT).getRow(4));
        // no edge joins two graphs
        int[] ids = b.graphIdArray();
        for (int e = 0; e < g.numEdges(); e++) {
            assertEquals(ids[g.sources()[e]], ids[g.targets()[e]]);
        }
        assertFalse(b.graphLabels().isPresent());
    }

    @Test
    void collectionBatchesCarryGraphLabels() {
        GraphCollection c = new GraphCollection("toy", List.of(edge("a", 1), triangle(), edge("b", 1)),
                new int[] {1, 0, 1}, new int[] {-1, 1}, null);
        GraphBatch b = GraphBatch.of(c, new int[] {2, 1});
        assertEquals(Nd4j.createFromArray(1, 0), b.graphLabels().orElseThrow());
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 1}, {1, 0}}), b.oneHotGraphLabels(DataType.FLOAT));
        assertEquals(5, b.graph().numNodes());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GraphBatch.of(c, new int[] {3})).getMessage()
                .contains("Graph index 3 is out of range; toy has graphs 0 to 2."));
    }
}
