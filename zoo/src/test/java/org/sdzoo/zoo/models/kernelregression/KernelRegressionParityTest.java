package org.sdzoo.zoo.models.kernelregression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.train.EpochRecord;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * The d2l parametric fit against PyTorch 1.13 on the same data and initial w
 * (fixtures/kernel_regression/make_fixture.py): every loss and w to 1e-5 relative.
 */
class KernelRegressionParityTest {

    private static final double TOLERANCE = 1e-5;
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(KernelRegressionParityTest.class
                .getResource("/fixtures/kernel_regression/nw_parity.npz").toURI()));
    }

    private static ZooModel model(Estimator estimator, Precision precision) {
        KernelRegressionConfig config = KernelRegressionConfig.builder().estimator(estimator).precision(precision)
                .initialW(fixture.get("w_init").getDouble(0)).build();
        return KernelRegression.create(config, fixture.get("x_train"), fixture.get("y_train"));
    }

    private static TrainingResult trainLikeD2l(ZooModel model) {
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(fixture.get("x_train"), fixture.get("y_train"),
                model.dataType());
        var data = new ArrayMultiDataSetIterator(batch.getFeatures(), batch.getLabels(), 0, false, 0);
        TrainerConfig tc = TrainerConfig.builder().optimizer(Optimizer.SGD)
                .learningRate(fixture.get("lr").getDouble(0)).epochs(fixture.get("epochs").getInt(0)).build();
        return Trainer.builder().config(tc).build()
                .fit(model, new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED), data, null);
    }

    @Test
    void parametricTrainingMatchesPyTorchEveryEpoch() {
        ZooModel model = model(Estimator.PARAMETRIC, Precision.FLOAT64);
        TrainingResult result = trainLikeD2l(model);
        INDArray losses = fixture.get("losses");
        for (int e = 0; e < losses.length(); e++) {
            EpochRecord r = result.history().get(e);
            assertRelative(losses.getDouble(e), r.loss(), "loss of epoch " + (e + 1));
        }
        double w = model.sameDiff().getArrForVarName(KernelRegression.W).getDouble(0);
        assertRelative(fixture.get("w_final").getDouble(0), w, "final w");

        Map<String, INDArray> test = model.predict(Map.of(KernelRegression.QUERIES, fixture.get("x_test").reshape(-1, 1)));
        assertAllClose(fixture.get("y_hat_param"), test.get(KernelRegression.PREDICTIONS), "test predictions");
        assertAllClose(fixture.get("attention_param"), test.get(KernelRegression.ATTENTION), "attention weights");
    }

    @Test
    void float32TrainingStaysWithinFloatPrecisionOfPyTorch() {
        ZooModel model = model(Estimator.PARAMETRIC, Precision.FLOAT32);
        TrainingResult result = trainLikeD2l(model);
        double w = model.sameDiff().getArrForVarName(KernelRegression.W).getDouble(0);
        assertEquals(fixture.get("w_final").getDouble(0), w, 1e-3, "final w in float32");
        assertEquals(fixture.get("losses").getDouble(4), result.last().loss(), 1e-3, "last loss in float32");
    }

    @Test
    void nonParametricAndAverageMatchPyTorch() {
        INDArray queries = fixture.get("x_test").reshape(-1, 1);
        Map<String, INDArray> np = model(Estimator.NONPARAMETRIC, Precision.FLOAT64)
                .predict(Map.of(KernelRegression.QUERIES, queries));
        assertAllClose(fixture.get("y_hat_nonparam"), np.get(KernelRegression.PREDICTIONS), "non-parametric predictions");
        assertAllClose(fixture.get("attention_nonparam"), np.get(KernelRegression.ATTENTION), "non-parametric attention");
        INDArray avg = model(Estimator.AVERAGE, Precision.FLOAT64).predict(queries);
        assertAllClose(fixture.get("y_hat_avg"), avg, "average pooling");
    }

    private static void assertRelative(double expected, double actual, String what) {
        double rel = Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-12);
        assertEquals(0, rel, TOLERANCE, what + ": expected " + expected + " but was " + actual);
    }

    private static void assertAllClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(-1);
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(-1);
        assertEquals(e.length(), a.length(), what + " length");
        for (long i = 0; i < e.length(); i++) {
            double diff = Math.abs(e.getDouble(i) - a.getDouble(i));
            double scale = Math.max(Math.abs(e.getDouble(i)), 1e-3);
            assertEquals(0, diff / scale, TOLERANCE, what + " at " + i + ": " + e.getDouble(i) + " vs " + a.getDouble(i));
        }
    }
}
