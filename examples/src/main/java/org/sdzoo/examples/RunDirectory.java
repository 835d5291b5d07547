package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The output directory of a run: created fresh, or refused when it already holds files, unless the
 * run resumes (its files continue) or overwrites (an earlier run's files are deleted first, so
 * nothing stale such as an old {@code fit.png} survives).
 */
public final class RunDirectory {

    /** The file every finished run writes; a directory holding it is a run's. */
    public static final String RESULT_JSON = "result.json";
    /** The run's history, read by the loss plot. */
    public static final String HISTORY_CSV = "history.csv";
    /** The trained model. */
    public static final String MODEL_SDZ = "model.sdz";
    /** The loss curve. */
    public static final String LOSS_PNG = "loss.png";
    /** The trainer's checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final List<String> RUN_MARKERS = List.of(RESULT_JSON, HISTORY_CSV, CHECKPOINTS, MODEL_SDZ);

    private RunDirectory() {
    }

    /**
     * @return {@code out}, or {@code runs/<name>-<yyyyMMdd-HHmmss>} under the working directory
     * @throws IllegalArgumentException for an empty {@code --out}
     */
    public static Path resolve(Path out, String name) {
        if (out == null) {
            return Path.of("runs", name + "-" + LocalDateTime.now().format(STAMP));
        }
        if (out.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty: name a directory for the run's files, e.g. --out runs/"
                    + name);
        }
        return out;
    }

    /**
     * Refuses {@code dir} when it holds files that are not to be continued or replaced, without
     * creating anything; call it before the inputs are used, then {@link #create} once they are valid.
     */
    public static void check(Path dir, boolean resume, boolean overwrite) throws IOException {
        if (!Files.exists(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null) {
                writableDirectory(parent, "--out", dir);
            }
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is a file, not a directory: choose another --out");
        }
        if (resume || isEmpty(dir)) {
            return;
        }
        if (!overwrite) {
            throw new IllegalArgumentException("--out " + dir + " already holds " + (isRun(dir) ? "another run"
                    : "other files") + ": choose a new --out, or add --overwrite to replace " + (isRun(dir)
                    ? "that run" : "its contents"));
        }
        if (!isRun(dir)) {
            throw new IllegalArgumentException("--out " + dir + " holds files that are not an sdzoo run, which"
                    + " --overwrite does not delete: choose a new --out");
        }
    }

    /** Creates {@code dir} (deleting an earlier run's files when overwriting, see {@link #check}). */
    public static void create(Path dir, boolean resume, boolean overwrite) throws IOException {
        check(dir, resume, overwrite);
        if (overwrite && !resume && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static boolean isRun(Path dir) {
        return RUN_MARKERS.stream().anyMatch(m -> Files.exists(dir.resolve(m)));
    }

    /**
     * Refuses an output file whose directory is missing or not writable, before anything runs.
     *
     * @param flag the option that named it, for the message
     */
    public static void requireWritableFile(Path file, String flag) {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.exists(parent)) {
            throw new IllegalArgumentException(flag + " " + file + " cannot be written: its directory " + parent
                    + " does not exist (create it, or choose another " + flag + ")");
        }
        writableDirectory(parent, flag, file);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(flag + " " + file + " is a directory: name a file");
        }
    }

    private static void writableDirectory(Path dir, String flag, Path target) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(flag + " " + target + " cannot be written: " + dir
                    + " is a file, not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(flag + " " + target + " cannot be written: permission denied in " + dir
                    + " (choose another " + flag + ")");
        }
    }
}
