package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.List;
import org.sdzoo.datasets.DataDirectory;
import picocli.CommandLine.Option;

/** Where the data comes from: the user's file and its columns, and the directory of downloaded datasets. */
final class DataOptions {

    @Option(names = "--data", paramLabel = "FILE",
            description = "Your data instead of the example's own, in a format the example accepts (see 'sdzoo list').")
    Path data;

    @Option(names = "--x", split = ",", paramLabel = "COL",
            description = "The input columns of a CSV --data file, separated by commas.")
    List<String> x;

    @Option(names = "--y", paramLabel = "COL", description = "The target column of a CSV --data file.")
    String y;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets live (default: $SDZOO_DATA_DIR, else ~/.sdzoo/data).")
    Path dataDir;

    /** @return {@code --data-dir}, else {@code SDZOO_DATA_DIR}, else {@code ~/.sdzoo/data} */
    Path resolvedDataDir() {
        return DataDirectory.resolve(dataDir);
    }
}
