package org.sdzoo.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * The measured timings of one variant of an example, with PyTorch's beside them.
     *
     * @param variant    the variant's name, "" for an example's only benchmark
     * @param torch      PyTorch's medians, or null when the variant has no PyTorch peer
     * @param peakRssMb  the process's peak resident memory while the variant ran (Linux {@code VmHWM},
     *                   reset before it where the kernel allows), or NaN where unknown
     */
    public record Result(String example, String variant, String shape, Timing trainStep, Timing forward,
                         int iterations, int repeats, int processors, Reference torch, double peakRssMb) {

        /** @return the table printed by {@code sdzoo bench} */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%s%s (%s), %d repeats x %d iterations after %d warm-up,"
                    + " %d processors%n", example, variant.isEmpty() ? "" : " [" + variant + "]", shape, repeats,
                    iterations, iterations, processors));
            s.append(String.format("%-12s %12s %12s %12s %14s %10s%n", "", "median ms", "min ms", "max ms",
                    "PyTorch ms", "ratio"));
            row(s, "train step", trainStep, torch == null ? Double.NaN : torch.trainStepMs());
            row(s, "forward", forward, torch == null ? Double.NaN : torch.forwardMs());
            if (torch != null) {
                s.append("PyTorch 1.13: ").append(torch.source()).append("; ratio = sdzoo / PyTorch (goal <= 1.0)\n");
            }
            if (!Double.isNaN(peakRssMb)) {
                s.append(String.format("peak resident memory of the process: %.0f MB%n", peakRssMb));
            }
            return s.toString();
        }

        private static void row(StringBuilder s, String name, Timing t, double torch) {
            s.append(String.format("%-12s %12.4f %12.4f %12.4f %14s %10s%n", name, t.medianMs(), t.minMs(),
                    t.maxMs(), Double.isNaN(torch) ? "-" : String.format("%.3f", torch),
                    Double.isNaN(torch) ? "-" : String.format("%.2f", t.medianMs() / torch)));
        }

        /** @return the numbers for {@code bench.json} */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("example", example);
            if (!variant.isEmpty()) {
                m.put("variant", variant);
            }
            m.put("shape", shape);
            m.put("train_step_ms", trainStep.json());
            m.put("forward_ms", forward.json());
            if (torch != null) {
                m.put("torch_train_step_ms", torch.trainStepMs());
                m.put("torch_forward_ms", torch.forwardMs());
                m.put("torch_source", torch.source());
                m.put("ratio_train_step", trainStep.medianMs() / torch.trainStepMs());
                m.put("ratio_forward", forward.medianMs() / torch.forwardMs());
            }
            if (!Double.isNaN(peakRssMb)) {
                m.put("peak_rss_mb", peakRssMb);
            }
            m.put("iterations", iterations);
            m.put("repeats", repeats);
            m.put("processors", processors);
            return m;
        }
    }

    /**
     * Times every variant of the example's benchmark in order: for each, warms up with
     * {@code iterations} steps (or the variant's own count), times {@code repeats} runs of that
     * many steps, then the same for the forward pass; then, with {@code measureTorch}, PyTorch
     * (each script once per call, however many variants read it).
     *
     * @throws IllegalArgumentException when the example has no benchmark
     */
    public static List<Result> run(Example<?> example, long seed, int iterations, int repeats, boolean measureTorch)
            throws IOException {
        return run(example, seed, iterations, repeats, measureTorch, List.of());
    }

    /**
     * As {@link #run(Example, long, int, int, boolean)}, timing only the variants named in
     * {@code only} (all when it is empty), e.g. a large one alone in a fresh process so that its
     * peak memory is its own.
     *
     * @throws IllegalArgumentException when a name is not one of the example's variants
     */
    public static List<Result> run(Example<?> example, long seed, int iterations, int repeats, boolean measureTorch,
                                   List<String> only) throws IOException {
        BenchSpec spec = example.bench(seed).orElseThrow(() -> new IllegalArgumentException(example.name()
                + " has no benchmark: the examples with one are " + Examples.all().stream()
                .filter(BenchDriver::hasBench).map(Example::name).toList()));
        List<String> names = spec.variants().stream().map(BenchSpec.Variant::name).toList();
        for (String name : only) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--variant " + name + ": " + example.name() + "'s benchmark has the"
                        + " variants " + names);
            }
        }
        Map<String, Optional<JsonNode>> torchRuns = new HashMap<>();
        List<Result> results = new ArrayList<>();
        for (BenchSpec.Variant v : spec.variants()) {
            if (!only.isEmpty() && !only.contains(v.name())) {
                continue;
            }
            int n = v.iterations() > 0 ? v.iterations() : iterations;
            PeakMemory.reset();
            BenchSpec.Subject subject = v.subject().get();
            ZooModel model = subject.model();
            TrainingSession session = Trainer.builder().config(example.trainerDefaults().toBuilder().seed(seed).build())
                    .build().session(model, example.task());
            Map<String, INDArray> inputs = inputs(model, subject.batch().getFeatures());
            Timing train = QuietSameDiff.run(() -> time(() -> session.step(subject.batch()), n, repeats));
            Timing forward = time(() -> model.predict(inputs), n, repeats);
            double peak = PeakMemory.megabytes();
            Reference torch = null;
            BenchSpec.TorchBench t = v.torch();
            if (t != null) {
                Reference recorded = new Reference(t.recordedTrainMs(), t.recordedForwardMs(), "recorded on the"
                        + " development machine (" + t.recordedNote() + "; install python3-torch to measure here)");
                Optional<JsonNode> json = !measureTorch ? Optional.empty() : torchRuns.computeIfAbsent(t.script() + " " + t.args(),
                        key -> runTorch(t, iterations, repeats));
                torch = json.filter(j -> j.has(t.trainKey()) && j.has(t.forwardKey()))
                        .map(j -> new Reference(j.get(t.trainKey()).asDouble(), j.get(t.forwardKey()).asDouble(),
                                "measured now on this machine, same shapes"))
                        .orElse(recorded);
            }
            results.add(new Result(example.name(), v.name(), v.shape(), train, forward, n, repeats,
                    Runtime.getRuntime().availableProcessors(), torch, peak));
        }
        return results;
    }

    private static Optional<JsonNode> runTorch(BenchSpec.TorchBench t, int iterations, int repeats) {
        List<String> args = new ArrayList<>(t.args());
        args.addAll(List.of(Integer.toString(iterations), Integer.toString(repeats)));
        try {
            return TorchReference.run(t.script(), args, 1800);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
