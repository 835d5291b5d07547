package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.gcn.GcnGraphExample;
import org.sdzoo.zoo.Architectures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sdzoo train <example|architecture>}: runs an example, on its own data or on {@code --data}. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Train an example on its own data, or an architecture on your data with --data.",
        footer = {"%nExamples:", "  sdzoo train kernel-regression --out runs/nw",
            "  sdzoo train gcn --data-dir my-graph --out runs/g",
            "%nsdzoo train gcn reads a graph of your own: " + GcnGraphExample.FORMAT + ".",
            "'sdzoo list' shows the data every example accepts."})
final class TrainCommand extends SdzooCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "An example or an architecture (see 'sdzoo list').")
    String name;

    @Mixin
    CommonOptions common;

    @Mixin
    ConfigOption config;

    @Option(names = "--resume", paramLabel = "FILE.sdz",
            description = "Continue an interrupted run from its checkpoints/last.sdz, with the same --seed and --data.")
    Path resume;

    @Override
    int execute() throws Exception {
        print(ExampleRunner.train(resolve(name), common.request(resume, config.file)).text());
        return 0;
    }

    /** An example by name, else the example that trains the architecture of that name. */
    static Example<?> resolve(String name) {
        var example = Examples.find(name);
        if (example.isPresent()) {
            return example.get();
        }
        if (Architectures.names().contains(name)) {
            return Examples.forArchitecture(name);
        }
        throw new IllegalArgumentException("unknown example or architecture '" + name + "': the examples are "
                + Examples.names() + " and the architectures " + Architectures.names() + " (see 'sdzoo list')");
    }
}
