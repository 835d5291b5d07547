package org.sdzoo.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainingSession;

/**
 * Times any example's training step, the trainer's own {@link TrainingSession#step} (forward,
 * loss, gradients, clipping, update, reseeding, finite-loss check: what training runs), and its
 * forward pass ({@link ZooModel#predict}, input checks included), beside PyTorch on the same
 * shapes: run now when python3-torch is installed, else the medians recorded earlier.
 */
public final class BenchDriver {

    private BenchDriver() {
    }

    /**
     * Median, min and max over the repeats of the mean time per iteration.
     *
     * @param repeatsMs the mean ms per iteration of each repeat
     */
    public record Timing(double medianMs, double minMs, double maxMs, double[] repeatsMs) {
        public static Timing of(double[] repeatsMs) {
            double[] sorted = repeatsMs.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Timing(median, sorted[0], sorted[n - 1], repeatsMs.clone());
        }

        public Map<String, Object> json() {
            return new LinkedHashMap<>(Map.of("median", medianMs, "min", minMs, "max", maxMs, "repeats", repeatsMs));
        }
    }

    /**
     * PyTorch's medians to compare with.
     *
     * @param source how they were obtained
     */
    public record Reference(double trainStepMs, double forwardMs, String source) {
    }

    /** The measured timings of one example, with PyTorch's beside them. */
    public record Result(String example, String shape, Timing trainStep, Timing forward, int iterations, int repeats,
                         int processors, Reference torch) {

        /** @return the table printed by {@code sdzoo bench} */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%s (%s), %d repeats x %d iterations after %d warm-up,"
                    + " %d processors%n", example, shape, repeats, iterations, iterations, processors));
            s.append(String.format("%-12s %12s %12s %12s %14s %10s%n", "", "median ms", "min ms", "max ms",
                    "PyTorch ms", "ratio"));
            row(s, "train step", trainStep, torch.trainStepMs());
            row(s, "forward", forward, torch.forwardMs());
            s.append("PyTorch 1.13: ").append(torch.source()).append("; ratio = sdzoo / PyTorch (goal <= 1.0)\n");
            return s.toString();
        }

        private static void row(StringBuilder s, String name, Timing t, double torch) {
            s.append(String.format("%-12s %12.4f %12.4f %12.4f %14.3f %10.2f%n", name, t.medianMs(), t.minMs(),
                    t.maxMs(), torch, t.medianMs() / torch));
        }

        /** @return the numbers for {@code bench.json} */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("example", example);
            m.put("shape", shape);
            m.put("train_step_ms", trainStep.json());
            m.put("forward_ms", forward.json());
            m.put("torch_train_step_ms", torch.trainStepMs());
            m.put("torch_forward_ms", torch.forwardMs());
            m.put("torch_source", torch.source());
            m.put("ratio_train_step", trainStep.medianMs() / torch.trainStepMs());
            m.put("ratio_forward", forward.medianMs() / torch.forwardMs());
            m.put("iterations", iterations);
            m.put("repeats", repeats);
            m.put("processors", processors);
            return m;
        }
    }

    /**
     * Warms up with {@code iterations} steps, times {@code repeats} runs of {@code iterations}
     * steps, then the same for the forward pass; then, with {@code measureTorch}, PyTorch.
     *
     * @throws IllegalArgumentException when the example has no benchmark
     */
    public static Result run(Example<?> example, long seed, int iterations, int repeats, boolean measureTorch)
            throws IOException {
        BenchSpec spec = example.bench(seed).orElseThrow(() -> new IllegalArgumentException(example.name()
                + " has no benchmark: the examples with one are " + Examples.all().stream()
                .filter(BenchDriver::hasBench).map(Example::name).toList()));
        ZooModel model = spec.model();
        TrainingSession session = Trainer.builder().config(example.trainerDefaults().toBuilder().seed(seed).build())
                .build().session(model, example.task());
        Map<String, INDArray> inputs = inputs(model, spec.batch().getFeatures());
        Timing train = QuietSameDiff.run(() -> time(() -> session.step(spec.batch()), iterations, repeats));
        Timing forward = time(() -> model.predict(inputs), iterations, repeats);
        BenchSpec.TorchBench t = spec.torch();
        Reference recorded = new Reference(t.recordedTrainMs(), t.recordedForwardMs(),
                "recorded on the development machine (" + t.recordedNote() + "; install python3-torch to measure here)");
        List<String> args = new ArrayList<>(t.args());
        args.addAll(List.of(Integer.toString(iterations), Integer.toString(repeats)));
        Reference torch = !measureTorch ? recorded : TorchReference.run(t.script(), args, 600)
                .map(json -> new Reference(json.get(t.trainKey()).asDouble(), json.get(t.forwardKey()).asDouble(),
                        "measured now on this machine, same shapes"))
                .orElse(recorded);
        return new Result(example.name(), spec.shape(), train, forward, iterations, repeats,
                Runtime.getRuntime().availableProcessors(), torch);
    }

    private static boolean hasBench(Example<?> e) {
        try {
            return e.bench(0).isPresent();
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /** The batch's features by input name: required inputs, then optional ones, in order. */
    private static Map<String, INDArray> inputs(ZooModel model, INDArray[] features) {
        List<TensorSpec> specs = new ArrayList<>(model.inputs());
        specs.addAll(model.optionalInputs());
        Map<String, INDArray> inputs = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            inputs.put(specs.get(i).name(), features[i]);
        }
        return inputs;
    }

    /** @return the median over {@code repeats} of the mean ms per call of {@code work}, after {@code iterations} warm-up calls */
    public static Timing time(Runnable work, int iterations, int repeats) {
        // SameDiff's Java-side bookkeeping dominates tiny steps: the JIT needs warm-up before times settle.
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
