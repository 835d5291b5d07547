package org.sdzoo.examples;

import java.nio.file.Path;
import java.util.List;

/**
 * Where an example's data comes from, as the user gave it on the command line.
 *
 * @param file    the user's data file ({@code --data}), or {@code null} for the example's own data
 * @param x       the input columns of a CSV {@code file} ({@code --x}); empty when not given
 * @param y       the target column of a CSV {@code file} ({@code --y}), or {@code null}
 * @param seed    the seed of generated data
 * @param dataDir the resolved data directory (see {@code DataDirectory.resolve})
 */
public record DataSource(Path file, List<String> x, String y, long seed, Path dataDir) {

    /**
     * Copies the columns.
     *
     * @throws IllegalArgumentException for columns without a file
     */
    public DataSource {
        x = x == null ? List.of() : List.copyOf(x);
        if (file == null && (!x.isEmpty() || y != null)) {
            throw new IllegalArgumentException("--x and --y name columns of --data, which is missing: give --data,"
                    + " or leave --x and --y out to use the example's own data");
        }
    }

    /** @return the example's own data, generated with {@code seed} */
    public static DataSource own(long seed) {
        return new DataSource(null, List.of(), null, seed, null);
    }

    /** @return whether the user gave data of their own */
    public boolean isUserData() {
        return file != null;
    }
}
