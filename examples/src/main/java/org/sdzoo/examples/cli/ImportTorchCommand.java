package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.DataChecks;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sdzoo import-torch --arch A --weights sd.npz [--config c.json] [--memory m.npz] --out m.sdz}. */
@Command(name = "import-torch", description = "Build a model from a PyTorch state_dict saved as .npz.")
final class ImportTorchCommand extends SdzooCommand {

    /** Names accepted for kernel regression's memory, beside {@code keys} and {@code values}. */
    static final Map<String, String> MEMORY_ALIASES = Map.of("x_train", "keys", "y_train", "values");

    @Option(names = "--arch", required = true, paramLabel = "NAME", description = "architecture (see 'sdzoo list')")
    String arch;

    @Option(names = "--weights", required = true, paramLabel = "FILE.npz",
            description = "numpy.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()})")
    Path weights;

    @Option(names = "--config", paramLabel = "FILE.json", description = "JSON fields overriding the default config")
    Path config;

    @Option(names = "--memory", paramLabel = "FILE.npz",
            description = "data-dependent arrays, e.g. kernel regression's keys [K, F] and values [K]"
                    + " (x_train and y_train are accepted too)")
    Path memory;

    @Option(names = "--out", required = true, paramLabel = "FILE.sdz", description = "the model archive to write")
    Path out;

    @Override
    int execute() throws Exception {
        if (!out.getFileName().toString().endsWith(".sdz")) {
            throw new IllegalArgumentException("--out " + out + " must end in .sdz (it is the model archive to write)");
        }
        Architecture architecture = Architectures.get(arch);
        ModelConfig modelConfig = architecture.defaultConfig();
        if (config != null) {
            modelConfig = ConfigJson.override(modelConfig, config);
        }
        Map<String, INDArray> stateDict = NumpyFiles.readNpz(weights);
        Map<String, INDArray> extra = memory == null ? Map.of() : memory(NumpyFiles.readNpz(memory));
        ZooModel model = architecture.importTorch(modelConfig, stateDict, extra);
        ModelArchive.save(out, model, new ArchiveMetadata("PyTorch state_dict " + weights.getFileName(), null,
                Map.of(), 0, Instant.now().toString()));
        print("Imported " + weights + " into " + out + "\n" + model.summary());
        return 0;
    }

    /** The memory arrays with {@code x_train}/{@code y_train} also under {@code keys}/{@code values}. */
    private Map<String, INDArray> memory(Map<String, INDArray> arrays) {
        Map<String, INDArray> extra = new LinkedHashMap<>(arrays);
        MEMORY_ALIASES.forEach((alias, name) -> {
            if (!extra.containsKey(name) && arrays.containsKey(alias)) {
                extra.put(name, arrays.get(alias));
            }
        });
        extra.forEach((name, value) -> DataChecks.requireFinite(value, memory.getFileName() + " '" + name + "'"));
        return extra;
    }
}
