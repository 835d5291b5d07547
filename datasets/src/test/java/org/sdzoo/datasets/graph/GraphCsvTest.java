package org.sdzoo.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class GraphCsvTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsEdgesFeaturesLabelsAndSplit() throws IOException {
        Path e = write("edges.csv", "source,target,weight\n0,1,0.5\n1,2,2\n");
        Path f = write("features.csv", "node,a,b\n2,5,6\n0,1,2\n1,3,4\n");
        Path l = write("labels.csv", "node,label,split\n0,0,train\n1,1,val\n2,1,test\n");
        GraphData g = GraphCsv.read("user", e, f, l, true);
        assertEquals(3, g.numNodes());
        assertEquals(4, g.numEdges());
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}}), g.features().toDense(DataType.FLOAT),
                "rows ordered by the node column");
        assertArrayEquals(new int[] {0, 1, 1}, g.labelArray());
        assertEquals(2, g.numClasses());
        assertArrayEquals(new int[] {1}, g.split().orElseThrow().val());
        assertArrayEquals(new float[] {0.5f, 0.5f, 2f, 2f}, g.edgeWeightArray().orElseThrow());
    }

    @Test
    void withoutFeaturesNodesAreOneHotIds() throws IOException {
        GraphData g = GraphCsv.read("user", write("edges.csv", "source,target\n0,3\n"), null,
                write("labels.csv", "node,label\n4,1\n"), false);
        assertEquals(5, g.numNodes());
        assertTrue(g.features().isSparse());
        assertEquals(5, g.features().nonZeros());
        assertArrayEquals(new int[] {-1, -1, -1, -1, 1}, g.labelArray());
    }

    private String error(String edges, String features, String labels) throws IOException {
        Path e = write("edges.csv", edges);
        Path f = features == null ? null : write("features.csv", features);
        Path l = labels == null ? null : write("labels.csv", labels);
        return assertThrows(IllegalArgumentException.class, () -> GraphCsv.read("user", e, f, l, false)).getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    @Test
    void errorsNameFileRowAndColumn() throws IOException {
        assertContains(error("source,target\n0,1\n1,2,3\n", null, null),
                "edges.csv row 2 has 3 cells but the header has 2");
        assertContains(error("source,target\n0,1\n1,x\n", null, null),
                "edges.csv row 2 column 'target': 'x' is not a number");
        assertContains(error("source,target\n0,1.5\n", null, null),
                "edges.csv row 1 column 'target': '1.5' is not a whole number");
        assertContains(error("source,target\n0,1\n-1,2\n", null, null),
                "edges.csv row 2 column 'source': node -1 is out of range");
        assertContains(error("source,target\n0,1\n1,3\n", "node,a\n0,1\n1,1\n2,1\n", null),
                "edges.csv row 2 column 'target': node 3 is out of range; the node ids run from 0 to 2 (one per row of features.csv).");
        assertContains(error("source,target\n0,1\n", "node,a\n0,1\n0,1\n", null),
                "features.csv row 2 column 'node': node 0 is listed again (first in row 1)");
        assertContains(error("src,dst\n0,1\n", null, null), "edges.csv has no column 'source'");
        assertContains(error("source,target\n0,1\n", null, "node,label,split\n0,0,training\n"),
                "labels.csv row 1 column 'split': 'training' is not a split");
        assertContains(error("source,target\n0,1\n", "node,a\n0,1\n1,nan\n", null),
                "features.csv row 2 column 'a'");
    }

    @Test
    void classIdsWithAGapAreKeptAndWarnedOf() throws IOException {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GraphCsv.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            GraphData g = GraphCsv.read("user", write("edges.csv", "source,target\n0,1\n1,2\n"), null,
                    write("labels.csv", "node,label\n0,0\n1,3\n2,0\n"), true);
            assertEquals(4, g.numClasses(), "classes 0 .. 3");
            String warning = events.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("no node has class")).findFirst().orElseThrow();
            org.junit.jupiter.api.Assertions.assertTrue(warning.contains("[1, 2]") && warning.contains("4 outputs"), warning);
            events.list.clear();
            GraphCsv.read("user", write("edges2.csv", "source,target\n0,1\n"), null, write("labels2.csv", "node,label\n0,0\n1,1\n"),
                    true);
            org.junit.jupiter.api.Assertions.assertTrue(events.list.stream().noneMatch(e -> e.getFormattedMessage()
                    .contains("no node has class")), "no warning without a gap");
        } finally {
            logger.detachAppender(events);
        }
    }
}
