package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.examples.CsvData;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.RunFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.task.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sdzoo evaluate --model m.sdz [--data f.csv --x … --y …] [--out DIR]}. */
@Command(name = "evaluate", description = "Evaluate a saved model on CSV data (a kernel-regression model without"
        + " --data: leave-one-out on its own memory).")
final class EvaluateCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz", description = "the model archive")
    Path model;

    @Mixin
    CsvDataOptions csv;

    @Option(names = "--out", paramLabel = "DIR", description = "write result.json here")
    Path out;

    @Override
    int execute() throws Exception {
        ZooModel loaded = ModelArchive.read(model).model();
        Example example = Examples.forArchitecture(loaded.config().architecture());
        Map<String, Double> metrics;
        String on;
        long rows;
        if (csv.data == null) {
            if (!csv.xColumns().isEmpty() || csv.y != null) {
                throw new IllegalArgumentException("--x and --y name columns of --data, which is missing");
            }
            metrics = example.evaluateWithoutData(loaded);
            on = "its own memory, leave-one-out";
            rows = -1;
        } else {
            CsvData data = CsvData.read(csv.data, csv.xColumns(), csv.y);
            metrics = Evaluator.evaluate(loaded, example.task(),
                    DataIterators.fullBatch(new INDArray[] {data.x()}, new INDArray[] {data.y()}));
            on = data.file().toString();
            rows = data.size();
        }
        StringBuilder s = new StringBuilder("Evaluation of " + model + " on " + on + "\n");
        metrics.forEach((k, v) -> s.append(String.format("  %-8s %.6f%n", k, v)));
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>(metrics);
            if (rows > 0) {
                json.put("examples", rows);
            }
            Path file = out.resolve("result.json");
            RunFiles.writeJson(file, json);
            s.append("wrote ").append(file).append('\n');
        }
        print(s.toString());
        return 0;
    }
}
