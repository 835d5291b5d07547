package org.sdzoo.datasets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes files so that readers see either the old file or the complete new one: the content goes
 * to a temporary file in the target's directory, which is then moved over the target atomically.
 */
public final class AtomicFiles {

    /** Writes the content of a file to an output stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the stream to write to; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its parent directories if needed.
     *
     * @param target  the file to create or replace
     * @param content writes the bytes
     * @throws IOException if the directory cannot be created or writing or moving fails; the
     *                     temporary file is deleted and an existing target is left unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path temp = createTemp(absolute);
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, absolute);
            moved = true;
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Creates an empty temporary file beside {@code absoluteTarget}, creating the directory first.
     *
     * @param absoluteTarget the final file, as an absolute path
     * @return the temporary file
     * @throws IOException if the directory or the file cannot be created
     */
    static Path createTemp(Path absoluteTarget) throws IOException {
        Path dir = absoluteTarget.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        return Files.createFile(dir.resolve("." + absoluteTarget.getFileName() + "." + UUID.randomUUID() + ".part"));
    }

    /**
     * Moves a finished temporary file over the target in one atomic step.
     *
     * @param temp   the finished temporary file, in the target's directory
     * @param target the final file
     * @throws IOException if the move fails
     */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Deletes a temporary file if it exists, ignoring a failure so that the original error wins.
     *
     * @param temp the file to delete
     */
    static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The original failure is the one worth reporting; a stray ".part" file is harmless.
        }
    }

    /**
     * Writes {@code content} as UTF-8 to {@code target} atomically.
     *
     * @throws IOException as {@link #write}
     */
    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }
}
