package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.examples.BenchDriver;
import org.sdzoo.examples.BenchSpec;
import org.sdzoo.examples.BenchSuite;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.Experiments;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.examples.TorchReference;
import org.sdzoo.zoo.train.MemorySoak;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sdzoo bench NAME [--iterations N] [--repeats R] [--out DIR]}, {@code sdzoo bench --all
 * [--seconds S] [--out DIR]} for one table of every example with a benchmark, {@code sdzoo bench
 * FAMILY} (e.g. {@code tcn}, {@code gcn}) for the same table over the examples named {@code FAMILY-*}, or
 * {@code sdzoo bench NAME --soak [--soak-steps N]} for memory over many training steps.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = {"Time an example's training step and forward pass, and print the medians beside PyTorch's"
                + " on the same shapes (run now when python3-torch is installed, else as recorded).",
                "With --all: one table of every example that declares a benchmark, sdzoo and PyTorch side by side"
                + " in this one launch, medians with min-max and the ratio per row; --out DIR writes it to"
                + " DIR/result.json. Examples whose data is missing are listed as skipped.",
                "With a family's name (tcn, gcn, ...): the same table over the examples named FAMILY-* that"
                + " declare a benchmark."},
        footer = {"%nExamples:", "  sdzoo bench kernel-regression --iterations 1000 --repeats 5",
                "  sdzoo bench gcn-cora --iterations 50 --repeats 5 --variant dense --variant edge-list"
                        + " --variant edge-list+csr", "  sdzoo bench gcn-cora --variant large --repeats 3",
                "  sdzoo bench --all --seconds 2 --out bench-results",
                "  sdzoo bench tcn --seconds 5",
                "%nTimes depend on the machine's load: measure on a quiet machine. Where the time goes: run with"
                        + " JAVA_TOOL_OPTIONS=-Dsdzoo.plan.profile=steps (or =true, per op kind) and one example's"
                        + " bench ends with the costliest ops inside the execution plans."})
final class BenchCommand extends SdzooCommand {

    /** Below this many iterations per repeat, timer and JIT noise dominate the medians. */
    static final int FEW_ITERATIONS = 100;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "The example to time (see 'sdzoo list'), or a family of them (tcn, gcn, ...); omit with"
                    + " --all.")
    String name;

    @Option(names = "--all", description = "Time every example that declares a benchmark, in one table.")
    boolean all;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
            description = "With --all or a family: iterations per repeat are chosen so that a repeat takes about S seconds,"
                    + " at most --iterations; 0 for exactly --iterations (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "Iterations per timed repeat, and as many warm-up iterations first (hitmac: also at"
                    + " least 3 s and 10,000 calls, or 20 s, for the JIT); with --all the most"
                    + " per repeat (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "R",
            description = "Timed repeats; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the benchmark's data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--variant", paramLabel = "NAME", description = "Time only this variant of the example's"
            + " benchmark (repeatable; default: all, e.g. gcn-cora's dense, edge-list, edge-list+csr and large).")
    java.util.List<String> variants;

    @Option(names = "--no-torch", description = "Do not run PyTorch now; compare with the medians recorded earlier.")
    boolean noTorch;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write the timings to DIR/bench.json (with --all: DIR/result.json).")
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier bench.json or result.json in --out.")
    boolean overwrite;

    @Option(names = "--soak", description = "Instead of timing, run --soak-steps training steps and print the heap,"
            + " JavaCPP's physical and off-heap bytes after a warm-up of 1000 steps and at the end (goal: flat"
            + " within 5%%).")
    boolean soak;

    @Option(names = "--soak-steps", defaultValue = "10000", paramLabel = "N",
            description = "Training steps of --soak after its warm-up (default: ${DEFAULT-VALUE}).")
    int soakSteps;

    /** Rows of the plan profile printed after a bench run with {@code -Dsdzoo.plan.profile}. */
    private static final int PROFILE_ROWS = 25;

    @Override
    int execute() throws Exception {
        if (all == (name != null)) {
            throw new IllegalArgumentException(all ? "give either an example's NAME or --all, not both"
                    : "name the example to time (see 'sdzoo list'), or give --all");
        }
        if (soak) {
            if (all) {
                throw new IllegalArgumentException("--soak runs one example: name it instead of --all");
            }
            print(soak(Examples.get(name), seed).table());
            return 0;
        }
        if (iterations < 1 || repeats < 1) {
            throw new IllegalArgumentException("--iterations and --repeats must be at least 1 (got " + iterations
                    + " and " + repeats + ")");
        }
        String blas = noTorch ? "" : TorchReference.blasWarning().map(w -> "warning: " + w + "\n").orElse("");
        if (!all) {
            var experiment = Experiments.find(name);
            if (experiment.isPresent()) {
                print(experiment.get().bench(iterations, repeats, !noTorch, out) + profile() + blas);
                return 0;
            }
        }
        List<Example<?>> family = all ? Examples.all() : family(name);
        boolean table = all || !family.isEmpty();
        String file = table ? "result.json" : "bench.json";
        var budget = table ? new BenchDriver.Budget(iterations, repeats, seconds)
                : BenchDriver.Budget.fixed(iterations, repeats);
        if (out != null) {
            RunDirectory.check(RunDirectory.resolve(out, "bench"), false, overwrite || !has(out, file));
        }
        StringBuilder s = new StringBuilder();
        java.util.Map<String, Object> json;
        if (table) {
            var suite = BenchSuite.run(family, seed, budget, !noTorch);
            s.append(suite.table());
            json = suite.json();
        } else {
            var results = BenchDriver.run(Examples.get(name), seed, budget, !noTorch,
                    variants == null ? java.util.List.of() : variants);
            results.forEach(r -> s.append(r.table()));
            s.append(profile());
            if (iterations < FEW_ITERATIONS) {
                s.append(warning(iterations));
            }
            // one variant: its numbers at the top level, as before; several: a list under "variants"
            json = results.size() == 1 ? results.get(0).json()
                    : new java.util.LinkedHashMap<>(java.util.Map.of("example", name, "variants",
                            results.stream().map(BenchDriver.Result::json).toList()));
        }
        s.append(blas);
        if (!blas.isEmpty()) {
            json.put("torch_reference_blas_warning", blas.strip());
        }
        if (out != null) {
            RunDirectory.create(out, false, overwrite || !has(out, file));
            Path written = out.resolve(file);
            ResultTable.writeJson(written, json);
            s.append("wrote ").append(written).append('\n');
        }
        print(s.toString());
        return 0;
    }

    /**
     * @return the examples named {@code name-*} that declare a benchmark, when {@code name} itself is not
     *         an example with one (so {@code bench tcn} times the TCN's rows, {@code bench gcn} the GCN's)
     */
    static List<Example<?>> family(String name) {
        if (Examples.find(name).filter(BenchDriver::hasBench).isPresent()) {
            return List.of();
        }
        return Examples.all().stream().filter(e -> e.name().startsWith(name + "-")).filter(BenchDriver::hasBench)
                .toList();
    }

    /** @return the plan profile's table when the JVM runs with it on, else nothing */
    private static String profile() {
        return org.sdzoo.zoo.plan.PlanProfile.enabled() ? org.sdzoo.zoo.plan.PlanProfile.drainTable(PROFILE_ROWS) : "";
    }

    static String warning(int iterations) {
        return "warning: " + iterations + " iteration" + (iterations == 1 ? "" : "s") + " per repeat is too few: the"
                + " times are mostly timer and JIT noise and the ratios mean nothing; use --iterations "
                + FEW_ITERATIONS * 10 + " or more\n";
    }

    private static boolean has(Path dir, String file) {
        return java.nio.file.Files.exists(dir.resolve(file));
    }

    /**
     * The example's bench step, 100 copies of its batch an epoch so that the trainer's history (a
     * record an epoch) stays small beside what a step could leak.
     */
    private MemorySoak.Result soak(Example<?> example, long seed) throws java.io.IOException {
        if (soakSteps < 1) {
            throw new IllegalArgumentException("--soak-steps must be at least 1 (got " + soakSteps + ")");
        }
        BenchSpec spec = example.bench(seed).orElseThrow(() -> new IllegalArgumentException("'" + name
                + "' declares no benchmark, so it has no step to soak: see 'sdzoo list'"));
        BenchSpec.Subject subject = spec.chosen(name, variants == null ? java.util.List.of() : variants).get(0)
                .subject().get();
        MultiDataSet batch = subject.batch();
        org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator epoch;
        if (sameFirstDimension(batch)) {
            int copies = 100;
            epoch = new ArrayMultiDataSetIterator(repeat(batch.getFeatures(), copies),
                    repeat(batch.getLabels(), copies), (int) batch.getFeatures(0).size(0), false, seed);
        } else {
            // a graph's node rows, edge lists and masks differ in length: an epoch is the batch itself
            epoch = new org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator(batch);
        }
        return MemorySoak.run(subject.model(), example.task(), epoch, example.trainerDefaults(), 1000, soakSteps);
    }

    private static boolean sameFirstDimension(MultiDataSet batch) {
        long rows = batch.getFeatures(0).size(0);
        return java.util.stream.Stream.concat(java.util.Arrays.stream(batch.getFeatures()),
                        batch.getLabels() == null ? java.util.stream.Stream.empty() : java.util.Arrays.stream(batch.getLabels()))
                .allMatch(a -> a != null && a.rank() > 0 && a.size(0) == rows);
    }

    private static INDArray[] repeat(INDArray[] arrays, int copies) {
        INDArray[] repeated = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            repeated[i] = Nd4j.concat(0, Collections.nCopies(copies, arrays[i]).toArray(INDArray[]::new));
        }
        return repeated;
    }
}
