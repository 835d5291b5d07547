package org.sdzoo.examples.tcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;

/**
 * Every TCN example through the command line's code path with a tiny model (2 levels of 4,
 * kernel 2), a few samples and 2 steps; the real-data ones only with {@code SDZOO_DATA_DIR} set.
 */
class TcnExamplesTest {

    @TempDir
    Path tmp;

    /** Runs {@code name} with a tiny model and returns its result.json. */
    private JsonNode run(String name, Map<String, String> options) throws Exception {
        Path config = tmp.resolve(name + ".json");
        Files.writeString(config, "{\"channels\": [4, 4], \"kernelSize\": 2}");
        Path out = tmp.resolve(name);
        RunRequest request = new RunRequest(out, 7L, 1, null, 2L, config, null, List.of(), null,
                name.matches("tcn-(seq-mnist|pmnist|jsb|ett)") ? DataDirectory.resolve(null) : null, true, null, false,
                options);
        ExampleRunner.Outcome outcome = ExampleRunner.train(Examples.get(name), request);
        assertTrue(Files.exists(out.resolve("model.sdz")) && Files.exists(out.resolve("loss.png")), name);
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertTrue(json.get("receptive_field").asLong() == 1 + 2 * (1 + 2), json.toString());
        assertTrue(outcome.text().contains("files: "), outcome.text());
        return json;
    }

    @Test
    void addingWritesTheTestMseBesideThePapers() throws Exception {
        JsonNode json = run("tcn-adding", Map.of("length", "12", "samples", "64"));
        assertTrue(json.get("test_mse").isNumber(), json.toString());
        assertEquals(5.8e-5, json.get("reference").get("test_mse").asDouble());
        assertEquals(12, json.get("length").asInt());
        assertTrue(Files.exists(tmp.resolve("tcn-adding/prediction.png")));
    }

    @Test
    void copyMemoryWritesTheTestLossAndRecallPlot() throws Exception {
        JsonNode json = run("tcn-copy-memory", Map.of("length", "5", "samples", "64"));
        assertTrue(json.get("test_loss").asDouble() > 0, json.toString());
        assertEquals(3.5e-5, json.get("reference").get("test_loss").asDouble());
        assertEquals(5, json.get("blank_length").asInt());
        assertTrue(Files.exists(tmp.resolve("tcn-copy-memory/recall.png")));
    }

    @Test
    void anOptionTheExampleDoesNotTakeIsRefusedBeforeAnythingIsWritten() {
        RunRequest request = new RunRequest(tmp.resolve("o"), null, 1, null, 1L, null, null, List.of(), null, null,
                true, null, false, Map.of("window", "3"));
        Example<?> adding = Examples.get("tcn-adding");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleRunner.train(adding, request));
        assertEquals("tcn-adding does not take --window: its data options are [--length, --samples]", e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("o")));
        RunRequest bad = new RunRequest(tmp.resolve("o"), null, 1, null, 1L, null, null, List.of(), null, null,
                true, null, false, Map.of("length", "0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRunner.train(adding, bad)).getMessage()
                .contains("--length must be a positive whole number"));
    }

    @Test
    void theForecasterIsTheExampleThatTakesTcnUserData() {
        assertEquals("tcn-ett", Examples.forArchitecture("tcn").name());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void sequentialAndPermutedMnistFromTheDataDirectory() throws Exception {
        JsonNode seq = run("tcn-seq-mnist", Map.of("samples", "16"));
        assertEquals(99.0, seq.get("reference").get("test_accuracy").asDouble());
        JsonNode perm = run("tcn-pmnist", Map.of("samples", "16"));
        assertEquals(97.2, perm.get("reference").get("test_accuracy").asDouble());
        assertEquals(1111, perm.get("permutation_seed").asInt());
        assertTrue(Files.exists(tmp.resolve("tcn-pmnist/confusion.png")));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void jsbChoralesFromTheDataDirectory() throws Exception {
        JsonNode json = run("tcn-jsb", Map.of("samples", "2"));
        assertTrue(json.get("test_nll").asDouble() > 0, json.toString());
        assertEquals(8.10, json.get("reference").get("test_nll").asDouble());
        assertTrue(Files.exists(tmp.resolve("tcn-jsb/piano-roll.png")));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void ettH1BesidePersistence() throws Exception {
        JsonNode json = run("tcn-ett", Map.of("samples", "64"));
        assertTrue(json.get("test_mse").isNumber() && json.get("reference").get("test_mse").asDouble() > 0,
                json.toString());
        assertEquals(24, json.get("horizon").asInt());
        assertTrue(Files.exists(tmp.resolve("tcn-ett/forecast.png")));
    }
}
