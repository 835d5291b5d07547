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
    }
}
