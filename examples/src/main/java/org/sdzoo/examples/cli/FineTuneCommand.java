package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sdzoo fine-tune --model m.sdz --data FILE ...}: trains a saved model further with its example's settings. */
@Command(name = "fine-tune", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Train a saved model further on your data, with the trainer settings of the example that"
                + " trains its architecture.",
        footer = "%nExample: sdzoo fine-tune --model runs/nw/model.sdz --data new.csv --x x --y y --out runs/ft")
final class FineTuneCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz", description = "The model archive to start from.")
    Path model;

    @Mixin
    CommonOptions common;

    @Override
    int execute() throws Exception {
        ExampleRunner.requireFile(model, "--model", "a .sdz model archive");
        ZooModel loaded = ModelArchive.load(model);
        print(ExampleRunner.fineTune(Examples.forArchitecture(loaded.config().architecture()), model, loaded,
                common.request(null, null)).text());
        return 0;
    }
}
