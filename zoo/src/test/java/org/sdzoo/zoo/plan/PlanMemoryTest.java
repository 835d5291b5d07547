package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The plan's memory savings keep its answers: reshapes, {@code expand_dims} and {@code squeeze}
 * run as views (of intermediates, of parameters updated in place, of placeholders fed anew, even
 * non-contiguous ones), intermediates nothing reads any more give their arrays to later outputs,
 * and outputs and gradients equal the session's over new values and a new batch size.
 */
class PlanMemoryTest {

    /**
     * {@code loss = Σ (tanh⁴(reshape(x) · w) ⊙ squeeze(expand_dims(...)))}: x {@code [B, 6]} is
     * reshaped to {@code [2B, 3]}, w {@code [3, 3]} is a reshape of a {@code [9]} parameter, and the
     * tanh chain gives arrays of one shape that die one after another.
     */
    private static SameDiff graph() {
        Nd4j.getRandom().setSeed(11);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 6);
        SDVariable flat = sd.var("w", Nd4j.rand(DataType.DOUBLE, 9));
        SDVariable rows = x.reshape(-1, 3);                                       // [2B, 3]
        SDVariable h = rows.mmul(flat.reshape(3, 3));                            // [2B, 3]
        for (int i = 0; i < 4; i++) {
            h = sd.math.tanh(h).mul(1.5);
        }
        SDVariable expanded = sd.expandDims(h, 0);                                // [1, 2B, 3]
        SDVariable back = sd.squeeze(expanded, 0).mul(h);                         // [2B, 3]
        sd.identity("out", back.reshape(-1, 6));                                  // [B, 6]
        back.sum().rename("loss");
        sd.setLossVariables("loss");
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        return sd;
    }

    @Test
    void forwardWithViewsAndReuseEqualsTheSession() {
        SameDiff sd = graph();
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        for (int b : new int[] {2, 2, 2, 5, 5}) {
            // a transposed (non-contiguous) placeholder as well as contiguous ones
            INDArray x = b == 5 ? Nd4j.rand(DataType.DOUBLE, 6, b).transpose() : Nd4j.rand(DataType.DOUBLE, b, 6);
            INDArray viaPlan = planned.run(Map.of("x", x)).outputs().get("out").dup();
            assertIdentical(sd.output(Map.of("x", x), "out").get("out"), viaPlan, "batch " + b);
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse(""));
        assertTrue(planned.viewSteps() >= 4, "views: " + planned.viewSteps());
        assertTrue(planned.reusedArrays() >= 3, "reused: " + planned.reusedArrays());
    }

    /**
     * Inputs whose shape changes on every call (variable-length sequences one per batch) stop being
     * planned: planning each would cost more than the session. Shapes planned before still run
     * their plans, and every answer equals the session's.
     */
    @Test
    void shapesThatChangeOnEveryCallRunThroughTheSessionOnceDetected() {
        SameDiff sd = graph();
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        int limit = PlannedGraph.PLANS_BEFORE_REUSE_CHECK;
        for (int b = 1; b <= limit; b++) {
            planned.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, b, 6)));
            assertEquals(b, planned.plansBuilt(), "batch " + b + " is planned");
        }
        INDArray x = Nd4j.rand(DataType.DOUBLE, limit + 1, 6);
        INDArray viaSession = planned.run(Map.of("x", x)).outputs().get("out").dup();
        assertEquals(limit, planned.plansBuilt(), "a new shape after " + limit + " unreused plans is not planned");
        assertTrue(!planned.lastRunPlanned());
        assertIdentical(sd.output(Map.of("x", x), "out").get("out"), viaSession, "session answer");
        planned.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, limit, 6)));
        assertTrue(planned.lastRunPlanned(), "the most recent planned shape still runs its plan");
        assertTrue(planned.fallbackReason().isEmpty(), "no fallback: " + planned.fallbackReason());
    }

    /**
     * Kept plans are bounded by the bytes of their arrays, not only by their number: a translation
     * model's bucketed batches kept 16 GB of plans alive under a count limit alone.
     */
    @Test
    void keptPlansStayWithinTheirByteBudgetAndTheNewestStays() {
        SameDiff sd = graph();
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
        planned.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, 40, 6)));
        long oneShape = planned.keptBytes();
        // intermediates of [80, 3] doubles and more, but not the 9 parameters counted as the plan's
        assertTrue(oneShape >= 80 * 3 * 8 && oneShape < 1 << 20, "bytes of one plan: " + oneShape);
        planned.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, 41, 6)));
        assertEquals(2, planned.plansKept(), "the default budget keeps both");

        System.setProperty(PlannedGraph.CACHE_PROPERTY, String.valueOf(oneShape + 1));
        try {
            PlannedGraph bounded = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
            for (int b : new int[] {40, 41, 40, 41, 40}) {
                Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.DOUBLE, b, 6));
                INDArray grad = bounded.run(feed).gradients().get("w").dup();
                assertEquals(1, bounded.plansKept(), "batch " + b + ": only the newest plan fits");
                assertIdentical(sd.calculateGradientsAndOutputs(feed, List.of("loss"), List.of("w")).getGradients()
                        .get("w"), grad, "gradient, batch " + b);
            }
            assertEquals(4, bounded.plansBuilt(), "an evicted shape is planned again, until "
                    + PlannedGraph.EVICTIONS_BEFORE_REUSE_CHECK + " plans were dropped for bytes without reuse");
            assertTrue(!bounded.lastRunPlanned(), "then new shapes run through the session");
            System.setProperty(PlannedGraph.CACHE_PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PlannedGraph::cacheBytes);
            assertTrue(e.getMessage().contains(PlannedGraph.CACHE_PROPERTY), e.getMessage());
        } finally {
            System.clearProperty(PlannedGraph.CACHE_PROPERTY);
        }
    }

    /**
     * Batches of one shape run consecutively (a translation epoch, bucket by bucket) keep one plan
     * alive at a time: a plan dropped for bytes after serving calls is not churn, so every new
     * shape is still planned.
     */
    @Test
    void plansDroppedAfterReuseDoNotSendNewShapesToTheSession() {
        SameDiff sd = graph();
        PlannedGraph probe = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
        probe.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, 40, 6)));
        System.setProperty(PlannedGraph.CACHE_PROPERTY, String.valueOf(probe.keptBytes() + 1));
        try {
            PlannedGraph bounded = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
            for (int b : new int[] {40, 40, 41, 41, 42, 42, 43, 43, 44, 45}) {
                bounded.run(Map.of("x", Nd4j.rand(DataType.DOUBLE, b, 6)));
                assertEquals(1, bounded.plansKept(), "batch " + b);
            }
            assertEquals(6, bounded.plansBuilt(), "four plans dropped after reuse and one before: every shape planned");
            Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.DOUBLE, 45, 6));
            INDArray grad = bounded.run(feed).gradients().get("w").dup();
            assertTrue(bounded.lastRunPlanned(), bounded.fallbackReason().orElse("the last shape's plan was not kept"));
            assertIdentical(sd.calculateGradientsAndOutputs(feed, List.of("loss"), List.of("w")).getGradients().get("w"),
                    grad, "gradient");
        } finally {
            System.clearProperty(PlannedGraph.CACHE_PROPERTY);
        }
    }

    @Test
    void gradientsThroughViewsOfParametersUpdatedInPlaceEqualTheSession() {
        SameDiff sd = graph();
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
        INDArray w = sd.getVariable("w").getArr();
        for (int b : new int[] {3, 3, 3, 4, 4}) {
            Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.DOUBLE, b, 6));
            PlannedGraph.Result p = planned.run(feed);
            INDArray loss = p.outputs().get("loss").dup();
            INDArray grad = p.gradients().get("w").dup();
            var s = sd.calculateGradientsAndOutputs(feed, List.of("loss"), List.of("w"));
            assertIdentical(s.getOutputs().get("loss"), loss, "loss, batch " + b);
            assertIdentical(s.getGradients().get("w"), grad, "gradient, batch " + b);
            // as the updater does: in place, so the plan's view of w must see it
            w.subi(grad.mul(0.1));
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse(""));
        assertTrue(planned.viewSteps() >= 4, "views: " + planned.viewSteps());
        assertTrue(planned.reusedArrays() >= 1, "reused: " + planned.reusedArrays());
    }

    @Test
    void theMemoryPropertyTurnsViewsAndReuseOff() {
        System.setProperty(ExecutionPlan.MEMORY_PROPERTY, "off");
        try {
            SameDiff sd = graph();
            PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6);
            planned.run(Map.of("x", x));
            assertIdentical(sd.output(Map.of("x", x), "out").get("out"), planned.run(Map.of("x", x)).outputs().get("out"), "off");
            assertTrue(planned.lastRunPlanned());
            assertEquals(0, planned.viewSteps());
            assertEquals(0, planned.reusedArrays());
        } finally {
            System.clearProperty(ExecutionPlan.MEMORY_PROPERTY);
        }
    }

    /** Same shape, type and bits. */
    static void assertIdentical(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.dataType(), actual.dataType(), what);
        assertArrayEquals(expected.shape(), actual.shape(), what);
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble(), what);
    }
}
