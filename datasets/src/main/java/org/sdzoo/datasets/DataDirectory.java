package org.sdzoo.datasets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the directory where sdzoo keeps downloaded data sets.
 *
 * <p>Resolution order, first match wins:
 * <ol>
 *   <li>an explicit path (the {@code --data-dir} option of the command line);</li>
 *   <li>the environment variable {@value #ENV_VAR}, if set and not blank;</li>
 *   <li>{@code ~/.sdzoo/data}.</li>
 * </ol>
 * A leading {@code ~/} in the environment variable is expanded to the home directory. The
 * directory is not created here: {@link Downloader} creates what it writes.
 */
public final class DataDirectory {

    /** The environment variable that names the data directory. */
    public static final String ENV_VAR = "SDZOO_DATA_DIR";

    /** Where a resolved data directory came from. */
    public enum Source {
        /** Given explicitly, for example by {@code --data-dir}. */
        EXPLICIT("--data-dir"),
        /** Read from the environment variable {@value DataDirectory#ENV_VAR}. */
        ENVIRONMENT(ENV_VAR),
        /** The default {@code ~/.sdzoo/data}. */
        DEFAULT("default ~/.sdzoo/data");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /**
         * Returns a short label for log lines, such as {@code SDZOO_DATA_DIR}.
         *
         * @return the label
         */
        public String label() {
            return label;
        }
    }

    /**
     * A resolved data directory and where it came from.
     *
     * @param path   the absolute, normalized directory
     * @param source where it came from
     */
    public record Location(Path path, Source source) {

        /**
         * Returns a phrase for log lines, such as {@code /data (from SDZOO_DATA_DIR)}.
         *
         * @return the description
         */
        public String describe() {
            return path + " (from " + source.label() + ")";
        }
    }

    private DataDirectory() {
    }

    /**
     * Resolves the data directory from the process environment and the user's home directory.
     *
     * @param explicitOrNull the explicitly chosen directory, or {@code null} to fall back
     * @return the absolute, normalized data directory
     * @throws IllegalArgumentException if {@value #ENV_VAR} is not a valid path
     */
    public static Path resolve(Path explicitOrNull) {
        return locate(explicitOrNull, System.getenv(), userHome()).path();
    }

    /**
     * Resolves the data directory from a given environment and home directory (for tests).
     *
     * @param explicitOrNull the explicitly chosen directory, or {@code null} to fall back
     * @param env            the environment variables
     * @param home           the user's home directory
     * @return the absolute, normalized data directory
     * @throws IllegalArgumentException if {@value #ENV_VAR} is not a valid path
     */
    public static Path resolve(Path explicitOrNull, Map<String, String> env, Path home) {
        return locate(explicitOrNull, env, home).path();
    }

    /**
     * Describes the resolved data directory for a log line, such as
     * {@code /data (from SDZOO_DATA_DIR)}.
     *
     * @param explicitOrNull the explicitly chosen directory, or {@code null} to fall back
     * @return the directory and where it came from
     * @throws IllegalArgumentException if {@value #ENV_VAR} is not a valid path
     */
    public static String describeSource(Path explicitOrNull) {
        return locate(explicitOrNull, System.getenv(), userHome()).describe();
    }

    /**
     * Resolves the data directory and says where it came from.
     *
     * @param explicitOrNull the explicitly chosen directory, or {@code null} to fall back
     * @param env            the environment variables
     * @param home           the user's home directory
     * @return the directory and its source
     * @throws IllegalArgumentException if {@value #ENV_VAR} is not a valid path
     */
    public static Location locate(Path explicitOrNull, Map<String, String> env, Path home) {
        if (explicitOrNull != null) {
            return new Location(explicitOrNull.toAbsolutePath().normalize(), Source.EXPLICIT);
        }
        if (home == null) {
            throw new IllegalArgumentException("The home directory is null; pass the user's home directory.");
        }
        String value = env == null ? null : env.get(ENV_VAR);
        if (value != null && !value.isBlank()) {
            String trimmed = value.strip();
            try {
                Path path = trimmed.equals("~") ? home
                        : trimmed.startsWith("~/") ? home.resolve(trimmed.substring(2))
                        : Path.of(trimmed);
                return new Location(path.toAbsolutePath().normalize(), Source.ENVIRONMENT);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(ENV_VAR + "='" + value + "' is not a valid path ("
                        + e.getReason() + "); set it to a directory or unset it to use ~/.sdzoo/data.", e);
            }
        }
        return new Location(home.resolve(".sdzoo").resolve("data").toAbsolutePath().normalize(),
                Source.DEFAULT);
    }

    private static Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }
}
