package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.examples.BenchDriver;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sdzoo bench NAME [--iterations N] [--repeats R] [--out DIR]}. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Time an example's training step and forward pass, and print the medians beside PyTorch's"
                + " on the same shapes (run now when python3-torch is installed, else as recorded).",
        footer = "%nExample: sdzoo bench kernel-regression --iterations 1000 --repeats 5")
final class BenchCommand extends SdzooCommand {

    /** Below this many iterations per repeat, timer and JIT noise dominate the medians. */
    static final int FEW_ITERATIONS = 100;

    @Parameters(index = "0", paramLabel = "NAME", description = "The example to time (see 'sdzoo list').")
    String name;

    @Option(names = "--iterations", defaultValue = "1000", paramLabel = "N",
            description = "Iterations per timed repeat, and as many warm-up iterations first (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "R",
            description = "Timed repeats; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of the benchmark's data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-torch", description = "Do not run PyTorch now; compare with the medians recorded earlier.")
    boolean noTorch;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the timings to DIR/bench.json.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier bench.json in --out.")
    boolean overwrite;

    @Override
    int execute() throws Exception {
        if (iterations < 1 || repeats < 1) {
            throw new IllegalArgumentException("--iterations and --repeats must be at least 1 (got " + iterations
                    + " and " + repeats + ")");
        }
        if (out != null) {
            RunDirectory.check(RunDirectory.resolve(out, "bench"), false, overwrite || !hasBench(out));
        }
        var result = BenchDriver.run(Examples.get(name), seed, iterations, repeats, !noTorch);
        StringBuilder s = new StringBuilder(result.table());
        if (iterations < FEW_ITERATIONS) {
            s.append(warning(iterations));
        }
        if (out != null) {
            RunDirectory.create(out, false, overwrite || !hasBench(out));
            Path file = out.resolve("bench.json");
            ResultTable.writeJson(file, result.json());
            s.append("wrote ").append(file).append('\n');
        }
        print(s.toString());
        return 0;
    }

    static String warning(int iterations) {
        return "warning: " + iterations + " iteration" + (iterations == 1 ? "" : "s") + " per repeat is too few: the"
                + " times are mostly timer and JIT noise and the ratios mean nothing; use --iterations "
                + FEW_ITERATIONS * 10 + " or more\n";
    }

    private static boolean hasBench(Path dir) {
        return java.nio.file.Files.exists(dir.resolve("bench.json"));
    }
}
