package org.sdzoo.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the command line asks of a run, shared by every example: each setting {@code null} where
 * the user left it out, so that the example's default applies.
 *
 * @param out          where to write the run's files, or {@code null} for {@code runs/<name>-<time>}
 * @param seed         the seed, or {@code null} for the example's
 * @param epochs       the epochs, or {@code null}
 * @param learningRate the learning rate, or {@code null}
 * @param maxSteps     stop after this many updates, or {@code null} for no limit
 * @param configFile   a JSON file of model-config overrides, or {@code null}
 * @param dataFile     the user's data file, or {@code null} for the example's own data
 * @param x            the input columns of a CSV {@code dataFile}
 * @param y            the target column of a CSV {@code dataFile}
 * @param dataDir      the resolved data directory
 * @param quiet        no progress bar and no per-epoch log lines
 * @param resume       a checkpoint ({@code checkpoints/last.sdz}) to continue from, or {@code null}
 * @param overwrite    replace the files of an earlier run in {@code out}
 * @param dataOptions  the example's data options by name, e.g. {@code length → "600"} (see {@link DataSource})
 */
public record RunRequest(Path out, Long seed, Integer epochs, Double learningRate, Long maxSteps, Path configFile,
                         Path dataFile, List<String> x, String y, Path dataDir, boolean quiet, Path resume,
                         boolean overwrite, Map<String, String> dataOptions) {

    /** Copies the column list and the options. */
    public RunRequest {
        x = x == null ? List.of() : List.copyOf(x);
        dataOptions = dataOptions == null ? Map.of() : Map.copyOf(dataOptions);
    }

    /** A request without data options. */
    public RunRequest(Path out, Long seed, Integer epochs, Double learningRate, Long maxSteps, Path configFile,
                      Path dataFile, List<String> x, String y, Path dataDir, boolean quiet, Path resume,
                      boolean overwrite) {
        this(out, seed, epochs, learningRate, maxSteps, configFile, dataFile, x, y, dataDir, quiet, resume, overwrite,
                Map.of());
    }

    /** @return a request for the example's defaults, writing to {@code out}, without progress output */
    public static RunRequest quiet(Path out) {
        return new RunRequest(out, null, null, null, null, null, null, List.of(), null, null, true, null, false);
    }

    /** @return the data source this request names, with {@code seed} for generated data */
    public DataSource dataSource(long seed) {
        return new DataSource(dataFile, x, y, seed, dataDir, dataOptions);
    }

    /** @return this request writing to {@code dir} with {@code seedValue} (one run of a reproduction) */
    public RunRequest forRun(Path dir, long seedValue) {
        return new RunRequest(dir, seedValue, epochs, learningRate, maxSteps, configFile, dataFile, x, y, dataDir,
                true, null, overwrite, dataOptions);
    }
}
