package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Steps called straight into libnd4j ({@link NativeCall}): custom ops, legacy transforms and
 * scalar ops (a constant scalar and one fed as an input) give the session's bits, also when every
 * run feeds new arrays (whose native pointers the call must take anew) and when the batch size
 * changes; reductions along an axis, with kept dimensions and of the whole array likewise.
 */
class NativeCallTest {

    /** out = sum_1(tanh(x) · 2 + y ⊙ s) + max_1(x) + mean(x) + (exp(x) > 1), x and y [B, 3], s a fed scalar. */
    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable y = sd.placeHolder("y", DataType.DOUBLE, -1, 3);
        SDVariable s = sd.placeHolder("s", DataType.DOUBLE);
        SDVariable t = sd.math().tanh(x).mul(2.0);                       // legacy transform, legacy scalar
        SDVariable u = t.add(y.mul(s));                                  // custom add, custom (broadcast) mul
        SDVariable flag = sd.math().exp(x).gt(1.0).castTo(DataType.DOUBLE); // transform, scalar bool
        SDVariable reduced = u.sum(1).reshape(-1, 1).add(x.max(true, 1)).add(x.mean());  // reductions: axis, kept, whole
        sd.identity("out", reduced.add(flag));
        return sd;
    }

    @Test
    void directCallsGiveTheSessionsBitsOverNewArraysAndShapes() {
        SameDiff sd = graph();
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        Nd4j.getRandom().setSeed(3);
        for (int b : new int[] {2, 2, 2, 4, 4}) {
            Map<String, INDArray> feed = Map.of("x", Nd4j.randn(DataType.DOUBLE, b, 3), "y", Nd4j.randn(DataType.DOUBLE, b, 3),
                    "s", Nd4j.scalar(Nd4j.getRandom().nextDouble()));
            INDArray expected = QuietSameDiff.run(() -> sd.output(feed, "out").get("out"));
            PlannedGraph.Result result = planned.run(feed);
            assertArrayEquals(expected.data().asDouble(), result.outputs().get("out").data().asDouble(), "batch " + b);
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse("?"));
        if (NativeCall.ENABLED) {
            // per plan (batch 2 and 4): tanh, mul 2.0, mul s, add, sum, max, mean, adds, exp, gt 1.0, cast
            assertTrue(planned.directSteps() >= 2 * 12, "direct steps: " + planned.directSteps());
        } else {
            assertEquals(0, planned.directSteps());
        }
    }

    /**
     * A reshape of a small fed input reads a copy the step owns (one view made at planning): every
     * run's values arrive, from a plain array and from a transposed view alike.
     */
    @Test
    void aSmallFedInputsReshapeFollowsEveryRun() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 2, 3);
        sd.identity("out", sd.math().tanh(x.reshape(3, 2)).mul(sd.constant(Nd4j.createFromArray(1.0, -2.0))));
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        Nd4j.getRandom().setSeed(4);
        for (int run = 0; run < 6; run++) {
            INDArray value = run % 3 == 2 ? Nd4j.randn(DataType.DOUBLE, 3, 2).transpose() : Nd4j.randn(DataType.DOUBLE, 2, 3);
            Map<String, INDArray> feed = Map.of("x", value);
            INDArray expected = QuietSameDiff.run(() -> sd.output(feed, "out").get("out"));
            assertArrayEquals(expected.data().asDouble(), planned.run(feed).outputs().get("out").dup().data().asDouble(),
                    "run " + run);
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse("?"));
    }
}
