package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.examples.RunRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that trains: output, seed, data and budget ({@link ConfigOption} adds config overrides). */
final class CommonOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for the run's files; it must be new or empty (default: runs/<name>-<time>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run in --out.")
    boolean overwrite;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the data order, the initialisation and generated data (default: the example's).")
    Long seed;

    @Mixin
    DataOptions data;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data (default: the example's).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "The learning rate (default: the example's).")
    Double learningRate;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after this many updates (default: no limit).")
    Long maxSteps;

    @Option(names = "--quiet", description = "Print neither a progress bar nor a line per epoch.")
    boolean quiet;

    /**
     * @param resume a checkpoint to continue from, or {@code null}
     * @param config a JSON file of model-config fields to change, or {@code null}
     * @return the request these options make
     */
    RunRequest request(Path resume, Path config) {
        return new RunRequest(out, seed, epochs, learningRate, maxSteps, config, data.data, data.x, data.y,
                data.resolvedDataDir(), quiet, resume, overwrite, data.options());
    }
}
