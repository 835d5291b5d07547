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

    /** Copies the columns. */
    public DataSource {
        x = x == null ? List.of() : List.copyOf(x);
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
