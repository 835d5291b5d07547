package org.sdzoo.zoo.plan;

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
import org.sdzoo.zoo.train.MemorySoak;

/**
 * Placeholders fed as new arrays on every run: the plan computes from each run's arrays, with the
 * ops' integer arguments (transposes, axes) intact, and does not keep the arrays of earlier runs
 * alive (M2.1's op contexts hold every array they were given until purged: a graph autoencoder
 * fed a new {@code [N, N]} mask each step grew by one such array per step).
 */
class PlanFedInputsTest {

    private static final int SIDE = 2048;

    /** {@code out = Σ_rows (xᵀ · w) + Σ_cols m}: a matmul with a transpose, reductions along axes. */
    private static SameDiff graph(int n, int d) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, n, d);
        SDVariable m = sd.placeHolder("m", DataType.FLOAT, -1, -1);
        SDVariable w = sd.constant("w", Nd4j.linspace(DataType.FLOAT, 1, n * 3, 1).reshape(n, 3));
        SDVariable product = sd.mmul(x, w, true, false, false);                      // [d, 3]
        product.sum(0).add(m.sum(0).sum()).rename("out");                            // [3]
        return sd;
    }

    @Test
    void eachRunReadsItsOwnArraysWithTheOpsArgumentsIntact() {
        SameDiff sd = graph(4, 2);
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        for (int run = 0; run < 4; run++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
            INDArray m = Nd4j.rand(DataType.FLOAT, 3, 5);
            INDArray expected = x.transpose().mmul(sd.getArrForVarName("w")).sum(0).add(m.sumNumber().floatValue());
            INDArray actual = planned.run(Map.of("x", x, "m", m)).outputs().get("out");
            assertTrue(expected.equalsWithEps(actual, 1e-4), "run " + run + ": " + expected + " vs " + actual);
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse(""));
        // the same array with new values in place is read anew too
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
        INDArray m = Nd4j.rand(DataType.FLOAT, 3, 5);
        planned.run(Map.of("x", x, "m", m));
        x.muli(2);
        INDArray expected = x.transpose().mmul(sd.getArrForVarName("w")).sum(0).add(m.sumNumber().floatValue());
        assertTrue(expected.equalsWithEps(planned.run(Map.of("x", x, "m", m)).outputs().get("out"), 1e-4));
    }

    /**
     * Thirty runs, each fed a new 16 MB mask left to the garbage collector: with the arrays of
     * earlier runs held, the process grows by 480 MB after collections; released, by about nothing.
     * ND4J frees collected arrays on its own threads, so the reading is repeated for up to 5 s.
     */
    @Test
    void arraysOfEarlierRunsAreReleased() {
        SameDiff sd = graph(4, 2);
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        assertDoesNotKeepFedArrays(sd, planned);
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse(""));
    }

    /**
     * Small arrays fed anew each run are re-pointed without a purge until a context would hold
     * {@value PlanStep#HELD_ARRAYS} earlier ones, then purged once and counted again from zero: the
     * answers are right on either side of each purge, and purges stay rare (purging every run slowed
     * small forward calls by half).
     */
    @Test
    void smallFedArraysArePurgedOnlyAtTheBound() {
        SameDiff sd = graph(4, 2);
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("out"));
        INDArray w = sd.getArrForVarName("w");
        int runs = 2 * PlanStep.HELD_ARRAYS + 100;
        long purgesBefore = -1;
        for (int run = 0; run < runs; run++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
            INDArray m = Nd4j.rand(DataType.FLOAT, 3, 5);
            INDArray expected = x.transpose().mmul(w).sum(0).add(m.sumNumber().floatValue());
            INDArray actual = planned.run(Map.of("x", x, "m", m)).outputs().get("out");
            assertTrue(expected.equalsWithEps(actual, 1e-4), "run " + run + ": " + expected + " vs " + actual);
            if (run == 0) {
                purgesBefore = planned.fedPurges();
            }
        }
        assertTrue(planned.lastRunPlanned(), planned.fallbackReason().orElse(""));
        long purges = planned.fedPurges() - purgesBefore;
        // Each step that reads x or m holds one or two new arrays a run: at most 2 * runs / 1024 + 1
        // purges per such step, and at least one for the step that reads both.
        assertTrue(purges >= 1, "no context was purged in " + runs + " runs of new arrays");
        assertTrue(purges <= 4L * (2L * runs / PlanStep.HELD_ARRAYS + 1),
                purges + " purges in " + runs + " runs: the contexts are purged far more often than at the bound");
    }

    private static void assertDoesNotKeepFedArrays(SameDiff sd, PlannedGraph planned) {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 2);
        int runs = 30;
        long start = 0;
        for (int run = -3; run < runs; run++) {
            if (run == 0) {
                start = MemorySoak.Sample.now().physicalBytes();
            }
            INDArray m = Nd4j.createUninitialized(DataType.FLOAT, SIDE, SIDE).assign(run % 3);
            float got = planned.run(Map.of("x", x, "m", m)).outputs().get("out").getFloat(0);
            assertEquals(x.transpose().mmul(sd.getArrForVarName("w")).sum(0).getFloat(0) + (float) (run % 3) * SIDE * SIDE,
                    got, Math.abs(got) * 1e-3, "run " + run);
        }
        long perRun = (long) SIDE * SIDE * Float.BYTES;
        long deadline = System.nanoTime() + 5_000_000_000L;
        long growth;
        do {
            growth = MemorySoak.Sample.now().physicalBytes() - start;
        } while (growth >= runs * perRun / 4 && System.nanoTime() < deadline);
        assertTrue(growth < runs * perRun / 4, "the process grew by " + (growth >> 20) + " MB over " + runs
                + " runs fed new " + (perRun >> 20) + " MB arrays");
    }
}
