package org.sdzoo.zoo.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.TestMultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
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
        INDArray y = x.getColumn(0).add(x.getColumn(1)).gt(0).castTo(DataType.DOUBLE);
        return new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
    }

    /** {@code -log softmax(row)[c]}, by hand. */
    private static double crossEntropy(INDArray logits, long row, int c) {
        double max = logits.getRow(row).maxNumber().doubleValue();
        double sum = 0;
        for (long k = 0; k < logits.size(1); k++) {
            sum += Math.exp(logits.getDouble(row, k) - max);
        }
        return Math.log(sum) + max - logits.getDouble(row, c);
    }

    private static MultiDataSetIterator one(MultiDataSet batch) {
        return new TestMultiDataSetIterator(1, batch);
    }

    @Test
    void crossEntropyGradientIsCorrect() {
        ModelHarness.gradientCheck(LinearProbe.create(2, 3, 1), new ClassificationTask(3),
                new MultiDataSet(new INDArray[] {Nd4j.createFromArray(new double[][] {{1, -2}, {0.5, 3}, {-1, -1}})},
                        new INDArray[] {Nd4j.createFromArray(2.0, 0.0, 1.0)}));
    }

    @Test
    void classificationLossIsTheGraphsAndMatchesAHandComputation() {
        ZooModel model = LinearProbe.create(2, 3, 3);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, -2}, {0.5, 3}, {-1, -1}, {2, 2}});
        INDArray ids = Nd4j.createFromArray(2.0, 0.0, 1.0, 1.0);
        INDArray logits = model.predict(x);
        double expected = 0;
        int right = 0;
        for (int i = 0; i < 4; i++) {
            expected += crossEntropy(logits, i, ids.getInt(i)) / 4;
            right += Nd4j.argMax(logits.getRow(i)).getInt(0) == ids.getInt(i) ? 1 : 0;
        }
        Map<String, Double> m = Evaluator.evaluate(model, new ClassificationTask(3),
                one(new MultiDataSet(x, ids)));
        assertEquals(expected, m.get(Task.LOSS), 1e-12);
        assertEquals(right / 4.0, m.get("accuracy"), 1e-15);
    }

    @Test
    void maskedClassificationCountsOnlyMaskedNodes() {
        ZooModel model = LinearProbe.create(2, 3, 4);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, -2}, {0.5, 3}, {-1, -1}, {2, 2}, {0, 1}}); // N = 5
        INDArray ids = Nd4j.createFromArray(2.0, 0.0, 1.0, 1.0, 7.0);          // node 4 is unlabelled (id 7)
        INDArray mask = Nd4j.createFromArray(1.0, 0.0, 1.0, 1.0, 0.0);
        INDArray logits = model.predict(x);
        double expected = 0;
        int right = 0;
        for (int i : new int[] {0, 2, 3}) {
            expected += crossEntropy(logits, i, ids.getInt(i)) / 3;
            right += Nd4j.argMax(logits.getRow(i)).getInt(0) == ids.getInt(i) ? 1 : 0;
        }
        MaskedClassificationTask task = new MaskedClassificationTask(3);
        MultiDataSet nodes = new MultiDataSet(new INDArray[] {x}, new INDArray[] {ids}, null, new INDArray[] {mask});
        Map<String, Double> m = Evaluator.evaluate(model, task, one(nodes));
        assertEquals(expected, m.get(Task.LOSS), 1e-12);
        assertEquals(right / 3.0, m.get("accuracy"), 1e-15);
        assertEquals(3.0, task.weight(nodes));
        ModelHarness.gradientCheck(LinearProbe.create(2, 3, 4), task, nodes);
    }

    @Test
    void aPaddedTokenBatchEqualsItsExamplesOneByOne() {
        ZooModel model = LinearProbe.tokens(2, 3, 5);
        MaskedClassificationTask task = new MaskedClassificationTask(3);
        Nd4j.getRandom().setSeed(6);
        int[] lengths = {4, 2, 3};
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, 4, 2);                                  // [B, T, F]
        INDArray ids = Nd4j.createFromArray(new double[][] {{0, 1, 2, 1}, {2, 2, 0, 0}, {1, 0, 0, 0}});
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        List<org.nd4j.linalg.dataset.api.MultiDataSet> single = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            mask.get(NDArrayIndex.point(b), NDArrayIndex.interval(0, lengths[b])).assign(1);
            INDArray xb = x.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.interval(0, lengths[b]),
                    NDArrayIndex.all()).dup();
            INDArray idsB = ids.get(NDArrayIndex.interval(b, b + 1), NDArrayIndex.interval(0, lengths[b])).dup();
            single.add(new MultiDataSet(xb, idsB));
        }
        ids.putScalar(2, 3, 9);                                                          // padding may hold anything
        Map<String, Double> padded = Evaluator.evaluate(model, task,
                one(new MultiDataSet(new INDArray[] {x}, new INDArray[] {ids}, null, new INDArray[] {mask})));
        Map<String, Double> oneByOne = Evaluator.evaluate(model, task, new ListIterator(single));
        assertEquals(padded.get(Task.LOSS), oneByOne.get(Task.LOSS), 1e-12);
        assertEquals(padded.get("accuracy"), oneByOne.get("accuracy"), 1e-15);
        ModelHarness.gradientCheck(LinearProbe.tokens(2, 3, 5), task,
                new MultiDataSet(new INDArray[] {x}, new INDArray[] {ids}, null, new INDArray[] {mask}));
    }

    @Test
    void batchesOfDifferentLengthsEvaluateAsOneBatch() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 2);
        INDArray y = Nd4j.randn(DataType.DOUBLE, 8, 1);
        RegressionTask task = new RegressionTask(RegressionTask.Loss.MSE);
        ZooModel model = LinearProbe.create(2, 1, 8);
        Map<String, Double> whole = Evaluator.evaluate(model, task, DataIterators.fullBatch(
                new INDArray[] {x}, new INDArray[] {y}));
        Map<String, Double> batched = Evaluator.evaluate(model, task,
                new ArrayMultiDataSetIterator(new INDArray[] {x}, new INDArray[] {y}, 5, false, 0)); // 5 + 3
        for (String k : List.of(Task.LOSS, "mse", "mae")) {
            assertEquals(whole.get(k), batched.get(k), 1e-12, k);
        }
        assertEquals(whole.get("mse"), whole.get(Task.LOSS), 1e-12, "the MSE loss is the mse metric");
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
        INDArray oneHot = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}})
                .get(NDArrayIndex.indices(train.getLabels(0).toLongVector()), NDArrayIndex.all());
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
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 2);
        ClassificationTask task = new ClassificationTask(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> task.feed(model, new MultiDataSet(x, Nd4j.createFromArray(0.0, 3.0))));
        assertTrue(e.getMessage().startsWith("label 3.0 at [1] is not a class id in [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> task.feed(model, new MultiDataSet(x, Nd4j.createFromArray(0.5, 1.0))));
        assertTrue(e.getMessage().startsWith("label 0.5 at [0]"), e.getMessage());
        RegressionTask regression = new RegressionTask(RegressionTask.Loss.MSE);
        e = assertThrows(IllegalArgumentException.class, () -> regression.feed(model,
                new MultiDataSet(x, Nd4j.createFromArray(0.0, Double.NaN))));
        assertTrue(e.getMessage().contains("targets") && e.getMessage().contains("NaN"), e.getMessage());
        MaskedClassificationTask masked = new MaskedClassificationTask(3);
        e = assertThrows(IllegalArgumentException.class, () -> masked.feed(model, new MultiDataSet(
                new INDArray[] {x}, new INDArray[] {Nd4j.createFromArray(0.0, 1.0)}, null,
                new INDArray[] {Nd4j.ones(DataType.DOUBLE, 3)})));
        assertTrue(e.getMessage().startsWith("the labels mask has shape [3] but the class ids have [2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> masked.feed(model, new MultiDataSet(
                new INDArray[] {x}, new INDArray[] {Nd4j.createFromArray(0.0, 1.0)}, null,
                new INDArray[] {Nd4j.createFromArray(1.0, 0.5)})));
        assertTrue(e.getMessage().startsWith("the labels mask holds values other than 0 and 1"), e.getMessage());
    }

    @Test
    void metricsDeclareTheirDirection() {
        ClassificationTask task = new ClassificationTask(2);
        assertEquals(Optional.of(true), task.higherIsBetter("val_accuracy"));
        assertEquals(Optional.of(false), task.higherIsBetter("loss"));
        assertEquals(Optional.empty(), task.higherIsBetter("val_bleu"));
        assertEquals(Optional.of(false), new RegressionTask(RegressionTask.Loss.MSE).higherIsBetter("val_mae"));
    }

    @Test
    void anotherTasksLossIsNotSilentlyReused() {
        ZooModel model = LinearProbe.create(2, 1, 1);
        new RegressionTask(RegressionTask.Loss.MSE).attachLoss(model);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ClassificationTask(2).attachLoss(model));
        assertTrue(e.getMessage().contains("another task"), e.getMessage());
        ZooModel classifier = LinearProbe.create(2, 3, 1);
        new ClassificationTask(3).attachLoss(classifier);
        new ClassificationTask(3).attachLoss(classifier);
        assertThrows(IllegalStateException.class, () -> new MaskedClassificationTask(3).attachLoss(classifier),
                "same label name, another loss");
        ZooModel masked = LinearProbe.create(2, 3, 1);
        new MaskedClassificationTask(3).attachLoss(masked);
        assertThrows(IllegalStateException.class, () -> new ClassificationTask(3).attachLoss(masked));
    }

    /** Iterates a list of batches of different shapes. */
    private static final class ListIterator implements MultiDataSetIterator {
        private final List<org.nd4j.linalg.dataset.api.MultiDataSet> batches;
        private int next;

        ListIterator(List<org.nd4j.linalg.dataset.api.MultiDataSet> batches) {
            this.batches = batches;
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
            return next();
        }

        @Override
        public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            next = 0;
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public org.nd4j.linalg.dataset.api.MultiDataSet next() {
            return batches.get(next++);
        }
    }
}
