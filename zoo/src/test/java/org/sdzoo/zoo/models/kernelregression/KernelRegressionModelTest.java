package org.sdzoo.zoo.models.kernelregression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.Kernel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.testing.ModelHarness;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.TrainerConfig;

class KernelRegressionModelTest {

    private static final INDArray KEYS = Nd4j.createFromArray(new double[][] {{0.0, 1.0}, {1.0, 0.5}, {2.0, -1.0},
            {3.5, 0.0}, {4.0, 2.0}});
    private static final INDArray VALUES = Nd4j.createFromArray(1.0, -0.5, 2.0, 0.25, 3.0);
    private static final INDArray QUERIES = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {3.0, 1.0}, {9.0, 9.0}});

    private static KernelRegressionConfig config(Estimator e, Kernel k) {
        return KernelRegressionConfig.builder().estimator(e).kernel(k).numFeatures(2).bandwidth(1.5).initialW(0.7)
                .precision(Precision.FLOAT64).build();
    }

    private static ZooModel parametric() {
        return KernelRegression.create(config(Estimator.PARAMETRIC, Kernel.GAUSSIAN), KEYS, VALUES);
    }

    @Test
    void harnessOnTheParametricModel(@TempDir Path dir) throws Exception {
        KernelRegressionConfig c = config(Estimator.PARAMETRIC, Kernel.GAUSSIAN);
        ModelHarness.configRoundTrip(c, KernelRegressionConfig::fromJson);
        ZooModel model = parametric();
        assertEquals(2, model.parameterCount(), "w has one element per feature");
        Map<String, INDArray> inputs = Map.of(KernelRegression.QUERIES, QUERIES);
        ModelHarness.outputShapes(model, inputs, Map.of(KernelRegression.PREDICTIONS, new long[] {3},
                KernelRegression.ATTENTION, new long[] {3, 5}));
        ModelHarness.saveLoadIdentical(model, inputs, dir);
        var batch = KernelRegression.leaveOneOutBatch(KEYS, VALUES, DataType.DOUBLE);
        ModelHarness.gradientCheck(parametric(), new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED), batch);
        ModelHarness.gradientCheck(parametric(), new RegressionTask(RegressionTask.Loss.MSE), batch);
        ModelHarness.oneStepLowersLoss(parametric(), new RegressionTask(RegressionTask.Loss.MSE), batch,
                TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1).build());
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void fixedKernelsMatchThePureFunctions(Kernel kernel, @TempDir Path dir) throws Exception {
        ZooModel model = KernelRegression.create(config(Estimator.NONPARAMETRIC, kernel), KEYS, VALUES);
        assertEquals(0, model.parameterCount());
        Map<String, INDArray> out = ModelHarness.saveLoadIdentical(model, Map.of(KernelRegression.QUERIES, QUERIES), dir)
                .predict(Map.of(KernelRegression.QUERIES, QUERIES));
        INDArray attention = out.get(KernelRegression.ATTENTION);
        for (int q = 0; q < QUERIES.size(0); q++) {
            double[] k = new double[(int) KEYS.size(0)];
            double total = 0;
            for (int j = 0; j < k.length; j++) {
                double d = Math.hypot(QUERIES.getDouble(q, 0) - KEYS.getDouble(j, 0),
                        QUERIES.getDouble(q, 1) - KEYS.getDouble(j, 1)) / 1.5;
                k[j] = kernel.apply(d);
                total += k[j];
            }
            double prediction = 0;
            for (int j = 0; j < k.length; j++) {
                double expected = total == 0 ? 1.0 / k.length : k[j] / total;
                assertEquals(expected, attention.getDouble(q, j), 1e-12, kernel + " weight [" + q + ", " + j + "]");
                prediction += expected * VALUES.getDouble(j);
            }
            assertEquals(prediction, out.get(KernelRegression.PREDICTIONS).getDouble(q), 1e-12);
        }
    }

    @Test
    void averageEstimatorPredictsTheMeanTarget() {
        ZooModel model = KernelRegression.create(config(Estimator.AVERAGE, Kernel.GAUSSIAN), KEYS, VALUES);
        INDArray prediction = model.predict(QUERIES);
        for (int q = 0; q < 3; q++) {
            assertEquals(VALUES.meanNumber().doubleValue(), prediction.getDouble(q), 1e-12);
        }
    }

    @Test
    void leaveOneOutMaskGivesTheHeldOutKeyZeroWeight() {
        var batch = KernelRegression.leaveOneOutBatch(KEYS, VALUES, DataType.DOUBLE);
        Map<String, INDArray> out = parametric().predict(Map.of(KernelRegression.QUERIES, batch.getFeatures(0),
                KernelRegression.KEY_MASK, batch.getFeatures(1)));
        INDArray attention = out.get(KernelRegression.ATTENTION);
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, attention.getDouble(i, i), 0, "weight of key " + i + " for query " + i);
            assertEquals(1.0, attention.getRow(i).sumNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void wrongQueryShapeIsASentenceNotANativeError() {
        ZooModel model = parametric();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.zeros(DataType.DOUBLE, 3, 4)));
        assertTrue(e.getMessage().contains("queries") && e.getMessage().contains("[3, 4]")
                && e.getMessage().contains("[?, 2]"), e.getMessage());
    }

    @Test
    void nanQueriesAreRejected() {
        INDArray q = QUERIES.dup();
        q.putScalar(1, 0, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parametric().predict(q));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void keysAndValuesMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelRegression.create(
                config(Estimator.PARAMETRIC, Kernel.GAUSSIAN), KEYS, Nd4j.zeros(DataType.DOUBLE, 4)));
        assertTrue(e.getMessage().contains("values"), e.getMessage());
    }

    @Test
    void summaryListsInputsParametersAndOutputs() {
        String summary = parametric().summary();
        assertTrue(summary.contains("queries") && summary.contains("w") && summary.contains("attention")
                && summary.contains("Trainable parameters: 2"), summary);
    }
}
