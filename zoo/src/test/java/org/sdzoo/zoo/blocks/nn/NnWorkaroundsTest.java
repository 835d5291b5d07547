package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The M2.1 behaviours the blocks avoid, each beside what the block does instead. When a test of
 * a defect fails, ND4J has changed: the workaround may go.
 */
class NnWorkaroundsTest {

    private static final INDArray X = Nd4j.createFromArray(new double[][][] {
            {{1, 2, 4, 8}, {-1, 0, 3, 1}, {2, 2, 5, 0}},
            {{0.5, -2, 1, 1}, {3, 1, 4, 1}, {-5, 9, 2, 6}}});

    private static INDArray run(java.util.function.Function<SameDiff, SDVariable> graph) {
        SameDiff sd = SameDiff.create();
        SDVariable out = graph.apply(sd);
        return sd.output(Map.of(), out.name()).get(out.name());
    }

    @Test
    void meanOverMinusOneOfARank3InputVersusTheExplicitAxis() {
        INDArray explicit = run(sd -> sd.constant(X.dup()).mean(true, 2));
        assertEquals(X.mean(true, 2), explicit);
        INDArray negative = run(sd -> sd.constant(X.dup()).mean(true, -1));
        assertNotEquals(X.mean(true, 2), negative,
                "mean(keepDims, -1) now reduces the last axis of a 3-D input: LayerNorm may pass -1");
    }

    @Test
    void leakyReluSlopeIsFloat32ButOursIsExact() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.createFromArray(-2.0, 3.0));
        sd.nn.leakyRelu(x, 0.01).sum().rename("builtIn");
        SameDiff ours = SameDiff.create();
        Activation.LEAKY_RELU.apply(ours.var("x", Nd4j.createFromArray(-2.0, 3.0))).sum().rename("ours");
        double builtIn = QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), List.of("x"))).get("x").getDouble(0);
        double exact = QuietSameDiff.run(() -> ours.calculateGradients(Map.of(), List.of("x"))).get("x").getDouble(0);
        assertNotEquals(0.01, builtIn, "sd.nn.leakyRelu now has a float64 slope: Activation may use it");
        assertEquals(0.01, exact);
    }

    @Test
    void builtInGelusAreApproximationsButOursIsTheErfForm() {
        INDArray x = Nd4j.createFromArray(-1.5, 0.7, 2.0);
        double[] exact = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = x.getDouble(i);
            exact[i] = v * 0.5 * (1 + erf(v / Math.sqrt(2)));
        }
        INDArray builtIn = run(sd -> sd.nn.gelu(sd.constant(x.dup())));
        INDArray precise = run(sd -> sd.nn.preciseGelu(sd.constant(x.dup())));
        INDArray ours = run(sd -> Activation.GELU.apply(sd.constant(x.dup())));
        for (int i = 0; i < 3; i++) {
            assertTrue(Math.abs(builtIn.getDouble(i) - exact[i]) > 1e-6, "sd.nn.gelu is now exact: Activation may use it");
            assertTrue(Math.abs(precise.getDouble(i) - exact[i]) > 1e-8, "sd.nn.preciseGelu is now exact");
            assertEquals(exact[i], ours.getDouble(i), 1e-12);
        }
    }

    /** erf by its series, to 1e-15 for |z| ≤ 2: a reference independent of ND4J. */
    private static double erf(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 80; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
