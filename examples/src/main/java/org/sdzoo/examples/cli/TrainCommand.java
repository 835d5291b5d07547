package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleResult;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.TrainRequest;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sdzoo train <example|architecture>}: runs an example, on its own data or on {@code --data}. */
@Command(name = "train", description = "Train an example, or an architecture on your CSV data (--data).")
final class TrainCommand extends SdzooCommand {

    @Parameters(index = "0", paramLabel = "<example|architecture>", description = "see 'sdzoo list'")
    String name;

    @Mixin
    CommonOptions common;

    @Mixin
    CsvDataOptions csv;

    @Mixin
    TrainingOptions training;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "continue an interrupted run from its checkpoints/last.sdz (same data and seed)")
    Path resume;

    @Override
    int execute() throws Exception {
        Example example = resolve(name);
        TrainRequest request = new TrainRequest(common.out, common.seed, training.epochs, training.learningRate,
                training.maxSteps, common.resolvedDataDir(), common.config, csv.data, csv.xColumns(),
                csv.y, training.quiet, resume);
        ExampleResult result = example.train(request);
        print(result.table());
        return 0;
    }

    /** An example by name, else the example that trains the architecture of that name. */
    static Example resolve(String name) {
        var example = Examples.find(name);
        if (example.isPresent()) {
            return example.get();
        }
        List<String> architectures = Architectures.all().stream().map(Architecture::name).toList();
        if (architectures.contains(name)) {
            return Examples.forArchitecture(name);
        }
        throw new IllegalArgumentException("unknown example or architecture '" + name + "': the examples are "
                + Examples.all().stream().map(Example::name).toList() + " and the architectures " + architectures
                + " (see 'sdzoo list')");
    }
}
