package org.sdzoo.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an example's data comes from, as the user gave it on the command line.
 *
 * @param file    the user's data file ({@code --data}), or {@code null} for the example's own data
 * @param x       the input columns of a CSV {@code file} ({@code --x}); empty when not given
 * @param y       the target column of a CSV {@code file} ({@code --y}), or {@code null}
 * @param seed    the seed of generated data
 * @param dataDir the resolved data directory (see {@code DataDirectory.resolve})
 * @param options the example's data options given on the command line ({@code --length 600} as
 *                {@code length → "600"}); an example reads those it lists in {@link Example#dataOptions()}
 */
public record DataSource(Path file, List<String> x, String y, long seed, Path dataDir, Map<String, String> options) {

    /**
     * Copies the columns.
     *
     * @throws IllegalArgumentException for columns without a file
     */
    public DataSource {
        x = x == null ? List.of() : List.copyOf(x);
        options = options == null ? Map.of() : Map.copyOf(options);
        if (file == null && (!x.isEmpty() || y != null)) {
            throw new IllegalArgumentException("--x and --y name columns of --data, which is missing: give --data,"
                    + " or leave --x and --y out to use the example's own data");
        }
    }

    /** A source without data options. */
    public DataSource(Path file, List<String> x, String y, long seed, Path dataDir) {
        this(file, x, y, seed, dataDir, Map.of());
    }

    /** @return the example's own data, generated with {@code seed} */
    public static DataSource own(long seed) {
        return new DataSource(null, List.of(), null, seed, null);
    }

    /** @return this source with the data option {@code name} set to {@code value} */
    public DataSource with(String name, Object value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(options);
        more.put(name, String.valueOf(value));
        return new DataSource(file, x, y, seed, dataDir, more);
    }

    /** @return the data option {@code name} ({@code --name} on the command line), if given */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * @return the integer data option {@code name}, or {@code orElse} when not given
     * @throws IllegalArgumentException when it is not a positive integer
     */
    public int positiveOption(String name, int orElse) {
        String v = options.get(name);
        if (v == null) {
            return orElse;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive whole number (got '" + v + "')");
    }

    /** @return whether the user gave data of their own */
    public boolean isUserData() {
        return file != null;
    }
}
