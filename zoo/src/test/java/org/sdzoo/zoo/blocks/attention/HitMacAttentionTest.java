package org.sdzoo.zoo.blocks.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The HiT-MAC layer against the authors' {@code AttentionLayer} in PyTorch 1.13 on random weights
 * (fixtures/hitmac/make_fixture.py; the masked case there runs the original on each agent's
 * present targets alone), strict float64 gradient checks, and its symmetries over targets.
 */
class HitMacAttentionTest {

    private static final double TOLERANCE = 1e-10;
    private static final String[] PARAMS = {"Q.weight", "Q.bias", "K.weight", "K.bias", "V.weight", "V.bias"};
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(HitMacAttentionTest.class
                .getResource("/fixtures/hitmac/hitmac_parity.npz").toURI()));
    }

    /** The layer, a mask placeholder when masked, and the loss Σ z·cz + Σ global·cg. */
    private record Graph(SameDiff sd, HitMacOutputs out) {
        Map<String, INDArray> feed(INDArray x, INDArray mask) {
            Map<String, INDArray> feed = new HashMap<>();
            feed.put("x", x);
            if (mask != null) {
                feed.put("mask", mask);
            }
            return feed;
        }
    }

    private static Graph graph(boolean scaled, boolean masked, long features, long dAtt, long seed) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, -1, features);
        SDVariable mask = masked ? sd.placeHolder("mask", DataType.DOUBLE, -1, -1) : null;
        HitMacAttention layer = HitMacAttention.create(Scope.root(sd, seed, DataType.DOUBLE), features, dAtt, scaled);
        HitMacOutputs out = layer.apply(x, mask);
        out.z().rename("z");
        out.global().rename("global");
        out.weights().rename("weights");
        return new Graph(sd, out);
    }

    private static Graph fixtureGraph(boolean scaled, boolean masked) {
        Graph g = graph(scaled, masked, 4, 6, 1);
        for (String p : PARAMS) {
            g.sd().getArrForVarName(p).assign(fixture.get("layer_param_" + p));
        }
        SDVariable cz = g.sd().constant("cz", fixture.get("layer_cz"));
        SDVariable cg = g.sd().constant("cg", fixture.get("layer_cg"));
        g.out().z().mul(cz).sum().add(g.out().global().mul(cg).sum()).rename("loss");
        g.sd().setLossVariables("loss");
        return g;
    }

    private static void assertParity(String name, boolean scaled, boolean masked) {
        Graph g = fixtureGraph(scaled, masked);
        Map<String, INDArray> feed = g.feed(fixture.get("layer_x"), masked ? fixture.get("layer_mask") : null);
        Map<String, INDArray> out = g.sd().output(feed, "z", "global", "weights");
        for (String o : List.of("z", "global", "weights")) {
            assertClose(fixture.get(name + "_" + o), out.get(o), name + " " + o);
        }
        Map<String, INDArray> grads = QuietSameDiff.run(() -> g.sd().calculateGradients(feed, PARAMS));
        for (String p : PARAMS) {
            assertClose(fixture.get(name + "_grad_" + p), grads.get(p), name + " gradient of " + p);
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double err = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(err <= TOLERANCE, what + " differs from PyTorch by " + err);
    }

    @Test
    void unscaledMatchesTheAuthorsLayer() {
        assertParity("unscaled", false, false);
    }

    @Test
    void scaledMatchesTheLayerWithOneOverRootD() {
        assertParity("scaled", true, false);
    }

    @Test
    void maskedMatchesTheLayerRunOnThePresentTargetsAlone() {
        assertParity("masked", false, true);
    }

    private static void assertGradients(boolean scaled, boolean masked) {
        Graph g = fixtureGraph(scaled, masked);
        GradientCheck.Result r = GradientCheck.check(g.sd(), "loss",
                g.feed(fixture.get("layer_x"), masked ? fixture.get("layer_mask") : null));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void gradientsPassTheStrictCheckUnscaled() {
        assertGradients(false, false);
    }

    @Test
    void gradientsPassTheStrictCheckScaled() {
        assertGradients(true, false);
    }

    @Test
    void gradientsPassTheStrictCheckMasked() {
        assertGradients(false, true);
    }

    @Test
    void zIsEquivariantAndGlobalInvariantUnderAPermutationOfTargets() {
        Graph g = graph(false, false, 3, 5, 7);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).subi(0.5).muli(4);
        int[] perm = {2, 0, 3, 1};
        INDArray permuted = Nd4j.zeros(DataType.DOUBLE, 2, 4, 3);
        for (int t = 0; t < perm.length; t++) {
            permuted.get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all())
                    .assign(x.get(NDArrayIndex.all(), NDArrayIndex.point(perm[t]), NDArrayIndex.all()));
        }
        Map<String, INDArray> a = g.sd().output(g.feed(x, null), "z", "global");
        Map<String, INDArray> b = g.sd().output(g.feed(permuted, null), "z", "global");
        for (int t = 0; t < perm.length; t++) {
            INDArray expected = a.get("z").get(NDArrayIndex.all(), NDArrayIndex.point(perm[t]), NDArrayIndex.all());
            INDArray actual = b.get("z").get(NDArrayIndex.all(), NDArrayIndex.point(t), NDArrayIndex.all());
            assertClose(expected, actual, "z of permuted target " + t);
        }
        assertClose(a.get("global"), b.get("global"), "global");
        assertTrue(a.get("global").amaxNumber().doubleValue() > 0.01, "the check needs a non-trivial global");
    }

    @Test
    void scalingDividesTheScoresByRootD() {
        HitMacAttention scaled = HitMacAttention.create(Scope.root(SameDiff.create(), 1, DataType.DOUBLE), 4, 16, true);
        HitMacAttention plain = HitMacAttention.create(Scope.root(SameDiff.create(), 1, DataType.DOUBLE), 4, 16, false);
        assertEquals(0.25, scaled.scale());
        assertEquals(1.0, plain.scale());
    }

    @Test
    void initialisationIsXavierUniformWithZeroBias() {
        SameDiff sd = SameDiff.create();
        HitMacAttention.create(Scope.root(sd, 3, DataType.DOUBLE), 4, 128, false);
        double bound = Math.sqrt(6.0 / (4 + 128));
        for (String p : new String[] {"Q", "K", "V"}) {
            INDArray w = sd.getArrForVarName(p + ".weight");
            assertArrayEquals(new long[] {128, 4}, w.shape());
            assertTrue(w.amaxNumber().doubleValue() <= bound && w.amaxNumber().doubleValue() > 0.8 * bound, p);
            assertEquals(0.0, sd.getArrForVarName(p + ".bias").amaxNumber().doubleValue(), p + ".bias");
        }
    }

    @Test
    void aMaskThatPadsEveryTargetOfARowIsRefused() {
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {0, 0, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacAttention.checkMask(mask, 2, 3));
        assertTrue(e.getMessage().contains("row 1 of the target mask pads every target"), e.getMessage());
    }

    @Test
    void aMaskOfTheWrongShapeOrValuesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> HitMacAttention.checkMask(Nd4j.ones(DataType.DOUBLE, 2, 4), 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacAttention.checkMask(Nd4j.createFromArray(new double[][] {{1, 0.5}}), 1, 2));
        assertTrue(e.getMessage().contains("0.5 at [0, 1]"), e.getMessage());
        HitMacAttention.checkMask(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}}), 2, 2);
    }
}
