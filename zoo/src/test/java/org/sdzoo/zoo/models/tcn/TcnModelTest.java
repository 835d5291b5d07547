package org.sdzoo.zoo.models.tcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.testing.ModelHarness;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.TrainerConfig;

class TcnModelTest {

    private static TcnConfig.Builder tiny(TcnHead head, int outputs) {
        return TcnConfig.builder().inputChannels(2).channels(List.of(3, 3)).kernelSize(2).dropout(0.0).head(head)
                .outputs(outputs).seed(3).precision(Precision.FLOAT64);
    }

    /** The smallest model with every part (downsample, both convs, the head) for the slow full-model checks. */
    private static TcnConfig.Builder smallest(TcnHead head, int outputs) {
        return TcnConfig.builder().inputChannels(1).channels(List.of(2)).kernelSize(2).dropout(0.0).weightNorm(false)
                .head(head).outputs(outputs).seed(3).precision(Precision.FLOAT64);
    }

    private static INDArray input(long b, long c, long t) {
        Nd4j.getRandom().setSeed(8);
        return Nd4j.randn(DataType.DOUBLE, b, c, t);
    }

    @Test
    void lastStepHeadRunsTheHarness(@TempDir Path dir) throws Exception {
        TcnConfig c = tiny(TcnHead.LAST_STEP, 1).dropout(0.1).build();
        ModelHarness.configRoundTrip(c, TcnConfig::fromJson);
        ZooModel model = Tcn.create(c);
        Map<String, INDArray> in = Map.of(Tcn.INPUT, input(4, 2, 6));
        Map<String, INDArray> out = ModelHarness.outputShapes(model, in, Map.of(Tcn.OUTPUT, new long[] {4, 1},
                Tcn.FEATURES, new long[] {4, 3, 6}));
        INDArray lastFeatures = out.get(Tcn.FEATURES).get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(5));
        INDArray w = model.sameDiff().getArrForVarName("linear.weight");
        INDArray b = model.sameDiff().getArrForVarName("linear.bias");
        assertTrue(lastFeatures.mmul(w.transpose()).addRowVector(b).equalsWithEps(out.get(Tcn.OUTPUT), 1e-12),
                "the head reads the last step");
        ModelHarness.saveLoadIdentical(model, in, dir);
        MultiDataSet batch = new MultiDataSet(input(4, 2, 6), Nd4j.rand(DataType.DOUBLE, 4, 1));
        ModelHarness.gradientCheck(Tcn.create(smallest(TcnHead.LAST_STEP, 1).dropout(0.1).build()),
                new RegressionTask(RegressionTask.Loss.MSE), new MultiDataSet(input(3, 1, 5), Nd4j.rand(DataType.DOUBLE, 3, 1)));
        ModelHarness.oneStepLowersLoss(Tcn.create(c.toBuilder().dropout(0.0).build()),
                new RegressionTask(RegressionTask.Loss.MSE), batch,
                TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.01).build());
    }

    @Test
    void perStepHeadTrainsWithAMaskedClassificationLoss() {
        TcnConfig c = smallest(TcnHead.PER_STEP, 4).build();
        ZooModel model = Tcn.create(c);
        ModelHarness.outputShapes(model, Map.of(Tcn.INPUT, input(2, 1, 5)), Map.of(Tcn.OUTPUT, new long[] {2, 5, 4}));
        INDArray labels = Nd4j.createFromArray(new double[][] {{0, 1, 2, 3, 0}, {3, 3, 1, 0, 2}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}});
        MultiDataSet batch = new MultiDataSet(new INDArray[] {input(2, 1, 5)}, new INDArray[] {labels}, null,
                new INDArray[] {mask});
        ModelHarness.gradientCheck(model, new MaskedClassificationTask(4), batch);
    }

    @Test
    void forecastHeadPredictsHorizonSteps() {
        TcnConfig c = smallest(TcnHead.FORECAST, 2).horizon(3).build();
        ModelHarness.configRoundTrip(c, TcnConfig::fromJson);
        ZooModel model = Tcn.create(c);
        ModelHarness.outputShapes(model, Map.of(Tcn.INPUT, input(2, 1, 7)), Map.of(Tcn.OUTPUT, new long[] {2, 3, 2}));
        MultiDataSet batch = new MultiDataSet(input(2, 1, 7), Nd4j.rand(DataType.DOUBLE, 2, 3, 2));
        ModelHarness.gradientCheck(model, new RegressionTask(RegressionTask.Loss.MSE), batch);
    }

    @Test
    void withoutHeadTheFeaturesAreTheOutput() {
        ZooModel model = Tcn.create(tiny(TcnHead.NONE, 0).build());
        assertEquals(List.of(Tcn.FEATURES), model.outputs().stream().map(s -> s.name()).toList());
        assertEquals(List.of(2L, 3L, 4L), java.util.Arrays.stream(model.predict(input(2, 2, 4)).shape()).boxed().toList());
    }

    @Test
    void aTimeMajorInputIsRefusedWithAHintToTranspose() {
        ZooModel model = Tcn.create(tiny(TcnHead.LAST_STEP, 1).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(input(4, 9, 2)));
        assertTrue(e.getMessage().contains("9 channels where this tcn model takes 2")
                && e.getMessage().contains("x.permute(0, 2, 1)"), e.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> model.predict(input(4, 5, 7)));
        assertTrue(other.getMessage().contains("give the input 2 channels on axis 1"), other.getMessage());
    }

    @Test
    void sequencesShorterThanTheKernelStillRun() {
        ZooModel model = Tcn.create(tiny(TcnHead.LAST_STEP, 1).kernelSize(3).build());
        assertEquals(2, model.predict(input(2, 2, 1)).size(0));
    }

    @Test
    void summaryShowsTheReceptiveField() {
        TcnConfig c = TcnConfig.builder().inputChannels(1).levels(8, 25).kernelSize(7).head(TcnHead.LAST_STEP)
                .outputs(10).build();
        assertEquals(1 + 2 * 6 * 255, c.receptiveField());
        String summary = Tcn.create(tiny(TcnHead.NONE, 0).build()).summary();
        assertTrue(summary.contains("Receptive field: 7 steps (kernel 2, 2 levels, dilation base 2)"), summary);
        assertTrue(summary.contains("network.0.conv1.weight_g") && summary.contains("network.0.downsample.weight"),
                summary);
    }

    @Test
    void sameSeedSameParameters() {
        ZooModel a = Tcn.create(tiny(TcnHead.LAST_STEP, 1).build());
        ZooModel b = Tcn.create(tiny(TcnHead.LAST_STEP, 1).build());
        for (String name : a.parameterNames()) {
            assertEquals(a.sameDiff().getArrForVarName(name), b.sameDiff().getArrForVarName(name), name);
        }
        ZooModel other = Tcn.create(tiny(TcnHead.LAST_STEP, 1).seed(4).build());
        assertTrue(!a.sameDiff().getArrForVarName("linear.weight").equals(other.sameDiff().getArrForVarName("linear.weight")));
    }

    @Test
    void initialisationIsLocuslabs() {
        ZooModel model = Tcn.create(TcnConfig.builder().inputChannels(20).channels(List.of(40)).kernelSize(5)
                .head(TcnHead.LAST_STEP).outputs(50).precision(Precision.FLOAT64).build());
        INDArray v = model.sameDiff().getArrForVarName("network.0.conv1.weight_v");
        INDArray g = model.sameDiff().getArrForVarName("network.0.conv1.weight_g");
        double bound = 1 / Math.sqrt(20 * 5);
        assertTrue(v.maxNumber().doubleValue() <= bound && v.minNumber().doubleValue() >= -bound);
        assertTrue(v.norm2(1, 2).reshape(40, 1, 1).equalsWithEps(g, 1e-12), "g = ||v|| at the start");
        assertEquals(0.01, model.sameDiff().getArrForVarName("network.0.downsample.weight").stdNumber().doubleValue(),
                0.002);
        assertEquals(0.01, model.sameDiff().getArrForVarName("linear.weight").stdNumber().doubleValue(), 0.002);
    }

    @Test
    void configErrorsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TcnConfig.builder().channels(List.of(3)).build())
                .getMessage().startsWith("inputChannels is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TcnConfig.builder().inputChannels(1)
                .channels(List.of()).build()).getMessage().startsWith("channels is empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(TcnHead.NONE, 3).build())
                .getMessage().startsWith("outputs (3) needs a head"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(TcnHead.LAST_STEP, 0).build())
                .getMessage().startsWith("outputs must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(TcnHead.LAST_STEP, 1).horizon(4).build())
                .getMessage().startsWith("horizon (4) is only used by the forecast head"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(TcnHead.LAST_STEP, 1).dropout(1).build())
                .getMessage().startsWith("dropout must be in"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TcnConfig.fromJson("{\"inputChannels\": 1,"
                + " \"channels\": [2], \"head\": \"first-step\"}")).getMessage().contains("first-step"));
    }
}
