package org.sdzoo.examples.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.examples.SuiteRunner;
import org.sdzoo.examples.Suites;
import org.sdzoo.zoo.config.ConfigJson;

/**
 * The Planetoid, GAE and MUTAG examples and the gcn-planetoid suite through the code path of
 * {@code sdzoo train} / {@code reproduce} with tiny budgets; those that need the real data run
 * only when {@code SDZOO_DATA_DIR} is set.
 */
class GraphExamplesTest {

    @TempDir
    Path tmp;

    private static RunRequest request(Path out, Integer epochs, Path dataDir) {
        return new RunRequest(out, null, epochs, null, null, null, null, List.of(), null, dataDir, true, null, false);
    }

    private static Path dataDir() {
        return Path.of(System.getenv(DataDirectory.ENV_VAR));
    }

    private static JsonNode result(Path dir) throws Exception {
        return ConfigJson.mapper().readTree(Files.readString(dir.resolve("result.json")));
    }

    @Test
    void planetoidExamplesShareOneProtocolAndDifferInGraphAndPaper() {
        GcnPlanetoidExample cora = new GcnCoraExample();
        GcnPlanetoidExample citeseer = new GcnCiteseerExample();
        assertEquals(List.of("gcn-cora", "gcn-citeseer", "gcn-pubmed"),
                List.of(cora.name(), citeseer.name(), new GcnPubmedExample().name()));
        assertEquals(70.3, citeseer.protocol().orElseThrow().published());
        assertEquals(79.0, new GcnPubmedExample().paperAccuracy());
        assertEquals(cora.trainerDefaults(), citeseer.trainerDefaults());
        assertTrue(Suites.names().contains("gcn-planetoid"));
    }

    @Test
    void aMissingGraphIsOneSentenceAndWritesNothing() {
        Path out = tmp.resolve("run");
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> ExampleRunner.train(new GcnCiteseerExample(), request(out, 1, tmp.resolve("empty"))));
        assertTrue(e.getMessage().startsWith("CiteSeer is not in "), e.getMessage());
        Path suiteOut = tmp.resolve("suite");
        assertThrows(FileNotFoundException.class, () -> SuiteRunner.reproduce(Suites.find("gcn-planetoid").orElseThrow(),
                request(suiteOut, 1, tmp.resolve("empty")), 1));
        assertFalse(Files.exists(out) || Files.exists(suiteOut.resolve("result.json")));
    }

    @Test
    void gaesLossWeightsUseTheEdgesLeftForTraining() {
        // Cora: 5278 undirected edges, 527 held out for test and 263 for validation
        assertEquals(2 * (5278 - 527 - 263), GaeCoraExample.trainEntries(GaeCoraExample.CORA_ENTRIES));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void theSuiteNamesEachNumberByGraphAndStatisticAndSkipsPubmedWithItsReason() throws Exception {
        Path out = tmp.resolve("planetoid");
        SuiteRunner.reproduce(Suites.find("gcn-planetoid").orElseThrow(), request(out, 1, dataDir()), 1);
        JsonNode json = result(out);
        for (String graph : List.of("cora", "citeseer")) {
            double mean = json.get(graph + "_test_accuracy_mean").asDouble();
            assertTrue(mean > 0 && mean <= 100, graph + " " + mean);
            assertEquals(0, json.get(graph + "_test_accuracy_std").asDouble());
            assertEquals(1, json.get(graph + "_test_accuracy_runs").size());
        }
        assertEquals(70.3, json.get("reference").get("citeseer_test_accuracy_mean").asDouble());
        assertTrue(json.get("skipped").get("pubmed").asText().contains("node features are missing"),
                json.get("skipped").toString());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void gaeCoraScoresHeldOutEdges() throws Exception {
        Path out = tmp.resolve("gae");
        ExampleRunner.train(new GaeCoraExample(), request(out, 2, dataDir()));
        JsonNode json = result(out);
        assertEquals(2, json.get("losses").size());
        for (String key : List.of("test_roc_auc", "test_average_precision")) {
            double v = json.get(key).asDouble();
            assertTrue(v > 0 && v <= 100, key + " " + v);
        }
        assertEquals(91.0, json.get("reference").get("test_roc_auc").asDouble());
    }

    /** Cora's link prediction on fresh negatives: 3 epochs lift the validation AUC above chance. */
    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void gcnLinkCoraScoresHeldOutEdgesAfterTrainingOnFreshNegatives() throws Exception {
        Path out = tmp.resolve("link");
        ExampleRunner.train(new GcnLinkCoraExample(), request(out, 3, dataDir()));
        JsonNode json = result(out);
        assertEquals(3, json.get("val_roc_auc_per_epoch").size());
        double auc = json.get("test_roc_auc").asDouble();
        assertTrue(auc > 55 && auc <= 100, "test AUC " + auc);
        assertEquals(91.0, json.get("reference").get("test_roc_auc").asDouble());
        assertEquals("dot", json.get("decoder").asText());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void gcnMutagTrainsTheSeedsFold() throws Exception {
        Path out = tmp.resolve("mutag");
        Example<?> mutag = new GcnMutagExample();
        ExampleRunner.train(mutag, new RunRequest(out, 13L, 5, null, null, null, null, List.of(), null, dataDir(), true,
                null, false));
        JsonNode json = result(out);
        assertEquals(3, json.get("fold").asInt());
        assertEquals(5, json.get(GcnMutagExample.TEST_CURVE).size(), "the test fold's accuracy after every epoch");
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 100, "accuracy " + accuracy);
        assertTrue(Files.size(out.resolve("model.sdz")) > 0);
    }
}
