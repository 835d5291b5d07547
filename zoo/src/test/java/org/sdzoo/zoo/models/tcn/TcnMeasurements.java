package org.sdzoo.zoo.models.tcn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.sequence.AddingProblem;
import org.sdzoo.datasets.sequence.SequenceData;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * Measurements for issue 14, not unit tests: run only with SDZOO_DATA_DIR set and
 * {@code -Dsdzoo.measure=true}, while holding the build lock:
 * <pre>
 * SDZOO_DATA_DIR=/work/shared/datasets flock /tmp/sdzoo-mvn.lock mvn -o -B -q -pl zoo -am test \
 *   -Dtest=TcnMeasurements -Dsurefire.failIfNoSpecifiedTests=false -Dsdzoo.measure=true \
 *   [-Dsdzoo.measure.steps=10] [-Dsdzoo.measure.minutes=8]
 * </pre>
 * Each result is one line starting with {@code MEASURE} on standard output; the PyTorch side is
 * {@code src/test/resources/bench/tcn_bench_torch.py} with the same shapes.
 */
@EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
@EnabledIfSystemProperty(named = "sdzoo.measure", matches = "true")
class TcnMeasurements {

    private static int steps() {
        return Integer.getInteger("sdzoo.measure.steps", 10);
    }

    /** The median of the trainer's own step (forward, loss, gradients, Adam) after two warm-up steps. */
    private static void benchStep(String name, TcnConfig config, Task task, MultiDataSet batch, double lr) {
        ZooModel model = Tcn.create(config);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.ADAM)
                .learningRate(lr).build()).build().session(model, task);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < steps() + 2; i++) {
            long start = System.nanoTime();
            session.step(batch);
            if (i >= 2) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        List<Double> forward = new ArrayList<>();
        for (int i = 0; i < Math.max(3, steps() / 2); i++) {
            long start = System.nanoTime();
            model.predict(Map.of(Tcn.INPUT, batch.getFeatures(0)));
            forward.add((System.nanoTime() - start) / 1e6);
        }
        System.out.printf(Locale.ROOT, "MEASURE {\"workload\": \"%s\", \"median_ms\": %.1f, \"min_ms\": %.1f,"
                        + " \"forward_median_ms\": %.1f, \"steps\": %d, \"parameters\": %d}%n", name, median(times),
                Collections.min(times), median(forward), times.size(), model.parameterCount());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Wall time per op type, measured around each op's execution. */
    private static final class OpTimer extends BaseListener {
        final Map<String, double[]> byOp = new java.util.TreeMap<>();         // name -> {ms, count}
        private long start;

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            start = System.nanoTime();
        }

        @Override
        public void opExecution(SameDiff sd, At at, org.nd4j.linalg.dataset.api.MultiDataSet batch, SameDiffOp op,
                                OpContext opContext, INDArray[] outputs) {
            double[] acc = byOp.computeIfAbsent(op.getOp().opName(), k -> new double[2]);
            acc[0] += (System.nanoTime() - start) / 1e6;
            acc[1]++;
        }
    }

    /** Where a step of the adding shapes spends its time, by op type (3 steps after 2 warm-ups). */
    @Test
    void whereTheTimeGoes() {
        Nd4j.getRandom().setSeed(1);
        TcnConfig adding = TcnConfig.builder().inputChannels(2).levels(8, 30).kernelSize(7).dropout(0.0)
                .head(TcnHead.LAST_STEP).outputs(1).build();
        ZooModel model = Tcn.create(adding);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.ADAM)
                .learningRate(4e-3).build()).build().session(model, new RegressionTask(RegressionTask.Loss.MSE));
        MultiDataSet batch = new MultiDataSet(Nd4j.randn(DataType.FLOAT, 32, 2, 600), Nd4j.rand(DataType.FLOAT, 32, 1));
        session.step(batch);
        session.step(batch);
        OpTimer timer = new OpTimer();
        model.sameDiff().addListeners(timer);
        int n = 3;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            session.step(batch);
        }
        double wall = (System.nanoTime() - start) / 1e6 / n;
        double inOps = timer.byOp.values().stream().mapToDouble(v -> v[0]).sum() / n;
        System.out.printf(Locale.ROOT, "MEASURE profile adding: %.0f ms per step, %.0f ms inside ops, %.0f ms outside%n",
                wall, inOps, wall - inOps);
        timer.byOp.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "MEASURE profile   %-28s %8.1f ms/step  %4.0f calls/step%n",
                        e.getKey(), e.getValue()[0] / n, e.getValue()[1] / n));
    }

    @Test
    void benchShapesOfIssue14() {
        Nd4j.getRandom().setSeed(1);
        TcnConfig adding = TcnConfig.builder().inputChannels(2).levels(8, 30).kernelSize(7).dropout(0.0)
                .head(TcnHead.LAST_STEP).outputs(1).build();
        benchStep("adding", adding, new RegressionTask(RegressionTask.Loss.MSE),
                new MultiDataSet(Nd4j.randn(DataType.FLOAT, 32, 2, 600), Nd4j.rand(DataType.FLOAT, 32, 1)), 4e-3);
        TcnConfig mnist = TcnConfig.builder().inputChannels(1).levels(8, 25).kernelSize(7).dropout(0.05)
                .head(TcnHead.LAST_STEP).outputs(10).build();
        INDArray labels = Nd4j.createFromArray(new java.util.Random(1).ints(64, 0, 10).asDoubleStream().toArray())
                .castTo(DataType.FLOAT);
        benchStep("seq-mnist", mnist, new ClassificationTask(10),
                new MultiDataSet(Nd4j.randn(DataType.FLOAT, 64, 1, 784), labels), 2e-3);
    }

    /** locuslab's adding setting at T = 200 (kernel 7, 8 levels of 30, Adam 4e-3, batch 32) on a time budget. */
    @Test
    void addingProblemT200() {
        int length = 200;
        SequenceData train = AddingProblem.generate(50_000, length, 1, DataType.FLOAT);
        SequenceData test = AddingProblem.generate(1_000, length, 2, DataType.FLOAT);
        TcnConfig config = TcnConfig.builder().inputChannels(2).levels(8, 30).kernelSize(7).dropout(0.0)
                .head(TcnHead.LAST_STEP).outputs(1).build();
        ZooModel model = Tcn.create(config);
        RegressionTask task = new RegressionTask(RegressionTask.Loss.MSE);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().optimizer(Optimizer.ADAM)
                .learningRate(4e-3).build()).build().session(model, task);
        ArrayMultiDataSetIterator batches = train.iterator(32, true, 1);
        double minutes = Double.parseDouble(System.getProperty("sdzoo.measure.minutes", "8"));
        long start = System.nanoTime();
        long deadline = start + (long) (minutes * 60e9);
        int step = 0;
        double testMse = Double.NaN;
        while (System.nanoTime() < deadline) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            double loss = session.step(batches.next());
            step++;
            if (step % 100 == 0) {
                testMse = Evaluator.evaluate(model, task, test.iterator(250, false, 0)).get("mse");
                System.out.printf(Locale.ROOT, "MEASURE adding T=200 step %d, %.1f min: train loss %.5f, test MSE %.6f%n",
                        step, (System.nanoTime() - start) / 60e9, loss, testMse);
            }
        }
        testMse = Evaluator.evaluate(model, task, test.iterator(250, false, 0)).get("mse");
        System.out.printf(Locale.ROOT, "MEASURE {\"workload\": \"adding-T200-train\", \"steps\": %d, \"minutes\": %.2f,"
                        + " \"test_mse\": %.6g, \"baseline_mse\": %.4f, \"paper_mse_T600\": 5.8e-5}%n", step,
                (System.nanoTime() - start) / 60e9, testMse, AddingProblem.MEAN_BASELINE_MSE);
    }
}
