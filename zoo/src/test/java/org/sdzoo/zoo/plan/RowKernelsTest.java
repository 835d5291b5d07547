package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.RandomGraph;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.models.gcn.PropagationForm;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.SegmentSum;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;

/**
 * The plan's Java row kernels ({@code gather}, locked {@code scatter_add}) and its pruning of
 * unread steps: a GCN's training gradients through the plan equal SameDiff's session's bit for bit
 * with them in use, and the kernels equal a plain loop, duplicate ids included.
 */
class RowKernelsTest {

    @Test
    void scatterAddSumsEachRowsUpdatesInOrderOnTopOfRef() {
        INDArray ref = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        INDArray ids = Nd4j.createFromArray(2, 0, 2, 2);
        INDArray updates = Nd4j.createFromArray(new float[][] {{1e8f, 1}, {10, 20}, {1, 2}, {-1e8f, 3}});
        INDArray out = Nd4j.create(DataType.FLOAT, 3, 2);
        new RowKernels.ScatterAddRows().run(new INDArray[] {ref, ids, updates, out}, new int[] {0, 1, 2}, new int[] {3});
        // row 2: ((5 + 1e8) + 1) - 1e8 in float32 order, not 6
        float row2 = ((5f + 1e8f) + 1f) + -1e8f;
        assertArrayEquals(new float[] {11, 22, 3, 4, row2, 12}, out.data().asFloat());
    }

    @Test
    void wideRowsSumInTheOpsOrderInEveryColumnBlock() {
        // width 9: not a multiple of the vector width, so the scalar loop; RowSumsTest covers the vector form
        int rows = 5;
        int width = 9;
        int count = 40;
        java.util.Random random = new java.util.Random(3);
        int[] ids = new int[count];
        float[] updates = new float[count * width];
        for (int m = 0; m < count; m++) {
            ids[m] = random.nextInt(rows);
            for (int j = 0; j < width; j++) {
                updates[m * width + j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9)));
            }
        }
        float[] expected = new float[rows * width];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i;
        }
        INDArray ref = Nd4j.createFromArray(expected.clone()).reshape(rows, width);
        for (int m = 0; m < count; m++) {
            for (int j = 0; j < width; j++) {
                expected[ids[m] * width + j] += updates[m * width + j];
            }
        }
        INDArray out = Nd4j.create(DataType.FLOAT, rows, width);
        new RowKernels.ScatterAddRows().run(new INDArray[] {ref, Nd4j.createFromArray(ids),
                Nd4j.createFromArray(updates).reshape(count, width), out}, new int[] {0, 1, 2}, new int[] {3});
        assertArrayEquals(expected, out.data().asFloat());
    }

    @Test
    void fusedScatterAddEqualsGatherThenScaleThenScatterAddBitForBit() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Nd4j.getRandom().setSeed(5);
            INDArray ref = Nd4j.rand(type, 6, 3);
            INDArray x = Nd4j.randn(type, 4, 3).muli(1e4);
            INDArray sources = Nd4j.createFromArray(3, 0, 3, 1, 2, 2, 0, 3, 1);
            INDArray targets = Nd4j.createFromArray(5L, 0L, 5L, 2L, 5L, 1L, 0L, 4L, 5L);
            INDArray scales = Nd4j.randn(type, 9, 1);
            // the chain the kernel replaces: gather, broadcast multiply, scatter_add
            INDArray gathered = Nd4j.create(type, 9, 3);
            new RowKernels.GatherRows().run(new INDArray[] {x, sources, gathered}, new int[] {0, 1}, new int[] {2});
            INDArray updates = gathered.mul(scales);
            INDArray expected = Nd4j.create(type, 6, 3);
            new RowKernels.ScatterAddRows().run(new INDArray[] {ref, targets, updates, expected}, new int[] {0, 1, 2},
                    new int[] {3});
            INDArray out = Nd4j.create(type, 6, 3);
            RowKernels.ScatterAddRows fused = RowKernels.ScatterAddRows.fused();
            for (int run = 0; run < 2; run++) {
                fused.run(new INDArray[] {ref, targets, x, sources, scales, out}, new int[] {0, 1, 2, 3, 4},
                        new int[] {5});
                assertArrayEquals(expected.castTo(DataType.DOUBLE).data().asDouble(),
                        out.castTo(DataType.DOUBLE).data().asDouble(), type + " run " + run);
            }
        }
    }

    @Test
    void aFusedSourceIdOutOfRangeIsRefused() {
        INDArray x = Nd4j.create(DataType.FLOAT, 3, 2);
        INDArray out = Nd4j.create(DataType.FLOAT, 2, 2);
        INDArray[] values = {Nd4j.create(DataType.FLOAT, 2, 2), Nd4j.createFromArray(0, 1), x,
                Nd4j.createFromArray(0, -1), Nd4j.create(DataType.FLOAT, 2, 1), out};
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RowKernels.ScatterAddRows.fused()
                .run(values, new int[] {0, 1, 2, 3, 4}, new int[] {5}));
        assertTrue(e.getMessage().contains("outside [0, 3)"), e.getMessage());
    }

    @Test
    void gatherCopiesRowsForRepeatedIdsOfEitherIntegerType() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        for (INDArray ids : new INDArray[] {Nd4j.createFromArray(2, 2, 0), Nd4j.createFromArray(2L, 2L, 0L)}) {
            INDArray out = Nd4j.create(DataType.DOUBLE, 3, 2);
            new RowKernels.GatherRows().run(new INDArray[] {x, ids, out}, new int[] {0, 1}, new int[] {2});
            assertArrayEquals(new double[] {5, 6, 5, 6, 1, 2}, out.data().asDouble());
        }
    }

    @Test
    void anIdOutOfRangeIsRefused() {
        INDArray x = Nd4j.create(DataType.FLOAT, 3, 2);
        INDArray out = Nd4j.create(DataType.FLOAT, 1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RowKernels.GatherRows()
                .run(new INDArray[] {x, Nd4j.createFromArray(3), out}, new int[] {0, 1}, new int[] {2}));
        assertTrue(e.getMessage().contains("outside [0, 3)"), e.getMessage());
    }

    @Test
    void aSegmentSumWhoseSegmentCountChangesIsPlannedAgain() {
        // the fill's shape follows a fed count: the zero-start kernel checks it each run
        SameDiff sd = SameDiff.create();
        SDVariable data = sd.placeHolder("data", DataType.FLOAT, -1, 3);
        SDVariable ids = sd.placeHolder("ids", DataType.INT, -1);
        SDVariable count = sd.placeHolder("count", DataType.INT);
        SDVariable sums = SegmentSum.rows(sd, data, ids, count);
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of(sums.name()));
        INDArray rows = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12}});
        INDArray segmentOf = Nd4j.createFromArray(0, 2, 0, 1);
        int plannedRuns = 0;
        // the first call of a shape runs the session; then the plan, until the count changes
        for (int segments : new int[] {3, 3, 5, 5, 3}) {
            Map<String, INDArray> feed = Map.of("data", rows, "ids", segmentOf, "count", Nd4j.scalar(segments));
            PlannedGraph.Result result = planned.run(feed);
            plannedRuns += result.planned() ? 1 : 0;
            INDArray expected = sd.output(feed, sums.name()).get(sums.name());
            assertEquals(expected, result.outputs().get(sums.name()), segments + " segments");
        }
        assertTrue(plannedRuns >= 2, "runs through the plan: " + plannedRuns);
        assertTrue(planned.zeroStartScatters() > 0, "the plan starts the sums from zero");
    }

    @Test
    void edgeListAndSparseFeatureGradientsEqualTheSessionsBitForBit() {
        for (Precision p : new Precision[] {Precision.FLOAT32, Precision.FLOAT64}) {
            Training t = training(PropagationForm.EDGE_LIST, true, p);
            // gathers and scatter_adds of the features, both propagations and their gradients
            assertTrue(t.planned.rewrittenOps() >= 8, "kernels in use: " + t.planned.rewrittenOps());
            // one kernel each, without the gather and multiply feeding it: X · W and its transpose
            // for dL/dW over the nonzeros, both layers' edge-list propagations and their gradients
            // (whose gathered arrays Liveness keeps until the scatter)
            assertEquals(6, t.planned.fusedScatters(), "fused gather, scale and scatter_add chains");
            // X · W and the two propagations start their rows from zero, their fills pruned
            assertEquals(3, t.planned.zeroStartScatters(), "scatters starting from zero");
            t.assertSameBits();
        }
    }

    @Test
    void denseGradientsSkipThePropagationMatrixAndFeatureGradientsAndEqualTheSessionsBitForBit() {
        Training t = training(PropagationForm.DENSE, false, Precision.FLOAT32);
        // the products with P and X whose P- and X-gradients nobody reads: one matmul each instead of matmul_bp
        assertTrue(t.planned.rewrittenOps() >= 3, "matmul_bp split: " + t.planned.rewrittenOps());
        t.assertSameBits();
    }

    /** A GCN on a small random graph with its task's loss, planned for its gradients, and one run of each path. */
    private record Training(PlannedGraph planned, PlannedGraph.Result plan, Map<String, INDArray> sessionGradients,
                            List<String> parameters) {

        void assertSameBits() {
            assertEquals(parameters, List.copyOf(plan.gradients().keySet()));
            for (String p : parameters) {
                assertArrayEquals(sessionGradients.get(p).castTo(DataType.DOUBLE).data().asDouble(),
                        plan.gradients().get(p).castTo(DataType.DOUBLE).data().asDouble(), p);
            }
        }
    }

    private static Training training(PropagationForm form, boolean csr, Precision precision) {
        GraphData graph = RandomGraph.of("test graph", 40, 90, 30, 4, 3, 5);
        GcnConfig config = GcnConfig.builder().inputFeatures(graph.numFeatures()).numClasses(graph.numClasses())
                .propagation(form).sparseFeatures(csr).precision(precision).build();
        ZooModel model = Gcn.create(config, 3);
        MaskedClassificationTask task = new MaskedClassificationTask(config.numClasses());
        task.attachLoss(model);
        var sd = model.sameDiff();
        sd.setLossVariables(Task.LOSS);
        var batch = GcnInputs.nodeBatch(graph, config, graph.split().orElseThrow().trainMask(40, DataType.FLOAT));
        Map<String, INDArray> feed = new LinkedHashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        feed.putAll(LearningPhase.feed(sd, true));
        List<String> params = model.parameterNames();
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of(Task.LOSS), params);
        Nd4j.getRandom().setSeed(11);
        planned.run(feed);
        Nd4j.getRandom().setSeed(11);
        PlannedGraph.Result viaPlan = planned.run(feed);
        assertTrue(viaPlan.planned(), planned.fallbackReason().orElse(""));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        viaPlan.gradients().forEach((k, v) -> grads.put(k, v.dup()));
        Nd4j.getRandom().setSeed(11);
        var session = sd.calculateGradientsAndOutputs(feed, List.of(Task.LOSS), params);
        return new Training(planned, new PlannedGraph.Result(viaPlan.outputs(), grads, true), session.getGradients(),
                params);
    }
}
