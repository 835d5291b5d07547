package org.sdzoo.examples.cli;

import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.Experiments;
import org.sdzoo.examples.SuiteRunner;
import org.sdzoo.examples.Suites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sdzoo reproduce NAME}: an example's published protocol, mean ± std beside the published figure. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Run an example's published protocol (its number of seeds or folds), print the mean and"
                + " standard deviation beside the published figure, and write every run's value to result.json.",
        footer = "%nExamples: sdzoo reproduce kernel-regression --out runs/nw-10-seeds%n"
                + "          sdzoo reproduce gcn-planetoid --runs 2 --epochs 50")
final class ReproduceCommand extends SdzooCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The example (see 'sdzoo list'), or a suite of examples: gcn-planetoid.")
    String name;

    @Option(names = "--runs", paramLabel = "N", description = "Run N seeds (episodes, for an experiment such as"
            + " hitmac) instead of the protocol's number.")
    Integer runs;

    @Mixin
    CommonOptions common;

    @Mixin
    ConfigOption config;

    @Override
    int execute() throws Exception {
        var experiment = Experiments.find(name);
        if (experiment.isPresent()) {
            print(experiment.get().reproduce(common.request(null, config.file), runs));
            return 0;
        }
        var suite = Suites.find(name);
        var outcome = suite.isPresent() ? SuiteRunner.reproduce(suite.get(), common.request(null, config.file), runs)
                : ExampleRunner.reproduce(Examples.get(name), common.request(null, config.file), runs);
        print(outcome.text());
        return 0;
    }
}
