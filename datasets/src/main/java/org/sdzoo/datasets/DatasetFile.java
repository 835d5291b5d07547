package org.sdzoo.datasets;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a data set: where it lives inside the data directory, where it is downloaded from,
 * and the SHA-256 that a correct copy has.
 *
 * @param name         a human-readable name for messages, such as {@code "Cora content"}
 * @param relativePath the path inside the data directory, such as {@code "cora/cora.content"};
 *                     relative, with {@code /} separators and no {@code ..}
 * @param url          the public address to download it from (http or https)
 * @param sha256       the expected SHA-256 as 64 hexadecimal digits (stored in lower case)
 */
public record DatasetFile(String name, String relativePath, URI url, String sha256) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException if a field is missing or malformed; the message names it
     */
    public DatasetFile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("DatasetFile name is blank; give the file a name for messages.");
        }
        if (relativePath == null || relativePath.isBlank()) {
            throw new IllegalArgumentException("DatasetFile '" + name
                    + "' has a blank relativePath; give its path inside the data directory.");
        }
        Path path;
        try {
            path = Path.of(relativePath);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("DatasetFile '" + name + "' has an invalid relativePath '"
                    + relativePath + "' (" + e.getReason() + "); use a plain relative path such as 'cora/cora.content'.", e);
        }
        if (path.isAbsolute() || relativePath.startsWith("/") || path.normalize().startsWith("..")
                || relativePath.contains("..")) {
            throw new IllegalArgumentException("DatasetFile '" + name + "' has relativePath '" + relativePath
                    + "' which leaves the data directory; use a relative path without '..' such as 'cora/cora.content'.");
        }
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("DatasetFile '" + name + "' has url '" + url
                    + "' which is not an http or https address; give the public download address.");
        }
        String hex = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("DatasetFile '" + name + "' has sha256 '" + sha256
                    + "' which is not 64 hexadecimal digits; compute it with 'sha256sum <file>'.");
        }
        sha256 = hex;
    }

    /**
     * Returns where this file lives inside a data directory.
     *
     * @param dataDir the data directory
     * @return {@code dataDir/relativePath}, absolute and normalized
     */
    public Path resolveIn(Path dataDir) {
        return dataDir.resolve(relativePath).toAbsolutePath().normalize();
    }
}
