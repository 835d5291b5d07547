package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.testing.Fixtures;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.samediff.RunningState;

/**
 * {@link BatchNorm} against {@code torch.nn.BatchNorm1d} (fixtures/batchnorm/make_fixture.py): two
 * training steps (output, gradients of {@code sum(output · probe)}, running statistics after each)
 * then evaluation with the running statistics; and the strict float64 gradient check in both phases.
 */
class BatchNormTest {

    private static final double TOLERANCE = 1e-10;
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = Fixtures.read("/fixtures/batchnorm/batchnorm.npz");
    }

    private static INDArray get(String key) {
        return Fixtures.get(fixture, key);
    }

    /** A graph: variable input [M, 3] (M per case), batch norm "bn", loss = sum(y · probe). */
    private static SameDiff graph(DataType type) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("input", Nd4j.zeros(type, 1, 3));
        BatchNorm bn = BatchNorm.create(Scope.root(sd, 1, type).child("bn"), 3);
        bn.weight().getArr().assign(get("weight"));
        bn.bias().getArr().assign(get("bias"));
        SDVariable y = bn.apply(x).rename("y");
        y.mul(sd.placeHolder("probe", type, -1, 3)).sum().rename("loss");
        // the running statistics' next values are outputs too, so SameDiff cannot guess the loss
        sd.setLossVariables("loss");
        LearningPhase.of(sd);
        return sd;
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertEquals(expected.length(), actual.length(), what + ": length");
        double worst = 0;
        for (long i = 0; i < expected.length(); i++) {
            worst = Math.max(worst, Math.abs(expected.getDouble(i) - actual.getDouble(i)));
        }
        assertTrue(worst <= tolerance, what + ": max abs difference " + worst);
    }

    private static void parity(DataType type, double tolerance) {
        SameDiff sd = graph(type);
        List<String> outputs = new ArrayList<>(List.of("y"));
        outputs.addAll(RunningState.nextNames(sd));
        for (String tag : List.of("a", "b", "c")) {
            boolean training = !tag.equals("c");
            sd.getVariable("input").setArray(get(tag + ".input").castTo(type));
            Map<String, INDArray> feed = new HashMap<>(Map.of("probe", get(tag + ".probe").castTo(type)));
            feed.putAll(LearningPhase.feed(sd, training));
            var result = QuietSameDiff.run(() -> sd.calculateGradientsAndOutputs(feed, outputs,
                    List.of("input", "bn.weight", "bn.bias")));
            String what = type + " case " + tag;
            assertClose(get(tag + ".output"), result.getOutputs().get("y"), tolerance, what + " output");
            assertClose(get(tag + ".grad.input"), result.getGradients().get("input"), tolerance, what + " d/dinput");
            assertClose(get(tag + ".grad.weight"), result.getGradients().get("bn.weight"), tolerance, what + " d/dweight");
            assertClose(get(tag + ".grad.bias"), result.getGradients().get("bn.bias"), tolerance, what + " d/dbias");
            if (training) {
                RunningState.advance(sd, result.getOutputs());
            }
            assertClose(get(tag + ".running_mean"), sd.getArrForVarName("bn.running_mean"), tolerance, what + " running_mean");
            assertClose(get(tag + ".running_var"), sd.getArrForVarName("bn.running_var"), tolerance, what + " running_var");
        }
    }

    @Test
    void float64MatchesBatchNorm1dInTrainingAndEvaluation() {
        parity(DataType.DOUBLE, TOLERANCE);
    }

    @Test
    void float32MatchesBatchNorm1dWithin1eMinus5() {
        parity(DataType.FLOAT, 1e-5);
    }

    @Test
    void gradientCheckInBothPhases() {
        for (boolean training : new boolean[] {true, false}) {
            SameDiff sd = graph(DataType.DOUBLE);
            sd.getVariable("input").setArray(get("a.input").dup());
            // Running statistics away from (0, 1), so evaluation's gradient is not the identity's.
            sd.getArrForVarName("bn.running_mean").assign(Nd4j.createFromArray(0.5, -2.0, 0.3));
            sd.getArrForVarName("bn.running_var").assign(Nd4j.createFromArray(2.0, 0.4, 1.3));
            Map<String, INDArray> feed = new HashMap<>(Map.of("probe", get("a.probe")));
            feed.putAll(LearningPhase.feed(sd, training));
            GradientCheck.Result r = GradientCheck.check(sd, "loss", feed);
            assertTrue(r.passed(), (training ? "training: " : "evaluation: ") + r);
        }
    }

    /** input [M, 3] as a variable, optionally a row mask placeholder [M], loss = sum(y · probe). */
    private static SameDiff maskedGraph(INDArray input, boolean masked) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("input", input.dup());
        BatchNorm bn = BatchNorm.create(Scope.root(sd, 1, DataType.DOUBLE).child("bn"), 3);
        bn.weight().getArr().assign(Nd4j.createFromArray(1.5, 0.5, -1.0));
        bn.bias().getArr().assign(Nd4j.createFromArray(0.1, 0.2, 0.3));
        SDVariable mask = masked ? sd.placeHolder("mask", DataType.DOUBLE, -1).reshape(-1, 1) : null;
        SDVariable y = bn.apply(x, mask).rename("y");
        y.mul(sd.placeHolder("probe", DataType.DOUBLE, -1, 3)).sum().rename("loss");
        sd.setLossVariables("loss");
        LearningPhase.of(sd);
        return sd;
    }

    @Test
    void aRowMaskLeavesThePaddingRowsOutOfTheStatistics() {
        INDArray real = Nd4j.createFromArray(new double[][] {{1, -2, 0.5}, {3, 0, 1.5}, {-1, 4, 2}, {0.5, 1, -3}});
        // the real rows with two padding rows between them, whose values would move every statistic
        INDArray padded = Nd4j.createFromArray(new double[][] {{1, -2, 0.5}, {100, -50, 7}, {3, 0, 1.5},
                {-1, 4, 2}, {-80, 9, 60}, {0.5, 1, -3}});
        INDArray mask = Nd4j.createFromArray(1.0, 0, 1, 1, 0, 1);
        int[] rows = {0, 2, 3, 5};
        INDArray probe = Nd4j.createFromArray(new double[][] {{0.3, -1, 2}, {0.7, 0.2, -0.4}, {1, 1, 0.5}, {-2, 0.1, 0.9}});
        INDArray paddedProbe = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        for (int i = 0; i < rows.length; i++) {
            paddedProbe.putRow(rows[i], probe.getRow(i));
        }
        SameDiff plain = maskedGraph(real, false);
        SameDiff masked = maskedGraph(padded, true);
        List<String> outputs = new ArrayList<>(List.of("y"));
        outputs.addAll(RunningState.nextNames(plain));
        Map<String, INDArray> plainFeed = new HashMap<>(Map.of("probe", probe));
        plainFeed.putAll(LearningPhase.feed(plain, true));
        Map<String, INDArray> maskedFeed = new HashMap<>(Map.of("probe", paddedProbe, "mask", mask));
        maskedFeed.putAll(LearningPhase.feed(masked, true));
        List<String> wrt = List.of("input", "bn.weight", "bn.bias");
        var a = QuietSameDiff.run(() -> plain.calculateGradientsAndOutputs(plainFeed, outputs, wrt));
        var b = QuietSameDiff.run(() -> masked.calculateGradientsAndOutputs(maskedFeed, outputs, wrt));
        for (int i = 0; i < rows.length; i++) {
            assertClose(a.getOutputs().get("y").getRow(i), b.getOutputs().get("y").getRow(rows[i]), 1e-12, "y row " + i);
            assertClose(a.getGradients().get("input").getRow(i), b.getGradients().get("input").getRow(rows[i]), 1e-12,
                    "d/dinput row " + i);
        }
        assertClose(a.getGradients().get("bn.weight"), b.getGradients().get("bn.weight"), 1e-12, "d/dweight");
        assertClose(a.getGradients().get("bn.bias"), b.getGradients().get("bn.bias"), 1e-12, "d/dbias");
        RunningState.advance(plain, a.getOutputs());
        RunningState.advance(masked, b.getOutputs());
        assertClose(plain.getArrForVarName("bn.running_mean"), masked.getArrForVarName("bn.running_mean"), 1e-12,
                "running_mean");
        assertClose(plain.getArrForVarName("bn.running_var"), masked.getArrForVarName("bn.running_var"), 1e-12,
                "running_var");
        assertTrue(Math.abs(masked.getArrForVarName("bn.running_mean").getDouble(0) - 0.0875) < 1e-12,
                "the mean of the real rows' first feature (0.875) times the momentum");
    }

    @Test
    void gradientCheckWithARowMask() {
        INDArray input = Nd4j.createFromArray(new double[][] {{1, -2, 0.5}, {100, -50, 7}, {3, 0, 1.5}, {-1, 4, 2}});
        SameDiff sd = maskedGraph(input, true);
        Map<String, INDArray> feed = new HashMap<>(Map.of("probe", Nd4j.createFromArray(new double[][] {{0.3, -1, 2},
                {0.7, 0.2, -0.4}, {1, 1, 0.5}, {-2, 0.1, 0.9}}), "mask", Nd4j.createFromArray(1.0, 0, 1, 1)));
        feed.putAll(LearningPhase.feed(sd, true));
        GradientCheck.Result r = GradientCheck.check(sd, "loss", feed);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void refusesBadSettings() {
        Scope scope = Scope.root(SameDiff.create(), 1, DataType.DOUBLE).child("bn");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNorm.create(scope, 0)).getMessage()
                .contains("features (0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNorm.create(scope, 3, 0, 0.1)).getMessage()
                .contains("eps (0.0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BatchNorm.create(scope, 3, 1e-5, 0)).getMessage()
                .contains("momentum (0.0)"));
    }
}
