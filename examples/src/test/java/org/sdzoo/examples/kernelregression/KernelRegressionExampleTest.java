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
import org.sdzoo.zoo.config.ConfigJson;

/** The example with d2l's budget (5 full-batch epochs), through the code path of {@code sdzoo train}. */
class KernelRegressionExampleTest {

    @TempDir
    Path tmp;

    @Test
    void reproducesTheD2lOrderingAndWritesEveryFile() throws Exception {
        Path out = tmp.resolve("run");
        KernelRegressionResult result = KernelRegressionExample.run(
                KernelRegressionExample.Options.defaults(out).withQuiet(true));

        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        for (String field : List.of("mse_average", "mse_nonparametric", "mse_parametric", "w", "seed", "epochs",
                "train_seconds")) {
            assertTrue(json.get(field) != null && json.get(field).isNumber(), field + " is a number in " + json);
        }
        assertEquals(5, json.get("losses").size());
        assertTrue(json.get("mse_parametric").asDouble() < json.get("mse_average").asDouble(),
                "parametric beats the average: " + json);
        assertTrue(Double.isFinite(result.w()[0]), "w is finite: " + result.w()[0]);
        assertEquals(result.mseParametric(), json.get("mse_parametric").asDouble(), 0.0);
        for (String file : List.of("fit.png", "attention.png", "loss.png", "model.sdz", "history.csv")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file + " exists");
        }
        assertTrue(result.table().contains("d2l code in PyTorch") && result.table().contains("1.039945"), result.table());
    }

    @Test
    void sameSeedSameLosses() throws Exception {
        var options = KernelRegressionExample.Options.defaults(null).withQuiet(true).withEpochs(2);
        KernelRegressionResult a = KernelRegressionExample.run(options.withOut(tmp.resolve("a")));
        KernelRegressionResult b = KernelRegressionExample.run(options.withOut(tmp.resolve("b")));
        assertEquals(a.losses(), b.losses());
        assertEquals(a.w()[0], b.w()[0], 0.0);
    }

    @Test
    void anInterruptedRunResumesToTheSameResult() throws Exception {
        var options = KernelRegressionExample.Options.defaults(null).withQuiet(true);
        KernelRegressionResult full = KernelRegressionExample.run(options.withOut(tmp.resolve("full")));
        KernelRegressionExample.run(options.withOut(tmp.resolve("cut")).withMaxSteps(2));
        KernelRegressionResult resumed = KernelRegressionExample.run(options.withOut(tmp.resolve("resumed"))
                .withResume(tmp.resolve("cut").resolve("checkpoints").resolve("last.sdz")));
        assertEquals(full.losses(), resumed.losses());
        assertEquals(full.w()[0], resumed.w()[0], 0.0);
        assertEquals(full.mseParametric(), resumed.mseParametric(), 0.0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelRegressionExample.run(
                options.withSeed(7).withOut(tmp.resolve("other")).withResume(tmp.resolve("cut/checkpoints/last.sdz"))));
        assertTrue(e.getMessage().contains("same --seed"), e.getMessage());
    }

    @Test
    void trainsOnTwoColumnCsvWithoutFitPlot() throws Exception {
        Path csv = tmp.resolve("two.csv");
        StringBuilder s = new StringBuilder("a,b,target\n");
        for (int i = 0; i < 20; i++) {
            double a = i * 0.25;
            double b = (i * 7 % 20) * 0.1;
            s.append(a).append(',').append(b).append(',').append(Math.sin(a) + b).append('\n');
        }
        Files.writeString(csv, s);
        Path out = tmp.resolve("two");
        KernelRegressionResult result = KernelRegressionExample.run(KernelRegressionExample.Options.defaults(out)
                .withQuiet(true).withEpochs(2).withData(csv, List.of("a", "b"), "target"));
        assertEquals(2, result.w().length);
        assertTrue(result.mseKind().contains("leave-one-out"), result.mseKind());
        assertFalse(Files.exists(out.resolve("fit.png")), "no fit plot for two input columns");
        assertTrue(Files.exists(out.resolve("attention.png")));
        assertTrue(ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json"))).get("w").isArray());
    }
}
