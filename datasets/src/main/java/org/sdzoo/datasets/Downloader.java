package org.sdzoo.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a {@link DatasetFile} is present in the data directory with the right SHA-256,
 * downloading it when it is missing.
 *
 * <p>A file that is already in place is never downloaded again, only verified; so on a machine
 * without network a user can place the files by hand. A download goes to a temporary file in the
 * target directory, is verified, and only then moved into place atomically, so an interrupted or
 * corrupt download never leaves a file that looks complete.
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private Downloader() {
    }

    /**
     * Returns the path of {@code file} inside {@code dataDir}, verifying an existing copy or
     * downloading a missing one.
     *
     * @param file    the file to provide
     * @param dataDir the data directory, see {@link DataDirectory#resolve(Path)}
     * @return the absolute path of the verified file
     * @throws IOException if an existing copy has the wrong hash (it is left untouched), if the
     *                     download fails (the message says where to place the file by hand), or
     *                     if the downloaded bytes have the wrong hash
     */
    public static Path ensure(DatasetFile file, Path dataDir) throws IOException {
        if (file == null || dataDir == null) {
            throw new IllegalArgumentException("Downloader.ensure got a null "
                    + (file == null ? "file" : "data directory") + "; pass both the file and the data directory.");
        }
        Path target = file.resolveIn(dataDir);
        if (Files.exists(target)) {
            String actual = sha256(target);
            if (!actual.equals(file.sha256())) {
                throw new IOException(file.name() + " at " + target + " is corrupt: its sha256 is " + actual
                        + " but " + file.sha256() + " was expected; delete it to download it again, or replace it with a correct copy from "
                        + file.url() + ".");
            }
            LOG.debug("{} found at {}", file.name(), target);
            return target;
        }
        download(file, target);
        return target;
    }

    /**
     * Computes the SHA-256 of a file.
     *
     * @param path the file
     * @return 64 lower-case hexadecimal digits
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void download(DatasetFile file, Path target) throws IOException {
        LOG.info("Downloading {} from {} to {}", file.name(), file.url(), target);
        Path temp = AtomicFiles.createTemp(target);
        boolean moved = false;
        try {
            fetch(file, target, temp);
            String actual = sha256(temp);
            if (!actual.equals(file.sha256())) {
                throw new IOException("The download of " + file.name() + " from " + file.url() + " has sha256 " + actual
                        + " but " + file.sha256() + " was expected; the server's copy changed or the transfer was damaged, so place a correct copy at "
                        + target + " and run again.");
            }
            AtomicFiles.moveIntoPlace(temp, target);
            moved = true;
        } finally {
            if (!moved) {
                AtomicFiles.deleteQuietly(temp);
            }
        }
    }

    private static void fetch(DatasetFile file, Path target, Path temp) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(file.url()).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<Path> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofFile(temp));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException(offlineMessage(file, target, "interrupted"));
            io.initCause(e);
            throw io;
        } catch (IOException | RuntimeException e) {
            throw new IOException(offlineMessage(file, target, reason(e)), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(offlineMessage(file, target, "HTTP status " + response.statusCode()));
        }
    }

    private static String offlineMessage(DatasetFile file, Path target, String reason) {
        return "Could not download " + file.name() + " from " + file.url() + " (" + reason
                + "); without network, place the file at " + target + " (sha256 " + file.sha256() + ") and run again.";
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + message;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256, which every Java runtime must provide.", e);
        }
    }
}
