package org.sdzoo.zoo.blocks.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;

/** Strict float64 finite-difference checks of the temporal blocks, and their causality. */
class TemporalBlockGradientTest {

    /** A graph whose loss is {@code sum(block(x) · probe)}, with the input a variable too. */
    private static SameDiff blockGraph(long in, long out, int k, int d, boolean weightNorm, double dropout, long t) {
        SameDiff sd = SameDiff.create();
        Nd4j.getRandom().setSeed(3);
        SDVariable x = sd.var("input", Nd4j.randn(DataType.DOUBLE, 2, in, t));
        TemporalBlock block = TemporalBlock.create(Scope.root(sd, 42, DataType.DOUBLE).child("block"), in, out, k, d,
                dropout, weightNorm);
        SDVariable y = block.apply(x);
        INDArray probe = Nd4j.linspace(-1, 1.5, 2 * out * t, DataType.DOUBLE).reshape(2, out, t);
        y.mul(sd.constant(probe)).sum().rename("loss");
        return sd;
    }

    @ParameterizedTest(name = "in {0} out {1} kernel {2} dilation {3} weight norm {4}")
    @CsvSource({
            "2, 3, 2, 1, true", "2, 3, 3, 2, true", "3, 3, 2, 3, true", "3, 3, 3, 4, true",
            "2, 3, 2, 1, false", "3, 3, 3, 2, false", "2, 3, 3, 4, false", "3, 3, 2, 3, false"})
    void passesTheStrictCheck(long in, long out, int k, int d, boolean weightNorm) {
        SameDiff sd = blockGraph(in, out, k, d, weightNorm, 0.0, 9);
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void passesTheStrictCheckWithDropout() {
        SameDiff sd = blockGraph(2, 3, 3, 2, true, 0.3, 7);
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void outputAtTDoesNotDependOnLaterInputs() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2, -1);
        TemporalConvNet net = TemporalConvNet.create(Scope.root(sd, 5, DataType.DOUBLE), 2, List.of(3, 3, 4), 3, 2,
                0.0, true);
        SDVariable y = net.apply(x);
        Nd4j.getRandom().setSeed(9);
        INDArray a = Nd4j.randn(DataType.DOUBLE, 2, 2, 20);
        int t = 11;
        INDArray b = a.dup();
        b.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t + 1, 20))
                .assign(Nd4j.randn(DataType.DOUBLE, 2, 2, 20 - t - 1).mul(10));
        INDArray ya = sd.output(Map.of("x", a), y.name()).get(y.name());
        INDArray yb = sd.output(Map.of("x", b), y.name()).get(y.name());
        INDArray before = ya.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1));
        assertEquals(before, yb.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, t + 1)),
                "outputs up to t changed when only inputs after t did");
        assertTrue(ya.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1))
                .sub(yb.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t + 1))).amaxNumber()
                .doubleValue() > 1e-6, "output at t + 1 should see the changed input (else the test cannot fail)");
    }

    @Test
    void receptiveFieldCountsTwoConvolutionsPerLevel() {
        assertEquals(1 + 2 * 6 * 255, TemporalConvNet.receptiveField(7, 2, 8));
        assertEquals(1 + 2 * 1 * (1 + 2), TemporalConvNet.receptiveField(2, 2, 2));
        SameDiff sd = SameDiff.create();
        TemporalConvNet net = TemporalConvNet.create(Scope.root(sd, 1, DataType.DOUBLE), 1, List.of(2, 2, 2), 3, 3,
                0.0, false);
        assertEquals(TemporalConvNet.receptiveField(3, 3, 3), net.receptiveField());
        assertEquals(1 + 2 * 2 * (1 + 3 + 9), net.receptiveField());
    }

    @Test
    void receptiveFieldMatchesTheGraph() {
        // the first input step that changes output T-1 is T - receptive field
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 1, 1, -1);
        TemporalConvNet net = TemporalConvNet.create(Scope.root(sd, 2, DataType.DOUBLE), 1, List.of(2, 2), 2, 2,
                0.0, false);
        SDVariable y = net.apply(x);
        for (SDVariable v : sd.variables()) {           // positive weights and inputs keep every ReLU open
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                v.getArr().assign(Transforms.abs(v.getArr()).addi(0.1));
            }
        }
        long rf = net.receptiveField();
        int t = 12;
        INDArray base = Nd4j.ones(DataType.DOUBLE, 1, 1, t);
        double y0 = sd.output(Map.of("x", base), y.name()).get(y.name()).getDouble(0, 0, t - 1);
        for (int s = 0; s < t; s++) {
            INDArray moved = base.dup();
            moved.putScalar(new long[] {0, 0, s}, 50.0);
            double ys = sd.output(Map.of("x", moved), y.name()).get(y.name()).getDouble(0, 0, t - 1);
            boolean seen = s >= t - rf;
            assertEquals(seen, Math.abs(ys - y0) > 1e-12, "step " + s + " of " + t + ", receptive field " + rf);
        }
    }
}
