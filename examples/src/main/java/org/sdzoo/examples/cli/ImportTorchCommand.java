package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunContext;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sdzoo import-torch --arch A --weights sd.npz [--config c.json] [--extra NAME=FILE ...] --out m.sdz}. */
@Command(name = "import-torch", mixinStandardHelpOptions = true, versionProvider = SdzooCli.Version.class,
        description = "Build a model of any architecture from a PyTorch state_dict saved as .npz, checking every"
                + " parameter's name and shape.",
        footer = {"%nSave the state_dict in Python with:",
            "  numpy.savez('sd.npz', **{k: v.numpy() for k, v in model.state_dict().items()})",
            "Example: sdzoo import-torch --arch kernel-regression --weights sd.npz"
                    + " --extra keys=x_train.npy --extra values=y_train.npy --out nw.sdz"})
final class ImportTorchCommand extends SdzooCommand {

    @Option(names = "--arch", required = true, paramLabel = "NAME", description = "The architecture (see 'sdzoo list').")
    String arch;

    @Option(names = "--weights", required = true, paramLabel = "FILE.npz",
            description = "The state_dict, with the parameter names of the reference PyTorch code.")
    Path weights;

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "A JSON object of config fields that differ from the architecture's defaults.")
    Path config;

    @Option(names = "--extra", paramLabel = "NAME=FILE",
            description = "An array the architecture needs beside its parameters, from .npy, .npz or CSV; repeat it"
                    + " for each (kernel regression: its training data as keys [K, F] and values [K]). NAME=FILE.npz:ARRAY"
                    + " takes one array of an archive; a bare FILE.npz gives every array it holds by its name.")
    List<String> extra;

    @Option(names = "--out", required = true, paramLabel = "FILE.sdz", description = "The model archive to write.")
    Path out;

    @Override
    int execute() throws Exception {
        NamedArrays.extension(out, "--out", List.of(".sdz"));
        RunDirectory.requireWritableFile(out, "--out");
        ExampleRunner.requireFile(weights, "--weights", "the state_dict saved with numpy.savez");
        Architecture architecture = Architectures.get(arch);
        if (config != null) {
            ExampleRunner.requireFile(config, "--config", "a JSON object of config fields");
        }
        Map<String, INDArray> stateDict = NumpyFiles.readNpz(weights);
        ModelConfig modelConfig = architecture.importDefaults(stateDict);
        if (config != null) {
            modelConfig = ConfigJson.override(modelConfig, config);
        }
        stateDict.forEach((name, value) -> requireFinite(value, "--weights " + weights + ": parameter '" + name + "'",
                "export the state_dict of a model whose weights are finite"));
        Map<String, INDArray> arrays = NamedArrays.read(extra == null ? List.of() : extra, "--extra", null);
        arrays.forEach((name, value) -> requireFinite(value, "--extra '" + name + "'", "give finite values"));
        ZooModel model = architecture.importTorch(modelConfig, stateDict, arrays);
        ArchiveMetadata metadata = new ArchiveMetadata("PyTorch state_dict " + weights.getFileName(), null, Map.of(), 0,
                Instant.now().toString()).withProvenance(null, RunContext.sha256(List.of(weights)));
        ModelArchive.save(out, model, metadata);
        print("Imported " + weights + " into " + out + "\n" + model.summary());
        return 0;
    }

    private static void requireFinite(INDArray a, String what, String fix) {
        if (!Double.isFinite(a.sumNumber().doubleValue())) {
            long nan = a.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            throw new IllegalArgumentException(what + " holds " + (nan > 0 ? nan + " NaN value" + (nan == 1 ? "" : "s")
                    : "infinite values") + ": " + fix);
        }
    }
}
