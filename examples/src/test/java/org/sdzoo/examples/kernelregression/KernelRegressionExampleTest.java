package org.sdzoo.examples.kernelregression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ExampleRunner.Outcome;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.io.ArchiveMetadata;
import org.sdzoo.zoo.io.ModelArchive;

/** The example through the code path of {@code sdzoo train}, with d2l's budget (5 full-batch epochs). */
class KernelRegressionExampleTest {

    private static final KernelRegressionExample EXAMPLE = new KernelRegressionExample();

    @TempDir
    Path tmp;

    private static RunRequest request(Path out, Long seed, Integer epochs, Long maxSteps, Path resume) {
        return new RunRequest(out, seed, epochs, null, maxSteps, null, null, List.of(), null, null, true, resume, false);
    }

    private static JsonNode json(Path out) throws Exception {
        return ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
    }

    /** d2l's run with seed 42: the numbers the README quotes. */
    @Test
    void keepsD2lNumbersAndWritesEveryFile() throws Exception {
        Path out = tmp.resolve("run");
        Outcome o = ExampleRunner.train(EXAMPLE, RunRequest.quiet(out));
        JsonNode json = json(out);
        double[] losses = {15.175483, 11.705987, 11.665626, 11.621391, 11.572685};
        for (int e = 0; e < 5; e++) {
            assertEquals(losses[e], json.get("losses").get(e).asDouble(), 5e-7, "epoch " + (e + 1));
        }
        assertEquals(6.325949, json.get("w").asDouble(), 5e-7);
        assertEquals(0.955669, json.get("mse_average").asDouble(), 5e-7);
        assertEquals(0.629439, json.get("mse_nonparametric").asDouble(), 5e-7);
        assertEquals(0.108604, json.get("mse_parametric").asDouble(), 5e-7);
        assertEquals(1.039945, json.get("reference").get("mse_average").asDouble(), 0.0);
        for (String file : List.of("fit.png", "attention.png", "loss.png", "model.sdz", "history.csv")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " exists");
        }
        String table = o.text();
        assertTrue(table.contains("15.175483") && table.contains("6.325949") && table.contains("0.108604")
                && table.contains("1.039945"), table);
    }

    @Test
    void theArchiveRecordsItsProvenance() throws Exception {
        Path out = tmp.resolve("run");
        ExampleRunner.train(EXAMPLE, request(out, null, 1, null, null));
        ArchiveMetadata m = ModelArchive.read(out.resolve("model.sdz")).metadata();
        assertEquals("SGD", m.trainer().get("optimizer").asText());
        assertEquals(0.5, m.trainer().get("learningRate").asDouble(), 0.0);
        assertTrue(m.dataSha256().isEmpty(), "generated data has no file");
        assertTrue(m.sdzooVersion() != null && !m.sdzooVersion().isBlank());
        assertTrue(m.metrics().containsKey("mse_parametric"), m.metrics().toString());
    }

    @Test
    void sameSeedSameLosses() throws Exception {
        ExampleRunner.train(EXAMPLE, request(tmp.resolve("a"), null, 2, null, null));
        ExampleRunner.train(EXAMPLE, request(tmp.resolve("b"), null, 2, null, null));
        assertEquals(json(tmp.resolve("a")).get("losses"), json(tmp.resolve("b")).get("losses"));
    }

    @Test
    void anInterruptedRunResumesToTheSameResult() throws Exception {
        ExampleRunner.train(EXAMPLE, request(tmp.resolve("full"), null, null, null, null));
        ExampleRunner.train(EXAMPLE, request(tmp.resolve("cut"), null, null, 2L, null));
        Path last = tmp.resolve("cut/checkpoints/last.sdz");
        ExampleRunner.train(EXAMPLE, request(tmp.resolve("resumed"), null, null, null, last));
        JsonNode full = json(tmp.resolve("full"));
        JsonNode resumed = json(tmp.resolve("resumed"));
        assertEquals(full.get("losses"), resumed.get("losses"));
        assertEquals(full.get("w"), resumed.get("w"));
        assertEquals(full.get("mse_parametric"), resumed.get("mse_parametric"));

        Path other = tmp.resolve("other");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleRunner.train(EXAMPLE, request(other, 7L, null, null, last)));
        assertTrue(e.getMessage().contains("same --seed"), e.getMessage());
        assertFalse(Files.exists(other), "a refused --resume creates no directory");
    }

    @Test
    void trainsOnTwoColumnCsvWithoutFitPlotAndRecordsTheFileDigest() throws Exception {
        Path csv = tmp.resolve("two.csv");
        StringBuilder s = new StringBuilder("a,b,target\n");
        for (int i = 0; i < 20; i++) {
            double a = i * 0.25;
            double b = (i * 7 % 20) * 0.1;
            s.append(a).append(',').append(b).append(',').append(Math.sin(a) + b).append('\n');
        }
        Files.writeString(csv, s);
        Path out = tmp.resolve("two");
        Outcome o = ExampleRunner.train(EXAMPLE, new RunRequest(out, null, 2, null, null, null, csv,
                List.of("a", "b"), "target", null, true, null, false));
        assertTrue(o.text().contains("leave-one-out"), o.text());
        assertFalse(Files.exists(out.resolve("fit.png")), "no fit plot for two input columns");
        assertTrue(Files.exists(out.resolve("attention.png")));
        assertTrue(json(out).get("w").isArray());
        String sha = ModelArchive.read(out.resolve("model.sdz")).metadata().dataSha256().get("two.csv");
        assertEquals(64, sha.length(), "SHA-256 of two.csv: " + sha);
    }

    @Test
    void reproduceCollectsEveryRunAndTheSummary() throws Exception {
        Path out = tmp.resolve("repro");
        Outcome o = ExampleRunner.reproduce(EXAMPLE, request(out, null, 1, null, null), 2);
        JsonNode json = json(out);
        double a = json.get("seed-42").asDouble();
        double b = json.get("seed-43").asDouble();
        assertEquals((a + b) / 2, json.get("mean").asDouble(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), json.get("std").asDouble(), 1e-12);
        assertEquals(0.091369, json.get("reference").get("mean").asDouble(), 0.0);
        assertEquals(2, json.get("runs").asInt());
        assertTrue(Files.exists(out.resolve("seed-43/model.sdz")));
        assertTrue(o.text().contains("±") && o.text().contains("0.091369"), o.text());
        assertEquals(10, EXAMPLE.protocol().orElseThrow().runs(), "d2l's protocol here: 10 seeds");
    }
}
