package org.sdzoo.examples.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.gcn.GcnConfig;

/** The example through the code path of {@code sdzoo train}, with a small budget. */
class GcnKarateExampleTest {

    @TempDir
    Path tmp;

    private static RunRequest request(Path out, Integer epochs) {
        return new RunRequest(out, null, epochs, null, null, null, null, List.of(), null, null, true, null, false);
    }

    @Test
    void trainsAndScoresTheUnlabelledMembers() throws Exception {
        Path out = tmp.resolve("run");
        ExampleRunner.train(new GcnKarateExample(), request(out, 100));
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertEquals(100, json.get("losses").size());
        double accuracy = json.get("test_accuracy").asDouble();
        // Two labels and the graph's structure separate the factions far better than chance (0.5).
        assertTrue(accuracy > 0.7 && accuracy <= 1.0, "accuracy " + accuracy);
        assertTrue(json.get("losses").get(99).asDouble() < json.get("losses").get(0).asDouble(), "the loss falls");
        assertTrue(Files.size(out.resolve("model.sdz")) > 0);
        assertTrue(Files.size(out.resolve(GcnKarateExample.EMBEDDING_PNG)) > 1000, "the embedding plot");
    }

    /** A --config that changes the feature form (dense to CSR) and the propagation is fed what it takes. */
    @Test
    void aConfigOverrideOfTheFeatureFormTrains() throws Exception {
        Path config = tmp.resolve("sparse.json");
        Files.writeString(config, "{\"sparseFeatures\": true, \"propagation\": \"DENSE\", \"hiddenSizes\": [2]}");
        Path out = tmp.resolve("sparse");
        ExampleRunner.train(new GcnKarateExample(), new RunRequest(out, null, 3, null, null, config, null, List.of(),
                null, null, true, null, false));
        var saved = ModelArchive.load(out.resolve("model.sdz"));
        GcnConfig c = (GcnConfig) saved.config();
        assertTrue(c.sparseFeatures(), "the override reached the model");
        assertEquals(List.of(2), c.hiddenSizes());
        assertTrue(Files.exists(out.resolve(GcnKarateExample.EMBEDDING_PNG)), "a 2-D embedding is plotted as is");
    }
}
