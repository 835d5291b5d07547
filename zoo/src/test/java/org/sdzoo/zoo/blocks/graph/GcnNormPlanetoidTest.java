package org.sdzoo.zoo.blocks.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.Planetoid;

/** The two forms of GcnNorm on the real citation graphs (run when SDZOO_DATA_DIR is set). */
@EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
class GcnNormPlanetoidTest {

    private static GraphData load(Planetoid.Name name) throws IOException {
        return Planetoid.load(name, Path.of(System.getenv(DataDirectory.ENV_VAR)));
    }

    @Test
    void coraDenseAndEdgeFormsAgree() throws IOException {
        GraphData cora = load(Planetoid.Name.CORA);
        NormalizedEdges edges = GcnNorm.edges(cora, GcnNorm.Settings.gcn());
        assertEquals(10556 + 2708, edges.numEdges(), "every node gets one self loop");
        INDArray dense = GcnNorm.dense(cora.numNodes(), cora.edgeIndex(), null, GcnNorm.Settings.gcn());
        assertTrue(edges.toDense(DataType.DOUBLE).equalsWithEps(dense, 1e-12));
        // symmetric normalisation of an undirected graph gives a symmetric P
        assertTrue(dense.equalsWithEps(dense.transpose(), 1e-12));
    }

    @Test
    void citeSeerKeepsOneLoopPerNodeAsPyG() throws IOException {
        GraphData citeseer = load(Planetoid.Name.CITESEER);
        NormalizedEdges edges = GcnNorm.edges(citeseer, GcnNorm.Settings.gcn());
        // 9228 entries hold 124 self loops: they are replaced, so 9104 + 3327 remain
        assertEquals(9104 + 3327, edges.numEdges());
        INDArray dense = GcnNorm.dense(citeseer.numNodes(), citeseer.edgeIndex(), null, GcnNorm.Settings.gcn());
        assertTrue(edges.toDense(DataType.DOUBLE).equalsWithEps(dense, 1e-12));
        // a node whose only neighbour is itself has degree 1 and coefficient 1
        assertEquals(48, countDiagonalOnes(dense));
    }

    private static int countDiagonalOnes(INDArray p) {
        int n = 0;
        for (int i = 0; i < p.size(0); i++) {
            if (p.getDouble(i, i) == 1.0) {
                n++;
            }
        }
        return n;
    }
}
