package org.sdzoo.zoo.blocks.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.CsrFeatures;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.samediff.QuietSameDiff;

class GraphConvTest {

    /** A 6-node graph with a hub, a chain, both directions listed, and node 5 isolated. */
    static final int[] SOURCES = {0, 1, 0, 2, 0, 3, 1, 2, 3, 4};
    static final int[] TARGETS = {1, 0, 2, 0, 3, 0, 2, 1, 4, 3};
    static final int N = 6;
    static final int F = 5;
    static final int D = 3;

    static NormalizedEdges edges() {
        return GcnNorm.edges(N, SOURCES, TARGETS, null, GcnNorm.Settings.gcn());
    }

    /** Features with zeros in them, so the sparse form has rows of different lengths and an empty row. */
    static INDArray features() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, F).subi(0.5);
        x.putScalar(0, 1, 0);
        x.putScalar(2, 3, 0);
        x.getRow(4).assign(0);
        return x;
    }

    enum Form { DENSE, EDGES, EDGES_SPARSE_FEATURES }

    /** Builds one layer with loss = Σ out ⊙ R (R fixed), so every output element has its own weight. */
    static SameDiff layer(Form form, INDArray x, INDArray r) {
        SameDiff sd = SameDiff.create();
        NormalizedEdges e = edges();
        SDVariable n = sd.constant("n", Nd4j.scalar(N));
        Propagation p = form == Form.DENSE ? new Propagation.Dense(sd.constant("p", e.toDense(DataType.DOUBLE)))
                : new Propagation.Edges(sd.constant("s", e.sourceIndex()), sd.constant("t", e.targetIndex()),
                        sd.constant("c", e.coefficients(DataType.DOUBLE)), n);
        FeatureMatrix features;
        if (form == Form.EDGES_SPARSE_FEATURES) {
            CsrFeatures csr = CsrFeatures.fromDense(org.sdzoo.datasets.graph.DenseFeatures.of(x.castTo(DataType.FLOAT)));
            features = new FeatureMatrix.Sparse(sd.constant("rows", csr.rowIds()), sd.constant("cols", csr.indices()),
                    sd.constant("vals", sparseValues(x, csr)), n);
        } else {
            features = new FeatureMatrix.Dense(sd.constant("x", x));
        }
        GraphConv.Outputs out = GraphConv.apply(sd, "gc1", features, p, F, D, true, 7, DataType.DOUBLE);
        out.output().rename("out");
        out.output().mul(sd.constant("r", r)).sum().rename("loss");
        return sd;
    }

    /** The nonzeros of x in CSR order, in double precision (CsrFeatures keeps float32 values). */
    static INDArray sparseValues(INDArray x, CsrFeatures csr) {
        int[] rows = csr.rowIds().toIntVector();
        int[] cols = csr.indices().toIntVector();
        double[] v = new double[rows.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = x.getDouble(rows[i], cols[i]);
        }
        return Nd4j.createFromArray(v);
    }

    @Test
    void denseEdgeAndSparseFormsGiveTheSameOutputsAndGradients() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = features();
        INDArray r = Nd4j.rand(DataType.DOUBLE, N, D);
        INDArray reference = null;
        Map<String, INDArray> referenceGrads = null;
        for (Form form : Form.values()) {
            SameDiff sd = layer(form, x, r);
            INDArray out = sd.output(Map.of(), "out").get("out");
            List<String> params = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE)
                    .map(SDVariable::name).sorted().toList();
            assertEquals(List.of("gc1.bias", "gc1.weight"), params);
            Map<String, INDArray> grads = QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), params));
            if (reference == null) {
                reference = out;
                referenceGrads = grads;
                // the dense form against plain Java: P · (X · W) + b
                INDArray w = sd.getArrForVarName("gc1.weight");
                INDArray expected = edges().propagate(x.mmul(w));
                assertTrue(expected.equalsWithEps(out, 1e-12), "dense form vs NormalizedEdges.propagate");
            } else {
                assertTrue(reference.equalsWithEps(out, 1e-12), form + " output differs from the dense form");
                for (String name : referenceGrads.keySet()) {
                    assertTrue(referenceGrads.get(name).equalsWithEps(grads.get(name), 1e-12), form + " gradient of " + name);
                }
            }
        }
        // node 5 is isolated: with its self loop it keeps (x5 · W) + b, untouched by others
        assertEquals(0, edges().propagate(Nd4j.eye(N)).getDouble(5, 0), 0);
    }

    @Test
    void strictGradientCheckForEveryForm() {
        Nd4j.getRandom().setSeed(2);
        INDArray x = features();
        INDArray r = Nd4j.rand(DataType.DOUBLE, N, D);
        for (Form form : Form.values()) {
            GradientCheck.Result result = GradientCheck.check(layer(form, x, r), "loss", Map.of());
            assertTrue(result.passed(), form + ": " + result);
            assertEquals(F * D + D, result.checked());
        }
    }

    @Test
    void glorotInitIsSeededAndBounded() {
        INDArray a = weight(3);
        assertArrayEquals(new long[] {40, 10}, a.shape());
        assertTrue(a.equals(weight(3)));
        assertTrue(!a.equals(weight(4)));
        double r = Math.sqrt(6.0 / 50);
        assertTrue(a.amaxNumber().doubleValue() <= r && a.amaxNumber().doubleValue() > 0.9 * r);
        assertEquals(0, a.meanNumber().doubleValue(), 0.05);
    }

    private static INDArray weight(long seed) {
        SameDiff sd = SameDiff.create();
        var x = new FeatureMatrix.Dense(sd.constant(Nd4j.ones(DataType.DOUBLE, 2, 40)));
        var p = new Propagation.Dense(sd.constant(Nd4j.eye(2).castTo(DataType.DOUBLE)));
        return GraphConv.apply(sd, "g", x, p, 40, 10, false, seed, DataType.DOUBLE).weight().getArr();
    }

    @Test
    void badWidthsAreRefused() {
        SameDiff sd = SameDiff.create();
        var x = new FeatureMatrix.Dense(sd.constant(Nd4j.ones(DataType.DOUBLE, 2, 2)));
        var p = new Propagation.Dense(sd.constant(Nd4j.eye(2).castTo(DataType.DOUBLE)));
        var e = assertThrows(IllegalArgumentException.class, () -> GraphConv.apply(sd, "g", x, p, 2, 0, true, 1, DataType.DOUBLE));
        assertTrue(e.getMessage().contains("2 -> 0"), e.getMessage());
    }
}
