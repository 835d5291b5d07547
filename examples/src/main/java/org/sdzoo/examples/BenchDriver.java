package org.sdzoo.examples;

import com.fasterxml.jackson.databind.JsonNode;
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
     * How long to time: {@code repeats} repeats of a number of iterations each, after as many
     * warm-up iterations. With {@code repeatSeconds > 0} the number is chosen so that a repeat
     * takes about that long (at least 1, at most {@code iterations}), from the time of one step
     * after a first one: a 1 ms step and a 1 s step can then share one command.
     */
    public record Budget(int iterations, int repeats, double repeatSeconds) {
        public Budget {
            if (iterations < 1 || repeats < 1) {
                throw new IllegalArgumentException("--iterations and --repeats must be at least 1 (got " + iterations
                        + " and " + repeats + ")");
            }
            if (!(repeatSeconds >= 0)) {
                throw new IllegalArgumentException("--seconds must be 0 or more (got " + repeatSeconds
                        + ")");
            }
        }

        /** @return exactly {@code iterations} per repeat */
        public static Budget fixed(int iterations, int repeats) {
            return new Budget(iterations, repeats, 0);
        }

        int iterationsFor(double stepMs) {
            if (repeatSeconds == 0) {
                return iterations;
            }
            return (int) Math.max(1, Math.min(iterations, Math.ceil(repeatSeconds * 1000 / Math.max(stepMs, 1e-6))));
        }
    }

    /**
     * Median, min and max over the repeats of the mean time per iteration.
     *
     * @param repeatsMs the mean ms per iteration of each repeat
     */
    public record Timing(double medianMs, double minMs, double maxMs, double[] repeatsMs) {
        /** @return the median, min and max of {@code repeatsMs} (not empty) */
        public static Timing of(double[] repeatsMs) {
            double[] sorted = repeatsMs.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Timing(median, sorted[0], sorted[n - 1], repeatsMs.clone());
        }

        /** @return a median known without its repeats: no spread */
        public static Timing medianOnly(double medianMs) {
            return new Timing(medianMs, medianMs, medianMs, new double[] {medianMs});
        }

        /** @return {@code median (min-max)}, or the median alone when there is no spread */
        public String text() {
            return repeatsMs.length < 2 ? String.format("%.4g", medianMs)
                    : String.format("%.4g (%.4g-%.4g)", medianMs, minMs, maxMs);
        }

        Map<String, Object> json() {
            return new LinkedHashMap<>(Map.of("median", medianMs, "min", minMs, "max", maxMs, "repeats", repeatsMs));
        }
    }

    /**
     * PyTorch's timings to compare with.
     *
     * @param measured whether they were measured now on this machine (else recorded earlier)
     * @param source   how they were obtained
     */
    public record Reference(Timing trainStep, Timing forward, boolean measured, String source) {

        /** @return the medians recorded on the development machine, when PyTorch cannot be run now */
        static Reference recorded(BenchSpec.TorchBench t, String why) {
            return new Reference(Timing.medianOnly(t.recordedTrainMs()), Timing.medianOnly(t.recordedForwardMs()),
                    false, "recorded on the development machine (" + t.recordedNote() + "; " + why + ")");
        }

        /** @return the timings in a script's JSON: the medians, and the repeats where it gives them */
        static Reference parse(BenchSpec.TorchBench t, JsonNode json) {
            return new Reference(timing(json, t.trainKey()), timing(json, t.forwardKey()), true,
                    "measured now on this machine, same shapes");
        }

        private static Timing timing(JsonNode json, String key) {
            JsonNode median = json.get(key);
            if (median == null || !median.isNumber()) {
                throw new IllegalStateException("the PyTorch script's JSON has no number '" + key + "': " + json);
            }
            JsonNode repeats = json.get(key + BenchSpec.TorchBench.REPEATS_SUFFIX);
            if (repeats == null || !repeats.isArray() || repeats.isEmpty()) {
                return Timing.medianOnly(median.asDouble());
            }
            double[] ms = new double[repeats.size()];
            for (int i = 0; i < ms.length; i++) {
                ms[i] = repeats.get(i).asDouble();
            }
            Timing t = Timing.of(ms);
            return new Timing(median.asDouble(), t.minMs(), t.maxMs(), ms);
        }
    }

    /** The measured timings of one example, with PyTorch's beside them. */
    public record Result(String example, String shape, Timing trainStep, Timing forward, int iterations, int repeats,
                         int processors, Reference torch) {

        /** @return sdzoo's training-step median over PyTorch's */
        public double trainRatio() {
            return trainStep.medianMs() / torch.trainStep().medianMs();
        }

        /** @return sdzoo's forward median over PyTorch's */
        public double forwardRatio() {
            return forward.medianMs() / torch.forward().medianMs();
        }

        /** @return the table printed by {@code sdzoo bench} */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%s (%s), %d repeats x %d iterations after %d warm-up,"
                    + " %d processors%n", example, shape, repeats, iterations, iterations, processors));
            s.append(String.format("%-12s %12s %12s %12s %14s %10s%n", "", "median ms", "min ms", "max ms",
                    "PyTorch ms", "ratio"));
            row(s, "train step", trainStep, torch.trainStep().medianMs());
            row(s, "forward", forward, torch.forward().medianMs());
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
            m.put("torch_train_step_ms", torch.trainStep().medianMs());
            m.put("torch_forward_ms", torch.forward().medianMs());
            m.put("torch_measured_now", torch.measured());
            m.put("torch_source", torch.source());
            m.put("ratio_train_step", trainRatio());
            m.put("ratio_forward", forwardRatio());
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
        return run(example, seed, Budget.fixed(iterations, repeats), measureTorch);
    }

    /**
     * Times the example within {@code budget}, then, with {@code measureTorch}, PyTorch with the
     * same number of iterations and repeats.
     *
     * @throws IllegalArgumentException when the example has no benchmark
     */
    public static Result run(Example<?> example, long seed, Budget budget, boolean measureTorch) throws IOException {
        BenchSpec spec = example.bench(seed).orElseThrow(() -> new IllegalArgumentException(example.name()
                + " has no benchmark: the examples with one are " + Examples.all().stream()
                .filter(BenchDriver::hasBench).map(Example::name).toList()));
        return run(example, spec, seed, budget, measureTorch);
    }

    /** Times {@code spec}, the benchmark {@code example} declared for {@code seed}, as {@link #run}. */
    public static Result run(Example<?> example, BenchSpec spec, long seed, Budget budget, boolean measureTorch)
            throws IOException {
        ZooModel model = spec.model();
        TrainingSession session = Trainer.builder().config(example.trainerDefaults().toBuilder().seed(seed).build())
                .build().session(model, example.task());
        Map<String, INDArray> inputs = inputs(model, spec.batch().getFeatures());
        Runnable trainStep = () -> session.step(spec.batch());
        int iterations = QuietSameDiff.run(() -> budget.iterationsFor(secondStepMs(trainStep)));
        int repeats = budget.repeats();
        Timing train = QuietSameDiff.run(() -> time(trainStep, iterations, repeats));
        Timing forward = time(() -> model.predict(inputs), iterations, repeats);
        Reference torch = torch(spec.torch(), iterations, repeats, measureTorch);
        return new Result(example.name(), spec.shape(), train, forward, iterations, repeats,
                Runtime.getRuntime().availableProcessors(), torch);
    }

    private static Reference torch(BenchSpec.TorchBench t, int iterations, int repeats, boolean measure)
            throws IOException {
        if (!measure) {
            return Reference.recorded(t, "not run now: --no-torch");
        }
        TorchReference.Outcome outcome = TorchReference.measure(t.script(),
                List.of(Integer.toString(iterations), Integer.toString(repeats)), 3600);
        return outcome.json().map(json -> Reference.parse(t, json))
                .orElseGet(() -> Reference.recorded(t, "not measured now: " + outcome.reason()));
    }

    /** @return whether {@code e} declares a benchmark its data allows now */
    public static boolean hasBench(Example<?> e) {
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

    /** The first step builds the gradient graph: the second says what a step costs. */
    private static double secondStepMs(Runnable work) {
        work.run();
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static Timing time(Runnable work, int iterations, int repeats) {
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
