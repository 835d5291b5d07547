package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdzoo.examples.cli.SdzooCliTest.sdzoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.examples.cli.SdzooCliTest.Run;
import org.sdzoo.zoo.config.ConfigJson;

/**
 * The TCN through the command line: a CSV forecaster trained, fine-tuned on a second CSV and
 * refused bad series; a locuslab state_dict imported and run with {@code predict}; the
 * receptive field shown by {@code info}.
 */
class TcnCliTest {

    /** locuslab fixtures of sdzoo-zoo (fixtures/tcn/make_fixture.py). */
    private static final Path FIXTURE = Path.of("../zoo/src/test/resources/fixtures/tcn/tcn.npz");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path config;
    private static Path forecaster;

    /** Two sine waves and a time column, {@code rows} steps from {@code phase}. */
    static Path series(Path file, int rows, double phase) throws Exception {
        StringBuilder s = new StringBuilder("time,load,temp\n");
        for (int t = 0; t < rows; t++) {
            s.append(t).append(',').append(Math.sin(0.3 * t + phase)).append(',')
                    .append(Math.cos(0.1 * t + phase) + 0.01 * t).append('\n');
        }
        Files.writeString(file, s.toString());
        return file;
    }

    @BeforeAll
    static void trainAForecaster() throws Exception {
        config = shared.resolve("tiny.json");
        Files.writeString(config, "{\"channels\": [4, 4], \"kernelSize\": 2}");
        Path out = shared.resolve("ett");
        Run r = sdzoo("train", "tcn-ett", "--data", series(shared.resolve("a.csv"), 120, 0).toString(), "--time", "time",
                "--y", "temp", "--x", "load", "--window", "8", "--horizon", "4", "--config", config.toString(),
                "--epochs", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("persistence"), r.out());
        forecaster = out.resolve("model.sdz");
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertTrue(json.get("test_mse").isNumber() && json.get("reference").get("test_mae").isNumber(), json.toString());
        assertEquals(4, json.get("horizon").asInt());
        assertTrue(Files.exists(out.resolve("forecast.png")));
    }

    @Test
    void fineTuneContinuesOnASecondCsvWithTheSameColumns() throws Exception {
        Path out = tmp.resolve("ft");
        Run r = sdzoo("fine-tune", "--model", forecaster.toString(), "--data",
                series(tmp.resolve("b.csv"), 100, 1.0).toString(), "--time", "time", "--y", "temp", "--x", "load",
                "--window", "8", "--horizon", "4", "--epochs", "3", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertEquals(3, json.get("losses").size());
        assertTrue(json.get("mse").asDouble() < json.get("reference").get("mse").asDouble(),
                "fine-tuning lowers the training MSE: " + json);
        sdzoo("fine-tune", "--model", forecaster.toString(), "--data", tmp.resolve("b.csv").toString(), "--time", "time",
                "--y", "temp", "--x", "load", "--window", "8", "--horizon", "6", "--out", tmp.resolve("ft2").toString(),
                "--quiet").assertOneLineError("forecasts 4 steps but --horizon is 6: give --horizon 4");
        sdzoo("fine-tune", "--model", forecaster.toString(), "--data", tmp.resolve("b.csv").toString(), "--time", "time",
                "--y", "temp", "--window", "8", "--horizon", "4", "--out", tmp.resolve("ft3").toString(), "--quiet")
                .assertOneLineError("repeat the --x and --y of its training");
    }

    @Test
    void badSeriesAreRefusedInOneSentence() throws Exception {
        Path out = tmp.resolve("out");
        String[] common = {"--time", "time", "--y", "temp", "--window", "8", "--horizon", "4", "--out", out.toString(),
            "--quiet"};
        Path missing = tmp.resolve("missing.csv");
        Files.writeString(missing, Files.readString(series(tmp.resolve("m.csv"), 60, 0)).replaceFirst("\n3,([^,]*),[^\n]*",
                "\n3,$1,"));
        train(missing, common).assertOneLineError("has missing values (row 4 column 'temp')");
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, Files.readString(series(tmp.resolve("t.csv"), 60, 0)).replaceFirst("\n5,([^,]*),[^\n]*",
                "\n5,$1,warm"));
        train(text, common).assertOneLineError("'warm' is not a number");
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, Files.readString(series(tmp.resolve("n.csv"), 60, 0)).replaceFirst("\n7,([^,]*),[^\n]*",
                "\n7,$1,NaN"));
        train(nan, common).assertOneLineError("has missing values (row 8 column 'temp')");
        Path shortSeries = series(tmp.resolve("short.csv"), 20, 0);
        sdzoo("train", "tcn-ett", "--data", shortSeries.toString(), "--time", "time", "--y", "temp", "--window", "8",
                "--horizon", "30", "--out", out.toString(), "--quiet")
                .assertOneLineError("--horizon 30 after a window of 8 steps needs 38 rows but short.csv has 20");
        sdzoo("train", "tcn-ett", "--data", shortSeries.toString(), "--time", "when", "--y", "temp", "--out",
                out.toString(), "--quiet").assertOneLineError("has no time column 'when'");
        sdzoo("train", "tcn-ett", "--data", shortSeries.toString(), "--y", "temp", "--out", out.toString(), "--quiet")
                .assertOneLineError("name the time column of short.csv with --time");
        assertFalse(Files.exists(out), "a refused run writes nothing");
    }

    private static Run train(Path csv, String... common) {
        String[] args = new String[common.length + 4];
        args[0] = "train";
        args[1] = "tcn-ett";
        args[2] = "--data";
        args[3] = csv.toString();
        System.arraycopy(common, 0, args, 4, common.length);
        return sdzoo(args);
    }

    @Test
    void importsALocuslabStateDictWithDuplicateKeysAndPredictsBothOutputs() throws Exception {
        Map<String, INDArray> fixture = NumpyFiles.readNpz(FIXTURE);
        Map<String, INDArray> stateDict = new LinkedHashMap<>();
        fixture.forEach((k, v) -> {
            if (k.startsWith("head.sd.")) {
                stateDict.put(k.substring("head.sd.".length()), v);
            }
        });
        assertTrue(stateDict.containsKey("tcn.network.0.net.0.weight_v"), "locuslab's duplicated keys");
        Path weights = tmp.resolve("sd.npz");
        NumpyFiles.writeNpz(stateDict, weights);
        Path cfg = tmp.resolve("c.json");
        Files.writeString(cfg, "{\"precision\": \"float64\"}");
        Path model = tmp.resolve("tcn.sdz");
        Run imported = sdzoo("import-torch", "--arch", "tcn", "--weights", weights.toString(), "--config",
                cfg.toString(), "--out", model.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.out().contains("Receptive field: 7 steps"), imported.out());

        Path x = tmp.resolve("x.npy");
        NumpyFiles.writeNpy(fixture.get("head.input"), x);                       // [B, C, T]
        Path y = tmp.resolve("y.npz");
        Run p = sdzoo("predict", "--model", model.toString(), "--input", "x=" + x, "--output", y.toString());
        assertEquals(0, p.exit(), p.err());
        Map<String, INDArray> outputs = NumpyFiles.readNpz(y);
        assertTrue(fixture.get("head.output").equalsWithEps(outputs.get("output"), 1e-10), outputs.toString());
        assertEquals(3, outputs.get("features").rank());
        assertEquals(9, outputs.get("features").size(2));

        Path wrong = tmp.resolve("wrong.npy");
        NumpyFiles.writeNpy(fixture.get("head.input").permute(0, 2, 1).dup(), wrong);   // [B, T, C]
        sdzoo("predict", "--model", model.toString(), "--input", "x=" + wrong, "--output",
                tmp.resolve("w.npz").toString()).assertOneLineError("it looks like [B, T, C]");
    }

    @Test
    void infoShowsTheReceptiveField() {
        Run arch = sdzoo("info", "tcn");
        assertEquals(0, arch.exit(), arch.err());
        assertTrue(arch.out().contains("Receptive field: 3061 steps (kernel 7, 8 levels"), arch.out());
        Run archive = sdzoo("info", forecaster.toString());
        assertEquals(0, archive.exit(), archive.err());
        assertTrue(archive.out().contains("Receptive field: 7 steps"), archive.out());
    }
}
