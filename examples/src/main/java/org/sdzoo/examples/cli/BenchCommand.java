package org.sdzoo.examples.cli;

import org.sdzoo.examples.RunFiles;
import org.sdzoo.examples.kernelregression.KernelRegressionBench;
import org.sdzoo.examples.kernelregression.KernelRegressionExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sdzoo bench [--model kernel-regression] [--iterations N] [--repeats R] [--out DIR]}. */
@Command(name = "bench", description = "Time training steps and forward passes; print medians beside PyTorch's.")
final class BenchCommand extends SdzooCommand {

    @Option(names = "--model", defaultValue = KernelRegressionExample.NAME, paramLabel = "NAME",
            description = "what to time (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--iterations", defaultValue = "1000",
            description = "iterations per repeat, and warm-up (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5", description = "timed repeats (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--no-torch", description = "do not run PyTorch beside sdzoo; compare with the recorded medians")
    boolean noTorch;

    @Mixin
    CommonOptions common;

    @Override
    int execute() throws Exception {
        if (!KernelRegressionExample.NAME.equals(model)) {
            throw new IllegalArgumentException("no benchmark for '" + model + "': sdzoo bench knows ["
                    + KernelRegressionExample.NAME + "]");
        }
        if (common.config != null) {
            throw usage("bench times the default config: --config is not used");
        }
        var result = KernelRegressionBench.run(iterations, repeats,
                common.seed == null ? KernelRegressionExample.DEFAULT_SEED : common.seed, !noTorch);
        StringBuilder s = new StringBuilder(result.table());
        if (common.out != null) {
            var file = common.out.resolve("bench.json");
            RunFiles.writeJson(file, result.json());
            s.append("wrote ").append(file).append('\n');
        }
        print(s.toString());
        return 0;
    }
}
