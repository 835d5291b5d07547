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

        public Map<String, Object> json() {
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

        /** @return the example's name, with the variant's in brackets when it has several */
        public String label() {
            return variant.isEmpty() ? example : example + "[" + variant + "]";
        }

        /** @return sdzoo's training-step median over PyTorch's */
        public double trainRatio() {
            return torch == null ? Double.NaN : trainStep.medianMs() / torch.trainStep().medianMs();
        }

        /** @return sdzoo's forward median over PyTorch's */
        public double forwardRatio() {
            return torch == null ? Double.NaN : forward.medianMs() / torch.forward().medianMs();
        }

        /** @return the table printed by {@code sdzoo bench} */
        public String table() {
            StringBuilder s = new StringBuilder(String.format("%s%s (%s), %d repeats x %d iterations after %d warm-up,"
                    + " %d processors%n", example, variant.isEmpty() ? "" : " [" + variant + "]", shape, repeats,
                    iterations, iterations, processors));
            s.append(String.format("%-12s %12s %12s %12s %14s %10s%n", "", "median ms", "min ms", "max ms",
                    "PyTorch ms", "ratio"));
            if (torch != null) {
                row(s, "train step", trainStep, torch.trainStep().medianMs());
                row(s, "forward", forward, torch.forward().medianMs());
                s.append("PyTorch 1.13: ").append(torch.source()).append("; ratio = sdzoo / PyTorch (goal <= 1.0)\n");
            } else {
                row(s, "train step", trainStep, Double.NaN);
                row(s, "forward", forward, Double.NaN);
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
                m.put("torch_train_step_ms", torch.trainStep().medianMs());
                m.put("torch_forward_ms", torch.forward().medianMs());
                m.put("torch_measured_now", torch.measured());
                m.put("torch_source", torch.source());
                m.put("ratio_train_step", trainRatio());
                m.put("ratio_forward", forwardRatio());
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
        return run(example, seed, Budget.fixed(iterations, repeats), measureTorch, List.of());
    }

    /**
     * Times the example's benchmark variants within {@code budget} (only those named in {@code only},
     * all when it is empty: e.g. a large one alone in a fresh process so that its peak memory is its
     * own), then, with {@code measureTorch}, PyTorch with the same number of iterations and repeats.
     *
     * @throws IllegalArgumentException when the example has no benchmark, or a name is not one of its variants
     */
    public static List<Result> run(Example<?> example, long seed, Budget budget, boolean measureTorch,
                                   List<String> only) throws IOException {
        BenchSpec spec = example.bench(seed).orElseThrow(() -> new IllegalArgumentException(example.name()
                + " has no benchmark: the examples with one are " + Examples.all().stream()
                .filter(BenchDriver::hasBench).map(Example::name).toList()));
        return run(example, spec, seed, budget, measureTorch, only);
    }

    /** Times {@code spec}, the benchmark {@code example} declared for {@code seed}, as {@link #run}. */
    public static List<Result> run(Example<?> example, BenchSpec spec, long seed, Budget budget, boolean measureTorch,
                                   List<String> only) throws IOException {
        List<BenchSpec.Variant> chosen = spec.chosen(example.name(), only);
        // variants sharing one script run (gcn-cora's forms) each read their own keys from its output
        Map<String, TorchReference.Outcome> torchRuns = new HashMap<>();
        List<Result> results = new ArrayList<>();
        for (BenchSpec.Variant v : chosen) {
            PeakMemory.reset();
            BenchSpec.Subject subject = v.subject().get();
            ZooModel model = subject.model();
            TrainingSession session = Trainer.builder().config(example.trainerDefaults().toBuilder().seed(seed).build())
                    .build().session(model, example.task());
            Map<String, INDArray> inputs = inputs(model, subject.batch().getFeatures());
            Runnable trainStep = () -> session.step(subject.batch());
            int iterations = v.iterations() > 0 ? v.iterations()
                    : QuietSameDiff.run(() -> budget.iterationsFor(secondStepMs(trainStep)));
            int repeats = budget.repeats();
            Timing train = QuietSameDiff.run(() -> time(trainStep, iterations, repeats));
            Timing forward = time(() -> model.predict(inputs), iterations, repeats);
            double peak = PeakMemory.megabytes();
            BenchSpec.TorchBench t = v.torch();
            Reference torch = null;
            if (t != null) {
                String key = t.script() + " " + t.args() + " " + iterations + " " + repeats;
                if (measureTorch) {
                    TorchReference.Outcome outcome = torchRuns.get(key);
                    if (outcome == null) {
                        outcome = measure(t, iterations, repeats);
                        torchRuns.put(key, outcome);
                    }
                    torch = reference(t, outcome);
                } else {
                    torch = Reference.recorded(t, "not run now: --no-torch");
                }
            }
            results.add(new Result(example.name(), v.name(), v.shape(), train, forward, iterations, repeats,
                    Runtime.getRuntime().availableProcessors(), torch, peak));
        }
        return results;
    }

    private static TorchReference.Outcome measure(BenchSpec.TorchBench t, int iterations, int repeats)
            throws IOException {
        List<String> args = new ArrayList<>(t.args());
        args.addAll(List.of(Integer.toString(iterations), Integer.toString(repeats)));
        return TorchReference.measure(t.script(), args, 3600);
    }

    /** @return {@code t}'s medians from a script's output (read with {@code t}'s own keys), else its recorded ones */
    static Reference reference(BenchSpec.TorchBench t, TorchReference.Outcome outcome) {
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

    /**
     * How long {@link #timeAfterJitWarmUp} warms up at least: the JIT compiles the plan's Java kernels (vector
     * loops run as slow interpreted code until C2 has them) over the first several thousand calls,
     * and a sub-millisecond call would otherwise be timed while it still does. HiT-MAC's
     * coordinator at batch 1, 1,000-call repeats in one JVM: 0.34-0.50 ms for the first repeats
     * after 3 s (3,600 calls) of warm-up, 0.29-0.30 ms from about 9,000 calls on; 0.42 ms after
     * 1,000 warm-up calls. PyTorch's scripts warm up as long.
     */
    public static final double WARM_UP_SECONDS = 3;
    /** ... and at least this many calls, unless they take more than {@link #WARM_UP_MAX_SECONDS} */
    public static final int WARM_UP_CALLS = 10_000;
    public static final double WARM_UP_MAX_SECONDS = 20;

    /** @return the median over {@code repeats} of the mean ms per call of {@code work}, after {@code iterations} warm-up calls */
    public static Timing time(Runnable work, int iterations, int repeats) {
        for (int i = 0; i < iterations; i++) {
            work.run();
        }
        return timeRepeats(work, iterations, repeats);
    }

    /**
     * {@link #time} for sub-millisecond calls: the warm-up goes on until at least
     * {@value #WARM_UP_SECONDS} s and {@value #WARM_UP_CALLS} calls (or {@value #WARM_UP_MAX_SECONDS} s)
     * have passed as well.
     */
    public static Timing timeAfterJitWarmUp(Runnable work, int iterations, int repeats) {
        long warmUpStart = System.nanoTime();
        long minEnd = warmUpStart + (long) (WARM_UP_SECONDS * 1e9);
        long maxEnd = warmUpStart + (long) (WARM_UP_MAX_SECONDS * 1e9);
        for (int i = 0; ; i++) {
            long now = System.nanoTime();
            if (i >= iterations && now >= minEnd && (i >= WARM_UP_CALLS || now >= maxEnd)) {
                break;
            }
            work.run();
        }
        return timeRepeats(work, iterations, repeats);
    }

    /** @return the median over {@code repeats} timed now of the mean ms per call, the caller having warmed up */
    private static Timing timeRepeats(Runnable work, int iterations, int repeats) {
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
