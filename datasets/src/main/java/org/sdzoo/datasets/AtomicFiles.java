package org.sdzoo.datasets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
     * @throws IOException if the directory cannot be created or writing or moving fails, with the
     *                     message {@code "cannot write <target>: <cause>"} (see {@link #failure});
     *                     the temporary file is deleted and an existing target, like every file
     *                     written before, is left unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path temp;
        try {
            temp = createTemp(absolute);
        } catch (IOException e) {
            throw failure(target, e);
        }
        boolean moved = false;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, absolute);
            moved = true;
        } catch (IOException e) {
            throw failure(target, e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The one sentence for a failed write, naming the file as the caller gave it and the cause in
     * words (never the temporary file's name or an exception's class):
     * {@code "cannot write runs/nw/loss.png: no space left on device"}.
     *
     * @param target the file that could not be written
     * @param cause  what failed
     * @return an exception with that message and {@code cause} as its cause
     */
    public static IOException failure(Path target, IOException cause) {
        return new IOException("cannot write " + target + ": " + reason(cause), cause);
    }

    private static String reason(IOException e) {
        Throwable t = e;
        // Wrappers such as ImageIO's "I/O error writing PNG file!" keep the real cause inside.
        while (t.getCause() instanceof IOException inner && inner != t) {
            t = inner;
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file where a directory is needed";
        }
        if (t instanceof NoSuchFileException f) {
            Path missing = f.getFile() == null ? null : Path.of(f.getFile()).getParent();
            return "its directory " + (missing == null ? "" : missing + " ") + "does not exist";
        }
        String text = t instanceof FileSystemException f ? f.getReason() : t.getMessage();
        if (text == null || text.isBlank()) {
            return t.getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", " ").toLowerCase(Locale.ROOT)
                    .replace(" exception", "");
        }
        text = text.strip();
        // "No space left on device" reads as part of the sentence; "ND4J ..." keeps its capitals.
        boolean capitalisedWord = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return capitalisedWord ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
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
