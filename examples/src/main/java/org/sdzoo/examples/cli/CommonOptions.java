package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.datasets.DataDirectory;
import picocli.CommandLine.Option;

/** The options every training command shares: output directory, seed, data directory, config overrides. */
final class CommonOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "directory for the run's files (default: runs/<name>-<yyyyMMdd-HHmmss>)")
    Path out;

    @Option(names = "--seed", description = "seed of the data order, initialisation and synthetic data (default: 42)")
    Long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where datasets live (default: $SDZOO_DATA_DIR, else ~/.sdzoo/data)")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE.json", description = "JSON fields overriding the model config")
    Path config;

    /** @return the data directory: {@code --data-dir}, else {@code SDZOO_DATA_DIR}, else {@code ~/.sdzoo/data} */
    Path resolvedDataDir() {
        return DataDirectory.resolve(dataDir);
    }
}
