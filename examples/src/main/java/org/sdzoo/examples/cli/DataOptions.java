package org.sdzoo.examples.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
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

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--length", paramLabel = "T",
            description = "Sequence length of generated sequence data, e.g. tcn-adding --length 600.")
    Integer length;

    @Option(names = "--samples", paramLabel = "N",
            description = "Training examples to generate or read (fewer for a quick run; default: the example's).")
    Integer samples;

    @Option(names = "--window", paramLabel = "L", description = "Input steps of each forecasting window.")
    Integer window;

    @Option(names = "--horizon", paramLabel = "H", description = "Steps a forecaster predicts after each window.")
    Integer horizon;

    @Option(names = "--time", paramLabel = "COL", description = "The time column of a CSV time series --data file.")
    String time;

    @Option(names = "--batch-size", paramLabel = "G",
            description = "Graphs per training batch of gcn-mutag (default 32, the GIN paper's; at least the fold's"
                    + " training graphs for one full batch an epoch).")
    Integer batchSize;

    /** @return the example-specific data options given, by name without dashes */
    Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "length", length);
        put(m, "samples", samples);
        put(m, "window", window);
        put(m, "horizon", horizon);
        put(m, "time", time);
        put(m, "batch-size", batchSize);
        return m;
    }

    private static void put(Map<String, String> m, String name, Object value) {
        if (value != null) {
            m.put(name, value.toString());
        }
    }

    /** @return {@code --data-dir}, else {@code SDZOO_DATA_DIR}, else {@code ~/.sdzoo/data} */
    Path resolvedDataDir() {
        return dataDir.resolved();
    }
}
