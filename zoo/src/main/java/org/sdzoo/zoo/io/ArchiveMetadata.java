package org.sdzoo.zoo.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.sdzoo.zoo.Sdzoo;

/**
 * What an archive records about how its model came to be. The provenance fields ({@code trainer},
 * {@code dataSha256}, {@code sdzooVersion}, {@code gitCommit}) are absent from archives written
 * before they existed, which still load.
 *
 * @param dataset         the data it was trained on, free text ({@code null} when untrained)
 * @param seed            the training seed, or {@code null}
 * @param metrics         final metrics by name
 * @param trainingSeconds wall-clock training time
 * @param createdAt       ISO-8601 instant the archive was written
 * @param trainer         the trainer config as JSON ({@code TrainerConfig.toJson}), or {@code null}
 * @param dataSha256      SHA-256 (hex) of each training data file by file name; empty for generated data
 * @param sdzooVersion    the sdzoo that wrote the archive, or {@code null} in old archives
 * @param gitCommit       the git commit that sdzoo was built from, or {@code null} when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveMetadata(String dataset, Long seed, Map<String, Double> metrics, double trainingSeconds,
                              String createdAt, JsonNode trainer, Map<String, String> dataSha256,
                              String sdzooVersion, String gitCommit) {

    /** A build that knows its commit puts {@code commit=<sha>} in this class-path resource. */
    static final String GIT_PROPERTIES = "/org/sdzoo/zoo/git.properties";

    private static final String GIT_COMMIT = readGitCommit();

    /** Copies the maps into sorted, unmodifiable ones. */
    public ArchiveMetadata {
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
        dataSha256 = dataSha256 == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(dataSha256));
    }

    /** Metadata without provenance but this sdzoo's version and commit. */
    public ArchiveMetadata(String dataset, Long seed, Map<String, Double> metrics, double trainingSeconds,
                           String createdAt) {
        this(dataset, seed, metrics, trainingSeconds, createdAt, null, Map.of(), Sdzoo.version(), GIT_COMMIT);
    }

    /** @return metadata of an untrained model, stamped now */
    public static ArchiveMetadata empty() {
        return new ArchiveMetadata(null, null, Map.of(), 0, Instant.now().toString());
    }

    /** @return metadata of a trained model, stamped now */
    public static ArchiveMetadata of(String dataset, long seed, Map<String, Double> metrics, double trainingSeconds) {
        return new ArchiveMetadata(dataset, seed, metrics, trainingSeconds, Instant.now().toString());
    }

    /**
     * @param trainerJson the trainer config ({@code TrainerConfig.toJson()}), or {@code null}
     * @param sha256      SHA-256 (hex) of each training data file by name
     * @return this metadata with the trainer config and the data files' digests
     */
    public ArchiveMetadata withProvenance(JsonNode trainerJson, Map<String, String> sha256) {
        return new ArchiveMetadata(dataset, seed, metrics, trainingSeconds, createdAt, trainerJson, sha256,
                sdzooVersion, gitCommit);
    }

    private static String readGitCommit() {
        try (InputStream in = ArchiveMetadata.class.getResourceAsStream(GIT_PROPERTIES)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            String commit = p.getProperty("commit", "").strip();
            // An unfiltered placeholder or an empty value means the build did not know it.
            return commit.matches("[0-9a-f]{7,40}") ? commit : null;
        } catch (IOException e) {
            return null;
        }
    }
}
