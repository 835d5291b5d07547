package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.ExampleResult;
import org.sdzoo.examples.TrainRequest;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sdzoo fine-tune --model m.sdz --data f.csv --x … --y … [--epochs --lr --out]}. */
@Command(name = "fine-tune", description = "Train a saved model further on new CSV data, with its example's"
        + " trainer settings.")
final class FineTuneCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz", description = "the model archive")
    Path model;

    @Mixin
    CommonOptions common;

    @Mixin
    CsvDataOptions csv;

    @Mixin
    TrainingOptions training;

    @Override
    int execute() throws Exception {
        if (common.config != null) {
            throw usage("fine-tune keeps the saved model's config: --config cannot change it");
        }
        if (csv.data == null) {
            throw usage("fine-tune needs the new data: --data file.csv --x ... --y ...");
        }
        ZooModel loaded = ModelArchive.read(model).model();
        TrainRequest request = new TrainRequest(common.out, common.seed, training.epochs, training.learningRate,
                training.maxSteps, common.resolvedDataDir(), null, csv.data, csv.xColumns(),
                csv.y, training.quiet, null);
        ExampleResult result = Examples.forArchitecture(loaded.config().architecture()).fineTune(loaded, request);
        print(result.table());
        return 0;
    }
}
