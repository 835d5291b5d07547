package org.sdzoo.examples.cli;

import java.nio.file.Path;
import org.sdzoo.datasets.DataDirectory;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where downloaded datasets live, for every command that reads or fetches them. */
final class DataDirOption {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets live (default: $SDZOO_DATA_DIR, else ~/.sdzoo/data).")
    Path dataDir;

    /** @return {@code --data-dir}, else {@code SDZOO_DATA_DIR}, else {@code ~/.sdzoo/data} */
    Path resolved() {
        return DataDirectory.resolve(dataDir);
    }
}
