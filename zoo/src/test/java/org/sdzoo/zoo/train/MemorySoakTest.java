package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.task.RegressionTask;

class MemorySoakTest {

    private static final long MB = 1_000_000;

    @Test
    void growthWithinFivePercentOrOneMegabyteIsFlat() {
        MemorySoak.Sample start = new MemorySoak.Sample(20 * MB, 200 * MB, 0);
        assertTrue(result(start, new MemorySoak.Sample(20_900_000, 209 * MB, 0)).flat());
        assertTrue(result(start, new MemorySoak.Sample(20 * MB, 200 * MB, 900_000)).flat(), "below 1 MB off-heap");
        assertFalse(result(start, new MemorySoak.Sample(22 * MB, 200 * MB, 0)).flat(), "heap +10%");
        assertFalse(result(start, new MemorySoak.Sample(20 * MB, 230 * MB, 0)).flat(), "physical +15%");
    }

    @Test
    void tablePrintsEachFigureWithItsGrowth() {
        String table = result(new MemorySoak.Sample(20 * MB, 200 * MB, 0),
                new MemorySoak.Sample(21 * MB, 202 * MB, 0)).table();
        assertTrue(table.contains("soak: 10000 training steps after 1000 warm-up steps"), table);
        assertTrue(table.matches("(?s).*heap in use\\s+20\\.00\\s+21\\.00\\s+\\+5\\.0%.*"), table);
        assertTrue(table.matches("(?s).*physical \\(JavaCPP\\)\\s+200\\.00\\s+202\\.00\\s+\\+1\\.0%.*"), table);
        assertTrue(table.matches("(?s).*off-heap \\(JavaCPP\\)\\s+0\\.00\\s+0\\.00\\s+-.*"), table);
    }

    @Test
    void runsTheTrainersStepsAndSamplesAfterTheWarmUp() {
        var data = NoisySine.generate(10, 0.5, 1);
        ZooModel model = KernelRegression.create(KernelRegressionConfig.builder().build(), data.x(), data.y());
        var batch = KernelRegression.leaveOneOutBatch(data.x(), data.y(), model.dataType());
        MemorySoak.Result result = MemorySoak.run(model, new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED),
                DataIterators.fullBatch(batch.getFeatures(), batch.getLabels()),
                TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1).build(), 3, 7);
        assertEquals(3, result.warmupSteps());
        assertEquals(7, result.steps());
        assertTrue(result.start().heapBytes() > 0 && result.end().physicalBytes() > 0, result.toString());
    }

    private static MemorySoak.Result result(MemorySoak.Sample start, MemorySoak.Sample end) {
        return new MemorySoak.Result(1000, 10000, 5, start, end);
    }
}
