package org.sdzoo.examples.kernelregression;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.examples.TorchReference;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Require;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.ParameterUpdater;
import org.sdzoo.zoo.train.TrainerConfig;

/**
 * Times the parametric Nadaraya–Watson training step and forward pass in float32 on d2l's shapes,
 * against PyTorch 1.13 running d2l's {@code NWKernelRegression} on the same shapes right after,
 * on the same machine ({@code bench/kernel_regression_torch.py}); without python3-torch, against
 * the medians recorded on the development machine.
 *
 * <p>The training step is the {@code Trainer}'s: {@code calculateGradientsAndOutputs} of the loss
 * and the gradient of {@code w}, then the SGD update. Its shape is the leave-one-out batch: 50
 * queries over 50 keys with the diagonal masked, where PyTorch drops the diagonal (50×49 keys).
 * The forward pass is {@code ZooModel.predict} on the same batch, input checks included.
 */
public final class KernelRegressionBench {

    /** PyTorch 1.13's median training step recorded on the development machine, ms (float32, 50×49 keys, 2 threads). */
    public static final double TORCH_TRAIN_STEP_MS = 0.194;
    /** PyTorch 1.13's median forward pass recorded on the development machine, ms. */
    public static final double TORCH_FORWARD_MS = 0.058;

    static final String TORCH_SCRIPT = "/org/sdzoo/examples/bench/kernel_regression_torch.py";

    /**
     * PyTorch's medians to compare with.
     *
     * @param trainStepMs one training step
     * @param forwardMs   one forward pass
     * @param source      how they were obtained
     */
    public record Reference(double trainStepMs, double forwardMs, String source) {

        /** The medians recorded with the script on the development machine. */
        public static Reference recorded() {
            return new Reference(TORCH_TRAIN_STEP_MS, TORCH_FORWARD_MS,
                    "recorded on the development machine (50x49 keys; install python3-torch to measure here)");
        }

        /** Runs the PyTorch script now, on this machine: the 50×50 shape, as sdzoo's. */
        static Optional<Reference> measure(int iterations, int repeats) throws IOException {
            return TorchReference.run(TORCH_SCRIPT, List.of(Integer.toString(iterations), Integer.toString(repeats)),
                    600).map(json -> new Reference(json.get("train_step_ms_50x50").asDouble(),
                    json.get("forward_ms_50x50").asDouble(), "measured now on this machine (50x50 keys, 2 threads)"));
        }
    }

    private KernelRegressionBench() {
    }

    /**
     * Median, min and max over the repeats of the mean time per iteration.
     *
     * @param repeatsMs the mean ms per iteration of each repeat
     */
    public record Timing(double medianMs, double minMs, double maxMs, double[] repeatsMs) {
        static Timing of(double[] repeatsMs) {
            double[] sorted = repeatsMs.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Timing(median, sorted[0], sorted[n - 1], repeatsMs.clone());
        }
    }

    /**
     * The measured timings.
     *
     * @param trainStep  one SGD step
     * @param forward    one forward pass
     * @param iterations iterations per repeat
     * @param repeats    repeats
     * @param warmup     warm-up iterations before timing each
     * @param processors processors available to the JVM
     */
    public record Result(Timing trainStep, Timing forward, int iterations, int repeats, int warmup, int processors,
                         Reference torch) {

        /** @return the table printed by {@code sdzoo bench} */
        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format("kernel-regression (parametric NW, float32, 50 queries x 50 keys masked to 49),"
                    + " %d repeats x %d iterations after %d warm-up, %d processors%n", repeats, iterations, warmup,
                    processors));
            s.append(String.format("%-12s %12s %12s %12s %14s %10s%n", "", "median ms", "min ms", "max ms",
                    "PyTorch ms", "ratio"));
            row(s, "train step", trainStep, torch.trainStepMs());
            row(s, "forward", forward, torch.forwardMs());
            s.append("PyTorch 1.13 (d2l NWKernelRegression, float32): ").append(torch.source())
                    .append("; ratio = sdzoo / PyTorch (goal <= 1.0)\n");
            return s.toString();
        }

        private static void row(StringBuilder s, String name, Timing t, double torch) {
            s.append(String.format("%-12s %12.4f %12.4f %12.4f %14.3f %10.2f%n", name, t.medianMs(), t.minMs(),
                    t.maxMs(), torch, t.medianMs() / torch));
        }

        /** @return the numbers for {@code bench.json} */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("train_step_ms", timing(trainStep));
            m.put("forward_ms", timing(forward));
            m.put("torch_train_step_ms", torch.trainStepMs());
            m.put("torch_forward_ms", torch.forwardMs());
            m.put("torch_source", torch.source());
            m.put("ratio_train_step", trainStep.medianMs() / torch.trainStepMs());
            m.put("ratio_forward", forward.medianMs() / torch.forwardMs());
            m.put("iterations", iterations);
            m.put("repeats", repeats);
            m.put("warmup", warmup);
            m.put("processors", processors);
            return m;
        }

        private static Map<String, Object> timing(Timing t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("median", t.medianMs());
            m.put("min", t.minMs());
            m.put("max", t.maxMs());
            m.put("repeats", t.repeatsMs());
            return m;
        }
    }

    /**
     * Runs the benchmark: {@code iterations} warm-up iterations, then {@code repeats} timed runs of
     * {@code iterations} each, for the training step and then the forward pass; then, with
     * {@code measureTorch}, the same for PyTorch when it is installed.
     */
    public static Result run(int iterations, int repeats, long seed, boolean measureTorch) throws IOException {
        Require.positive("iterations", iterations);
        Require.positive("repeats", repeats);
        NoisySine.Regression1D data = NoisySine.generate(NoisySine.D2L_TRAIN_SIZE, NoisySine.D2L_NOISE_STD, seed);
        ZooModel model = KernelRegression.create(KernelRegressionConfig.builder().build(), data.x(), data.y());
        Task task = new RegressionTask(KernelRegressionExample.LOSS);
        task.attachLoss(model);
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(data.x(), data.y(), model.dataType());
        Map<String, INDArray> inputs = model.placeholders(batch.getFeatures());
        Map<String, INDArray> feed = new HashMap<>(inputs);
        feed.putAll(task.feed(model, batch));
        TrainerConfig config = new KernelRegressionExample().trainerDefaults().toBuilder().seed(seed).build();
        ParameterUpdater updater = new ParameterUpdater(config);
        SameDiff sd = model.sameDiff();
        List<String> parameters = model.parameterNames();
        long[] step = {0};
        Runnable trainStep = () -> {
            var result = sd.calculateGradientsAndOutputs(feed, List.of(Task.LOSS), parameters);
            result.getOutputs().get(Task.LOSS).getDouble(0);
            step[0]++;
            for (String p : parameters) {
                updater.apply(p, sd.getArrForVarName(p), result.getGradients().get(p), config.learningRate(), step[0]);
            }
        };
        Map<String, INDArray> predictInputs = Map.of(KernelRegression.QUERIES, batch.getFeatures(0),
                KernelRegression.KEY_MASK, batch.getFeatures(1));
        Runnable forward = () -> model.predict(predictInputs).get(KernelRegression.PREDICTIONS).getDouble(0);
        Timing train = QuietSameDiff.run(() -> time(trainStep, iterations, repeats));
        Timing fwd = time(forward, iterations, repeats);
        Reference torch = measureTorch ? Reference.measure(iterations, repeats).orElseGet(Reference::recorded)
                : Reference.recorded();
        return new Result(train, fwd, iterations, repeats, iterations, Runtime.getRuntime().availableProcessors(),
                torch);
    }

    private static Timing time(Runnable work, int iterations, int repeats) {
        // SameDiff's Java-side session bookkeeping dominates these tiny steps, so the JIT needs
        // about a thousand iterations before the times settle.
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                work.run();
            }
            ms[r] = (System.nanoTime() - start) / 1e6 / iterations;
        }
        return Timing.of(ms);
    }
}
