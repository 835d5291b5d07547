package org.sdzoo.zoo.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.testing.ModelHarness;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

class TasksTest {

    /** Two separable blobs: class = (x0 + x1 > 0). */
    private static MultiDataSet blobs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, x.getDouble(i, 0) + x.getDouble(i, 1) > 0 ? 1 : 0);
        }
        return new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
    }

    @Test
    void crossEntropyGradientIsCorrect() {
        ModelHarness.gradientCheck(LinearProbe.create(2, 3, 1), new ClassificationTask(3),
                new MultiDataSet(new INDArray[] {Nd4j.createFromArray(new double[][] {{1, -2}, {0.5, 3}, {-1, -1}})},
                        new INDArray[] {Nd4j.createFromArray(2.0, 0.0, 1.0)}));
    }

    @Test
    void graphLossEqualsTheJavaMetric() {
        ZooModel model = LinearProbe.create(2, 2, 3);
        ClassificationTask task = new ClassificationTask(2);
        task.attachLoss(model);
        MultiDataSet data = blobs(16, 4);
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(data.getFeatures()));
        feed.putAll(task.labelPlaceholders(model, data.getLabels()));
        double graph = model.sameDiff().output(feed, Task.LOSS).get(Task.LOSS).getDouble(0);
        double java = task.metrics(model.predict(data.getFeatures(0)), data.getLabels(0)).get(Task.LOSS);
        assertEquals(java, graph, 1e-12);
    }

    @Test
    void classificationLearnsSeparableBlobs() {
        ZooModel model = LinearProbe.create(2, 2, 5);
        MultiDataSet train = blobs(64, 6);
        TrainingResult r = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.1)
                .epochs(30).build()).build().fit(model, new ClassificationTask(2),
                DataIterators.fullBatch(train.getFeatures(), train.getLabels()),
                DataIterators.fullBatch(train.getFeatures(), train.getLabels()));
        assertTrue(r.last().metrics().get("val_accuracy") > 0.9, r.last().toString());
        assertEquals("val_accuracy", r.monitor());
    }

    @Test
    void aUsersDataSetIteratorFeedsTheTrainer() {
        MultiDataSet train = blobs(64, 8);
        INDArray classes = train.getLabels(0);
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, classes.length(), 2);
        for (int i = 0; i < classes.length(); i++) {
            oneHot.putScalar(i, classes.getInt(i), 1.0);
        }
        var userIterator = new org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator(
                new org.nd4j.linalg.dataset.DataSet(train.getFeatures(0), oneHot), 16);
        TrainingResult r = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.1)
                .epochs(10).build()).build().fit(LinearProbe.create(2, 2, 9), new ClassificationTask(2),
                DataIterators.fromDataSetIterator(userIterator), null);
        assertEquals(40, r.steps(), "4 batches of 16 per epoch");
        assertTrue(r.last().loss() < r.history().get(0).loss(), r.history().toString());
    }

    @Test
    void regressionLossesHaveCorrectGradients() {
        MultiDataSet data = new MultiDataSet(new INDArray[] {Nd4j.createFromArray(new double[][] {{1, 2}, {-1, 0.5}})},
                new INDArray[] {Nd4j.createFromArray(new double[][] {{0.3}, {-2}})});
        ModelHarness.gradientCheck(LinearProbe.create(2, 1, 7), new RegressionTask(RegressionTask.Loss.MSE), data);
        ModelHarness.gradientCheck(LinearProbe.create(2, 1, 7), new RegressionTask(RegressionTask.Loss.HALF_SUM_SQUARED),
                data);
    }

    @Test
    void badLabelsAreNamed() {
        ZooModel model = LinearProbe.create(2, 3, 1);
        ClassificationTask task = new ClassificationTask(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task.labelPlaceholders(model, new INDArray[] {Nd4j.createFromArray(0.0, 3.0)}));
        assertTrue(e.getMessage().contains("label 3 at row 1"), e.getMessage());
        RegressionTask regression = new RegressionTask(RegressionTask.Loss.MSE);
        e = assertThrows(IllegalArgumentException.class, () -> regression.labelPlaceholders(model,
                new INDArray[] {Nd4j.createFromArray(0.0, Double.NaN)}));
        assertTrue(e.getMessage().contains("targets") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void anotherTasksLossIsNotSilentlyReused() {
        ZooModel model = LinearProbe.create(2, 1, 1);
        new RegressionTask(RegressionTask.Loss.MSE).attachLoss(model);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ClassificationTask(2).attachLoss(model));
        assertTrue(e.getMessage().contains("another task"), e.getMessage());
    }
}
