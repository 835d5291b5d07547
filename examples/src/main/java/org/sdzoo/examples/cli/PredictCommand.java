package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sdzoo predict --model m.sdz --input NAME=FILE ... --output FILE.npz|.npy|.csv}. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Run a saved model on your arrays and write its outputs. 'sdzoo info MODEL.sdz' lists the"
                + " inputs and outputs with their shapes.",
        footer = {"%nExamples:", "  sdzoo predict --model runs/nw/model.sdz --input queries=x.npy --output y.npz",
            "  sdzoo predict --model pretrained:hitmac-executor --input obs=obs.npy --output p.npz",
            "  sdzoo predict --model runs/nw/model.sdz --input inputs.npz --output y.csv"})
final class PredictCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz|pretrained:NAME",
            description = "The model archive to run, or pretrained:NAME for a published model (hitmac-executor,"
                    + " hitmac-coordinator; their weights are looked for in $SDZOO_PRETRAINED_DIR/hitmac, pretrained/hitmac"
                    + " beside $SDZOO_DATA_DIR and ~/.sdzoo/pretrained/hitmac).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "NAME=FILE",
            description = "An input by name, from .npy, .npz (the array of that name) or CSV with a header (every"
                    + " column); repeat it for each input. A bare FILE.npz gives every array it holds by its name;"
                    + " a bare .npy or CSV file feeds a model with one input.")
    List<String> inputs;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "Where to write: .npz holds every output under its name; .npy or .csv the first output.")
    Path output;

    @Override
    int execute() throws Exception {
        NamedArrays.extension(output, "--output", List.of(".npz", ".npy", ".csv"));
        RunDirectory.requireWritableFile(output, "--output");
        ZooModel loaded = load(model);
        String sole = loaded.inputs().size() == 1 ? loaded.inputs().get(0).name() : null;
        Map<String, INDArray> given = new LinkedHashMap<>();
        NamedArrays.read(inputs, "--input", sole).forEach((name, a) -> given.put(name, columnIfNeeded(loaded, name, a)));
        List<TensorSpec> accepted = new java.util.ArrayList<>(loaded.inputs());
        accepted.addAll(loaded.optionalInputs());
        for (String name : given.keySet()) {
            if (accepted.stream().noneMatch(spec -> spec.name().equals(name))) {
                throw new IllegalArgumentException("--input " + name + ": " + model + " has no input '" + name
                        + "'; it takes " + accepted + " (see 'sdzoo info " + model + "')");
            }
        }
        Map<String, INDArray> outputs = loaded.predict(given);
        String primary = loaded.outputs().get(0).name();
        NamedArrays.write(output, outputs, primary);
        // the primary output's rows: a graph classifier has one per graph, not one per input node
        INDArray predicted = outputs.get(primary);
        long rows = predicted.rank() == 0 ? 1 : predicted.size(0);
        print("Predicted " + rows + " row" + (rows == 1 ? "" : "s") + "; wrote " + (output.toString().endsWith(".npz")
                ? outputs.keySet() : List.of(primary)) + " to " + output + "\n");
        return 0;
    }

    /** @return the published model {@code pretrained:NAME}, or the archive at {@code spec} */
    private static ZooModel load(String spec) throws java.io.IOException {
        var name = PretrainedModels.name(spec);
        if (name.isPresent()) {
            return PretrainedModels.load(name.get());
        }
        Path file = Path.of(spec);
        ExampleRunner.requireFile(file, "--model", "a .sdz model archive, " + PretrainedModels.help());
        return ModelArchive.read(file).model();
    }

    /** A vector {@code [n]} given for an input {@code [n, 1]} is that column, as numpy users expect. */
    private static INDArray columnIfNeeded(ZooModel model, String name, INDArray a) {
        for (TensorSpec spec : model.inputs()) {
            if (spec.name().equals(name) && a.rank() == 1 && spec.shape().length == 2 && spec.shape()[1] == 1) {
                return a.reshape(a.length(), 1);
            }
        }
        return a;
    }
}
