package org.sdzoo.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.CsvTable;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sdzoo predict --model m.sdz --input x.npy|x.csv [--x cols] --output y.npy|y.csv [--all-outputs]}. */
@Command(name = "predict", description = "Run a saved model on .npy or CSV input; write .npy or CSV.")
final class PredictCommand extends SdzooCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE.sdz", description = "the model archive")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = ".npy array or CSV with a header")
    Path input;

    @Option(names = "--x", split = ",", paramLabel = "COL",
            description = "CSV input columns (default: every column)")
    List<String> x;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = ".npy or .csv for the primary output")
    Path output;

    @Option(names = "--all-outputs", description = "also write every output as <stem>-<name>.<ext> beside --output")
    boolean allOutputs;

    @Override
    int execute() throws Exception {
        boolean csvInput = format(input, "--input");
        boolean csvOutput = format(output, "--output");
        if (!csvInput && x != null) {
            throw new IllegalArgumentException("--x selects CSV columns, but --input " + input + " is a .npy file");
        }
        ZooModel loaded = ModelArchive.read(model).model();
        INDArray features = csvInput ? csvFeatures() : NumpyFiles.readNpy(input);
        if (features.rank() == 1) {
            features = features.reshape(features.length(), 1);    // [n] -> [n, 1]
        }
        Map<String, INDArray> outputs = loaded.predict(Map.of(loaded.inputs().get(0).name(), features));
        String primary = loaded.outputs().get(0).name();
        write(output, primary, outputs.get(primary), csvOutput);
        List<Path> written = new ArrayList<>(List.of(output));
        if (allOutputs) {
            String name = output.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            String ext = name.substring(name.lastIndexOf('.'));
            for (var e : outputs.entrySet()) {
                Path file = output.resolveSibling(stem + "-" + e.getKey() + ext);
                write(file, e.getKey(), e.getValue(), csvOutput);
                written.add(file);
            }
        }
        print("Predicted " + features.size(0) + " rows; wrote " + written + "\n");
        return 0;
    }

    private INDArray csvFeatures() throws IOException {
        CsvTable table = CsvTable.read(input);
        return table.columns(x == null || x.isEmpty() ? table.header() : x, DataType.DOUBLE);
    }

    /** @return true for CSV, false for .npy */
    private static boolean format(Path file, String option) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return true;
        }
        if (name.endsWith(".npy")) {
            return false;
        }
        throw new IllegalArgumentException(option + " " + file + " must end in .npy or .csv");
    }

    private static void write(Path file, String name, INDArray values, boolean csv) throws IOException {
        if (!csv) {
            NumpyFiles.writeNpy(values, file);
            return;
        }
        List<String> header = new ArrayList<>();
        if (values.rank() <= 1) {
            header.add(name);
        } else {
            for (long j = 0; j < values.size(1); j++) {
                header.add(name + "_" + j);
            }
        }
        CsvTable.write(file, header, values.rank() == 0 ? values.reshape(1) : values);
    }
}
