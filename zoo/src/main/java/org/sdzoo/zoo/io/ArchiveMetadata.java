package org.sdzoo.zoo.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an archive records about how its model came to be.
 *
 * @param dataset         the data it was trained on, free text ({@code null} when untrained)
 * @param seed            the training seed, or {@code null}
 * @param metrics         final metrics by name
 * @param trainingSeconds wall-clock training time
 * @param createdAt       ISO-8601 instant the archive was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveMetadata(String dataset, Long seed, Map<String, Double> metrics, double trainingSeconds,
                              String createdAt) {

    /** Copies the metrics into a sorted, unmodifiable map. */
    public ArchiveMetadata {
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** @return metadata of an untrained model, stamped now */
    public static ArchiveMetadata empty() {
        return new ArchiveMetadata(null, null, Map.of(), 0, Instant.now().toString());
    }

    /** @return metadata of a trained model, stamped now */
    public static ArchiveMetadata of(String dataset, long seed, Map<String, Double> metrics, double trainingSeconds) {
        return new ArchiveMetadata(dataset, seed, metrics, trainingSeconds, Instant.now().toString());
    }
}
