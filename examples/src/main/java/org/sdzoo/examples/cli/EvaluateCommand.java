package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sdzoo evaluate --model m.sdz [--data FILE ...] [--out DIR]}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Score a saved model on your data (--data, in a format its example accepts), or on the data"
                + " the model carries when it has some: kernel regression scores leave-one-out on its memory.",
        footer = "%nExample: sdzoo evaluate --model runs/nw/model.sdz --data test.csv --x x --y y")
final class EvaluateCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz", description = "The model archive to score.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the scores to DIR/result.json.")
    Path out;

    @Option(names = "--overwrite", description = "Replace an earlier result in --out.")
    boolean overwrite;

    @Override
    int execute() throws Exception {
        ExampleRunner.requireFile(model, "--model", "a .sdz model archive");
        if (out != null) {
            RunDirectory.check(RunDirectory.resolve(out, "evaluate"), false, overwrite);
        }
        ZooModel loaded = ModelArchive.read(model).model();
        Example<?> example = Examples.forArchitecture(loaded.config().architecture());
        RunRequest request = new RunRequest(null, null, null, null, null, null, data.data, data.x, data.y,
                data.resolvedDataDir(), true, null, false, data.options());
        Map<String, Double> metrics = ExampleRunner.evaluate(example, loaded, request);
        StringBuilder s = new StringBuilder("Evaluation of " + model + " on "
                + (data.data == null ? "the data it carries" : data.data.toString()) + "\n");
        metrics.forEach((k, v) -> s.append(String.format("  %-10s %.6f%n", k, v)));
        if (out != null) {
            RunDirectory.create(out, false, overwrite);
            Map<String, Object> json = new LinkedHashMap<>(metrics);
            json.put("model", model.toString());
            json.put("data", data.data == null ? "the model's own" : data.data.toString());
            Path file = out.resolve(RunDirectory.RESULT_JSON);
            ResultTable.writeJson(file, json);
            s.append("wrote ").append(file).append('\n');
        }
        print(s.toString());
        return 0;
    }
}
