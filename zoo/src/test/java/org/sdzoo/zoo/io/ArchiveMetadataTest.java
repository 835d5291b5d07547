package org.sdzoo.zoo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.Sdzoo;
import org.sdzoo.zoo.config.ConfigJson;

/** Provenance in the archive metadata, and metadata written before it existed. */
class ArchiveMetadataTest {

    @Test
    void provenanceRoundTripsThroughJson() throws Exception {
        ArchiveMetadata m = ArchiveMetadata.of("data.csv", 42, Map.of("mse", 0.5), 1.5).withProvenance(
                ConfigJson.mapper().readTree("{\"optimizer\": \"SGD\", \"learningRate\": 0.5}"),
                Map.of("data.csv", "ab".repeat(32)));
        ArchiveMetadata back = ConfigJson.mapper().readValue(ConfigJson.write(m), ArchiveMetadata.class);
        assertEquals(m, back);
        assertEquals("SGD", back.trainer().get("optimizer").asText());
        assertEquals(Sdzoo.version(), back.sdzooVersion());
    }

    @Test
    void metadataWithoutProvenanceStillReads() throws Exception {
        String old = "{\"dataset\": \"NoisySine(50, 0.5, seed 42)\", \"seed\": 42, \"metrics\": {\"loss\": 11.5},"
                + " \"trainingSeconds\": 0.4, \"createdAt\": \"2026-12-01T10:00:00Z\"}";
        ArchiveMetadata m = ConfigJson.mapper().readValue(old, ArchiveMetadata.class);
        assertEquals(42L, m.seed());
        assertNull(m.trainer());
        assertNull(m.sdzooVersion());
        assertTrue(m.dataSha256().isEmpty());
    }
}
