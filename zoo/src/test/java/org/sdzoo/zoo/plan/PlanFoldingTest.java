package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * Steps that depend only on shapes and constants (the run-time reshape targets of the attention's
 * head split) are computed once at planning, and the plan's outputs and gradients stay the
 * session's over new values and a new batch size (a new plan, with its own constants);
 * {@code sdzoo.plan.rewrites=off} folds nothing.
 */
class PlanFoldingTest {

    /**
     * {@code loss = Σ reshape(x, [B, 2, 3]) · g}: x {@code [B, 6]}, the target shape built from
     * {@code shape_of(x)} by a cast, a slice and a concat with a constant, g a {@code [3]} gain.
     */
    private static SameDiff graph() {
        Nd4j.getRandom().setSeed(5);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 6);
        SDVariable gain = sd.var("gain", Nd4j.rand(DataType.DOUBLE, 3));
        SDVariable batch = sd.shape(x).castTo(DataType.INT64).get(SDIndex.interval(0, 1));          // [1]: B
        SDVariable target = sd.concat(0, batch, sd.constant(Nd4j.createFromArray(2L, 3L)));          // [3]
        SDVariable y = x.reshape(target).mul(gain);                                                  // [B, 2, 3]
        sd.identity("out", y);
        y.sum().rename("loss");
        sd.setLossVariables("loss");
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        return sd;
    }

    @Test
    void shapeStepsAreFoldedAndAnswersStayTheSessions() {
        SameDiff sd = graph();
        PlannedGraph forward = PlannedGraph.forOutputs(sd, List.of("out"));
        PlannedGraph training = PlannedGraph.forGradients(sd, List.of("loss"), List.of("gain"));
        for (int b : new int[] {2, 2, 2, 5, 5}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, b, 6);
            PlannedGraph.Result out = forward.run(Map.of("x", x));
            assertArrayEquals(sd.output(Map.of("x", x), "out").get("out").data().asDouble(),
                    out.outputs().get("out").data().asDouble(), "batch " + b);
            PlannedGraph.Result step = training.run(Map.of("x", x));
            var session = sd.calculateGradientsAndOutputs(Map.of("x", x), List.of("loss"), List.of("gain"));
            assertArrayEquals(session.getGradients().get("gain").data().asDouble(),
                    step.gradients().get("gain").data().asDouble(), "batch " + b);
        }
        assertTrue(forward.lastRunPlanned(), forward.fallbackReason().orElse(""));
        assertTrue(training.lastRunPlanned(), training.fallbackReason().orElse(""));
        // per plan: shape_of, cast, strided_slice, concat (two plans: batch 2 and batch 5)
        assertEquals(8, forward.foldedOps());
        assertTrue(training.foldedOps() >= 8, "folded " + training.foldedOps());
    }

    @Test
    void rewritesOffFoldNothing() {
        SameDiff sd = graph();
        System.setProperty(StepRewrites.PROPERTY, "off");
        try {
            PlannedGraph forward = PlannedGraph.forOutputs(sd, List.of("out"));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6);
            forward.run(Map.of("x", x));
            assertArrayEquals(sd.output(Map.of("x", x), "out").get("out").data().asDouble(),
                    forward.run(Map.of("x", x)).outputs().get("out").data().asDouble());
            assertTrue(forward.lastRunPlanned(), forward.fallbackReason().orElse(""));
            assertEquals(0, forward.foldedOps());
        } finally {
            System.clearProperty(StepRewrites.PROPERTY);
        }
    }
}
