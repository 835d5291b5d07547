package org.sdzoo.zoo.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.plan.PlannedGraph;

/**
 * {@link Evaluator} runs through the model's execution plan, and its metrics equal those of
 * SameDiff's session ({@code -Dsdzoo.plan=off}) over batches of two sizes (two plans), with
 * dropout in the graph (off in evaluation on both paths).
 */
class EvaluatorPlanTest {

    @Test
    void kernelRegressionMetricsThroughThePlanEqualTheSessions() {
        Nd4j.getRandom().setSeed(11);
        ZooModel model = KernelRegression.create(KernelRegressionConfig.builder().build(),
                Nd4j.rand(DataType.DOUBLE, 9, 1).muli(5), Nd4j.rand(DataType.DOUBLE, 9));
        INDArray queries = Nd4j.rand(DataType.FLOAT, 10, 1).muli(5);
        INDArray targets = Nd4j.rand(DataType.FLOAT, 10);
        assertPlanEqualsSession(model, new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED),
                new ArrayMultiDataSetIterator(new INDArray[] {queries}, new INDArray[] {targets}, 4, false, 0));
    }

    @Test
    void tcnWithDropoutMetricsThroughThePlanEqualTheSessions() {
        ZooModel model = Tcn.create(TcnConfig.builder().inputChannels(2).channels(List.of(3, 3)).kernelSize(2)
                .dropout(0.3).head(TcnHead.LAST_STEP).outputs(1).seed(3).precision(Precision.FLOAT64).build());
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 10, 2, 6);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 10, 1);
        assertPlanEqualsSession(model, new RegressionTask(RegressionTask.Loss.MSE),
                new ArrayMultiDataSetIterator(new INDArray[] {x}, new INDArray[] {y}, 4, false, 0));
    }

    private static void assertPlanEqualsSession(ZooModel model, Task task, MultiDataSetIterator data) {
        // the first pass over each batch size plans (answered by the session), the second runs the plans
        Evaluator.evaluate(model, task, data);
        Map<String, Double> planned = Evaluator.evaluate(model, task, data);
        String prediction = model.outputs().get(0).name();
        PlannedGraph pass = model.forwardTo(List.of(Task.LOSS, prediction));
        assertTrue(pass.lastRunPlanned(), "the evaluation ran the plan: " + pass.fallbackReason());
        Map<String, Double> session;
        System.setProperty(PlannedGraph.PROPERTY, "off");
        try {
            session = Evaluator.evaluate(model, task, data);
        } finally {
            System.clearProperty(PlannedGraph.PROPERTY);
        }
        assertEquals(session.keySet(), planned.keySet());
        session.forEach((k, v) -> assertEquals(v, planned.get(k), 1e-7 * Math.max(1, Math.abs(v)), k));
    }
}
