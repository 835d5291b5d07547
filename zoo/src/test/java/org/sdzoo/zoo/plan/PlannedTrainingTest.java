package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * The trainer's steps through the plan (the default) and through SameDiff's session
 * ({@code sdzoo.plan=off}) give the same losses and parameters, with dropout on and Adam
 * updating the parameters in place between steps, across a change of batch size.
 */
class PlannedTrainingTest {

    @Test
    void plannedStepsEqualSessionSteps() {
        Supplier<ZooModel> model = () -> Tcn.create(TcnConfig.builder().inputChannels(2).channels(List.of(3, 3))
                .kernelSize(2).dropout(0.2).head(TcnHead.LAST_STEP).outputs(1).seed(3).precision(Precision.FLOAT64)
                .build());
        ZooModel planned = model.get();
        ZooModel session = model.get();
        TrainerConfig config = TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).seed(7).build();
        TrainingSession viaPlan = Trainer.builder().config(config).build().session(planned, new RegressionTask(RegressionTask.Loss.MSE));
        TrainingSession viaSession = Trainer.builder().config(config).build().session(session, new RegressionTask(RegressionTask.Loss.MSE));
        Nd4j.getRandom().setSeed(11);
        int previous = -1;
        for (int b : new int[] {4, 4, 2, 2}) {
            MultiDataSet batch = new MultiDataSet(Nd4j.randn(DataType.DOUBLE, b, 2, 6), Nd4j.randn(DataType.DOUBLE, b, 1));
            double planLoss = viaPlan.step(batch);
            System.setProperty(PlannedGraph.PROPERTY, "off");
            double sessionLoss;
            try {
                sessionLoss = viaSession.step(batch);
            } finally {
                System.clearProperty(PlannedGraph.PROPERTY);
            }
            assertEquals(sessionLoss, planLoss, 1e-7 * Math.abs(sessionLoss), "loss of the step with batch " + b);
            assertEquals(b == previous, viaPlan.lastStepPlanned(), "planned step, batch " + b);
            previous = b;
        }
        for (String p : planned.parameterNames()) {
            PlanParityTest.assertClose(session.sameDiff().getArrForVarName(p), planned.sameDiff().getArrForVarName(p),
                    "parameter " + p + " after four steps");
        }
    }
}
