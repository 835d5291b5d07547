package org.sdzoo.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asks of an example: the shared options and the example's own, each
 * {@code null} where the user left it out so that the example's default applies.
 *
 * @param out        where to write the run's files, or {@code null} for {@code runs/<name>-<time>}
 * @param seed       the seed, or {@code null}
 * @param epochs     the epochs, or {@code null}
 * @param learningRate the learning rate, or {@code null}
 * @param maxSteps   stop after this many updates, or {@code null} for no limit
 * @param dataDir    the resolved data directory (see {@code DataDirectory.resolve})
 * @param configFile a JSON file of model-config overrides, or {@code null}
 * @param data       a CSV file of the user's data, or {@code null} for the example's own data
 * @param x          the input columns of {@code data}
 * @param y          the target column of {@code data}
 * @param quiet      no progress bar
 * @param resume     a checkpoint ({@code checkpoints/last.sdz}) to continue from, or {@code null}
 */
public record TrainRequest(Path out, Long seed, Integer epochs, Double learningRate, Long maxSteps, Path dataDir,
                           Path configFile, Path data, List<String> x, String y, boolean quiet,
                           Path resume) {

    /** Copies the column list. */
    public TrainRequest {
        x = x == null ? List.of() : List.copyOf(x);
    }
}
