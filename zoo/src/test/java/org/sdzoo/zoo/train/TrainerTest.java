package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.task.RegressionTask;

class TrainerTest {

    private static final NoisySine.Regression1D DATA = NoisySine.generate(40, 0.5, 7);
    private static final RegressionTask TASK = new RegressionTask(RegressionTask.Loss.MSE);

    private static ZooModel model() {
        return KernelRegression.create(KernelRegressionConfig.builder().precision(Precision.FLOAT64).initialW(0.5).build(),
                DATA.x(), DATA.y());
    }

    /** Mini-batches of 8 leave-one-out queries, shuffled per epoch: exercises the data order on resume. */
    private static ArrayMultiDataSetIterator batches() {
        MultiDataSet all = KernelRegression.leaveOneOutBatch(DATA.x(), DATA.y(), DataType.DOUBLE);
        return new ArrayMultiDataSetIterator(all.getFeatures(), all.getLabels(), 8, true, 3);
    }

    private static TrainerConfig.Builder adam(int epochs) {
        return TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(0.2).epochs(epochs).seed(11);
    }

    private static double w(ZooModel m) {
        return m.sameDiff().getArrForVarName(KernelRegression.W).getDouble(0);
    }

    @Test
    void sameSeedSameNumbers() {
        ZooModel a = model();
        ZooModel b = model();
        TrainingResult ra = Trainer.builder().config(adam(3).build()).build().fit(a, TASK, batches(), batches());
        TrainingResult rb = Trainer.builder().config(adam(3).build()).build().fit(b, TASK, batches(), batches());
        assertEquals(w(a), w(b), 0);
        for (int e = 0; e < 3; e++) {
            assertEquals(ra.history().get(e).loss(), rb.history().get(e).loss(), 0);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) throws Exception {
        ZooModel full = model();
        TrainingResult uninterrupted = Trainer.builder().config(adam(5).build()).build().fit(full, TASK, batches(), null);

        Path checkpoints = dir.resolve("ckpt");
        RuntimeException crash = assertThrows(RuntimeException.class, () -> Trainer.builder().config(adam(5).build())
                .checkpointDir(checkpoints).listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord record, List<EpochRecord> history) {
                        if (record.epoch() == 2) {
                            throw new IllegalStateException("simulated crash after epoch 2");
                        }
                    }
                }).build().fit(model(), TASK, batches(), null));
        assertEquals("simulated crash after epoch 2", crash.getMessage());

        Trainer.Resumed resumed = Trainer.builder().config(adam(5).build()).checkpointDir(checkpoints).build()
                .resume(checkpoints.resolve(Trainer.LAST_CHECKPOINT), TASK, batches(), null);
        assertEquals(w(full), w(resumed.model()), 0, "w after resume");
        assertEquals(5, resumed.result().history().size());
        for (int e = 0; e < 5; e++) {
            assertEquals(uninterrupted.history().get(e).loss(), resumed.result().history().get(e).loss(), 0,
                    "loss of epoch " + (e + 1));
        }
        assertEquals(uninterrupted.steps(), resumed.result().steps());
    }

    @Test
    void checkpointsHoldTheUpdaterStateAndTheBestEpoch(@TempDir Path dir) throws Exception {
        Trainer.builder().config(adam(3).build()).checkpointDir(dir).build().fit(model(), TASK, batches(), batches());
        var last = ModelArchive.read(dir.resolve(Trainer.LAST_CHECKPOINT));
        assertTrue(last.checkpoint().isPresent());
        assertTrue(last.checkpoint().get().updaterState().containsKey("w/m"));
        assertTrue(last.metadata().metrics().containsKey("val_mse"));
        assertTrue(Files.exists(dir.resolve(Trainer.BEST_CHECKPOINT)));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }

    @Test
    void earlyStoppingAfterPatienceEpochsWithoutImprovement() {
        // Watching the training loss for a maximum: once the loss falls, nothing improves on epoch 1.
        TrainerConfig c = adam(20).monitor("loss").monitorMode(MonitorMode.MAX).patience(2).build();
        TrainingResult r = Trainer.builder().config(c).build().fit(model(), TASK, batches(), null);
        assertTrue(r.stoppedEarly());
        assertEquals(3, r.history().size(), "epoch 1 sets the best, 2 and 3 do not improve");
        assertEquals(1, r.bestEpoch());
    }

    @Test
    void restoreBestPutsBackTheBestEpochsParametersInMemoryAndAfterAResume(@TempDir Path dir) throws Exception {
        // Watching the training loss for a maximum: epoch 1 stays the best while the loss falls.
        TrainerConfig c = adam(3).monitor("loss").monitorMode(MonitorMode.MAX).restoreBest(true).build();
        double[] afterEpoch1 = new double[1];
        ZooModel model = model();
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record, List<EpochRecord> history) {
                if (record.epoch() == 1) {
                    afterEpoch1[0] = w(model);
                }
            }
        };
        TrainingResult r = Trainer.builder().config(c).listener(probe).build().fit(model, TASK, batches(), null);
        assertEquals(1, r.bestEpoch());
        assertEquals(3, r.history().size());
        assertEquals(afterEpoch1[0], w(model), 0, "epoch 1's parameters, not epoch 3's");

        ZooModel plain = model();
        Trainer.builder().config(c.toBuilder().restoreBest(false).build()).build().fit(plain, TASK, batches(), null);
        assertNotEquals(afterEpoch1[0], w(plain), "without restoreBest the last epoch's parameters stay");

        // Resumed after the best epoch: the best parameters come from best.sdz.
        Path checkpoints = dir.resolve("ckpt");
        Trainer.builder().config(c.toBuilder().epochs(2).build()).checkpointDir(checkpoints).build()
                .fit(model(), TASK, batches(), null);
        Trainer.Resumed resumed = Trainer.builder().config(c).checkpointDir(checkpoints).build()
                .resume(checkpoints.resolve(Trainer.LAST_CHECKPOINT), TASK, batches(), null);
        assertEquals(afterEpoch1[0], w(resumed.model()), 0);
        assertEquals(c, TrainerConfig.fromJson(c.toJson()), "restoreBest round-trips through JSON");
    }

    @Test
    void thePlateauRuleLowersTheLearningRateAndAResumeKeepsIt(@TempDir Path dir) throws Exception {
        // Watching the falling training loss for a maximum makes every epoch after the first a plateau.
        TrainerConfig c = adam(4).learningRate(1e-2).monitor("loss").monitorMode(MonitorMode.MAX).plateauFactor(0.1)
                .plateauWindow(3).plateauAfterEpoch(1).build();
        TrainingResult r = Trainer.builder().config(c).build().fit(model(), TASK, batches(), null);
        double[] rates = r.history().stream().mapToDouble(EpochRecord::learningRate).toArray();
        assertArrayEquals(new double[] {1e-2, 1e-2, 1e-3, 1e-4}, rates, 1e-12, "epoch 2 is the first that counts");

        Path checkpoints = dir.resolve("ckpt");
        Trainer.builder().config(c.toBuilder().epochs(3).build()).checkpointDir(checkpoints).build()
                .fit(model(), TASK, batches(), null);
        Trainer.Resumed resumed = Trainer.builder().config(c).checkpointDir(checkpoints).build()
                .resume(checkpoints.resolve(Trainer.LAST_CHECKPOINT), TASK, batches(), null);
        assertEquals(1e-4, resumed.result().history().get(3).learningRate(), 1e-12);
        assertEquals(r.history().get(3).loss(), resumed.result().history().get(3).loss(), 0,
                "the resumed run continues with the same learning rate and numbers");
    }

    @Test
    void maxStepsBoundsTheRun() {
        TrainingResult r = Trainer.builder().config(adam(10).maxSteps(7).build()).build()
                .fit(model(), TASK, batches(), null);
        assertEquals(7, r.steps());
        assertEquals(2, r.history().size());
    }

    @Test
    void divergingLossStopsWithAHint() {
        INDArray y = DATA.y().mul(1e300);
        ZooModel m = KernelRegression.create(KernelRegressionConfig.builder().precision(Precision.FLOAT64).build(),
                DATA.x(), DATA.y());
        MultiDataSet all = KernelRegression.leaveOneOutBatch(DATA.x(), y, DataType.DOUBLE);
        var data = new ArrayMultiDataSetIterator(all.getFeatures(), all.getLabels(), 0, false, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder().config(adam(2).build()).build().fit(m, TASK, data, null));
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }

    @Test
    void aLoadedModelTrainsFurther(@TempDir Path dir) throws Exception {
        ZooModel m = model();
        Trainer.builder().config(adam(2).build()).build().fit(m, TASK, batches(), null);
        ModelArchive.save(dir.resolve("m.sdz"), m);
        ZooModel loaded = ModelArchive.load(dir.resolve("m.sdz"));
        double before = w(loaded);
        TrainingResult r = Trainer.builder().config(adam(2).build()).build().fit(loaded, TASK, batches(), null);
        assertFalse(before == w(loaded), "w moved");
        assertTrue(Double.isFinite(r.last().loss()));
    }

    @Test
    void historyCsvHasOneRowPerEpoch(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("history.csv");
        Trainer.builder().config(adam(3).build()).listener(new HistoryCsv(csv)).listener(new LoggingListener()).build()
                .fit(model(), TASK, batches(), batches());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,step,loss,lr,seconds,val_loss,val_mae,val_mse", lines.get(0));
        assertEquals(4, lines.size());
    }

    @Test
    void trainerConfigValidatesAndRoundTrips() {
        TrainerConfig c = adam(4).weightDecay(1e-4).weightDecayParameters("layer0/.*").schedule(Schedule.COSINE)
                .warmupSteps(3).clipNorm(1).monitor("val_accuracy").patience(5).build();
        assertEquals(c, TrainerConfig.fromJson(c.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().weightDecayParameters("(").build());
        assertTrue(e.getMessage().contains("weightDecayParameters"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().epochs(0).build());
        assertTrue(e.getMessage().startsWith("epochs must be positive"), e.getMessage());
    }

    @Test
    void fitRunsTheSessionsStep() {
        MultiDataSet all = KernelRegression.leaveOneOutBatch(DATA.x(), DATA.y(), DataType.DOUBLE);
        ZooModel byFit = model();
        TrainingResult r = Trainer.builder().config(adam(3).build()).build().fit(byFit, TASK,
                new ArrayMultiDataSetIterator(all.getFeatures(), all.getLabels(), 0, false, 0), null);
        ZooModel bySession = model();
        TrainingSession session = Trainer.builder().config(adam(3).build()).build().session(bySession, TASK);
        for (int e = 0; e < 3; e++) {
            assertEquals(r.history().get(e).loss(), session.step(all), 0, "loss of step " + (e + 1));
        }
        assertEquals(3, session.stepsDone());
        assertEquals(0.2, session.learningRate());
        assertEquals(w(byFit), w(bySession), 0);
    }

    @Test
    void frozenParametersGetNoUpdate() {
        ZooModel probe = org.sdzoo.zoo.task.LinearProbe.create(2, 1, 3);
        INDArray b = probe.sameDiff().getArrForVarName("b").dup();
        INDArray weights = probe.sameDiff().getArrForVarName("W").dup();
        INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 2}, {-1, 0.5}, {0, 1}});
        INDArray y = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1}, {-2}, {0.5}});
        TrainingSession session = Trainer.builder().config(adam(1).freeze("b").build()).build()
                .session(probe, TASK);
        assertEquals(List.of("W"), session.trainableParameters());
        session.step(new org.nd4j.linalg.dataset.MultiDataSet(x, y));
        assertEquals(b, probe.sameDiff().getArrForVarName("b"), "frozen");
        assertFalse(weights.equals(probe.sameDiff().getArrForVarName("W")), "trained");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder()
                .config(adam(1).freeze("W|b").build()).build().session(org.sdzoo.zoo.task.LinearProbe.create(2, 1, 3),
                        TASK));
        assertTrue(e.getMessage().startsWith("freeze 'W|b' matches every parameter"), e.getMessage());
    }

    @Test
    void validationEveryNStepsAsWellAsPerEpoch() {
        List<Long> validatedAt = new java.util.ArrayList<>();
        TrainingResult r = Trainer.builder().config(adam(2).validateEverySteps(2).build())
                .listener(new TrainingListener() {
                    @Override
                    public void onValidation(int epoch, long step, java.util.Map<String, Double> metrics) {
                        assertTrue(metrics.containsKey("val_mse"), metrics.toString());
                        validatedAt.add(step);
                    }
                }).build().fit(model(), TASK, batches(), batches());
        assertEquals(List.of(2L, 4L, 6L, 8L), validatedAt, "5 steps an epoch; the epoch's end validates anyway");
        assertTrue(r.last().metrics().containsKey("val_mse"));
    }

    @Test
    void standardListenersWriteTheHistory(@TempDir Path dir) throws Exception {
        Trainer.builder().config(adam(2).build()).standardListeners(dir, true).build()
                .fit(model(), TASK, batches(), null);
        assertEquals(3, Files.readAllLines(dir.resolve(Trainer.HISTORY_CSV)).size());
    }

    @Test
    void aMonitorWithoutADeclaredDirectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder()
                .config(adam(1).monitor("val_bleu").build()).build().fit(model(), TASK, batches(), batches()));
        assertEquals("monitor 'val_bleu' is not a metric of the regression task ([loss, mse, mae], with val_ for"
                + " validation): name one of them or set monitorMode", e.getMessage());
    }

    /** {@code y = dropout(x, 0.5) · W}, W {@code [3, 1]}. */
    private static ZooModel withDropout() {
        var sd = org.nd4j.autodiff.samediff.SameDiff.create();
        var x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        var w = sd.var("W", org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{0.5}, {-1}, {2}}));
        org.sdzoo.zoo.blocks.nn.Dropout.apply(sd, x, 0.5).mmul(w).rename("y");
        return new ZooModel(new DropoutProbe(), sd,
                List.of(new org.sdzoo.zoo.TensorSpec("x", "[B, F]", -1, 3)), List.of(),
                List.of(new org.sdzoo.zoo.TensorSpec("y", "[B, 1]", -1, 1)), given -> given);
    }

    @Test
    void dropoutVariesTrainingWithTheSeedButNotPrediction() {
        INDArray x = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0.5, 4}, {2, 0, 1}});
        INDArray y = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1}, {-2}, {0.5}});
        var batch = new org.nd4j.linalg.dataset.MultiDataSet(x, y);
        double[][] losses = new double[3][];
        INDArray[] weights = new INDArray[3];
        long[] seeds = {1, 1, 2};
        for (int run = 0; run < 3; run++) {
            ZooModel m = withDropout();
            TrainingSession s = Trainer.builder().config(adam(1).seed(seeds[run]).build()).build().session(m, TASK);
            losses[run] = new double[] {s.step(batch), s.step(batch), s.step(batch)};
            weights[run] = m.sameDiff().getArrForVarName("W").dup();
            assertEquals(m.predict(x), m.predict(x), "prediction is deterministic");
            assertEquals(x.mmul(weights[run]), m.predict(x), "prediction has no dropout");
        }
        assertEquals(weights[0], weights[1], "same seed, same training");
        assertArrayEqualsExactly(losses[0], losses[1]);
        assertFalse(weights[0].equals(weights[2]), "another seed, other dropout masks");
    }

    private static void assertArrayEqualsExactly(double[] a, double[] b) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, 0);
    }

    private record DropoutProbe() implements org.sdzoo.zoo.config.ModelConfig {
        @Override
        public String architecture() {
            return "dropout-probe";
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }
    }
}
