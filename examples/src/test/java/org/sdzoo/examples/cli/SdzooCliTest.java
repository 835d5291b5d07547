package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.CsvTable;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.zoo.config.ConfigJson;
import picocli.CommandLine;

/** The command line, run in-process as {@code new CommandLine(new SdzooCli()).execute(...)}. */
class SdzooCliTest {

    /** The d2l PyTorch fixture of sdzoo-zoo (Maven runs tests in the module directory). */
    private static final Path FIXTURES = Path.of("../zoo/src/test/resources/fixtures/kernel_regression");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path model;

    record Run(int exit, String out, String err) {
        /** Asserts a failure reported as exactly one line {@code sdzoo: ...} that contains {@code words}. */
        void assertOneLineError(String words) {
            assertNotEquals(0, exit, "exit code of a failure; out: " + out + " err: " + err);
            List<String> lines = err.strip().lines().toList();
            assertEquals(1, lines.size(), "one line on stderr: " + err);
            assertTrue(lines.get(0).startsWith("sdzoo: "), lines.get(0));
            assertTrue(lines.get(0).contains(words), "'" + words + "' in: " + lines.get(0));
            assertFalse(lines.get(0).contains("internal error"), lines.get(0));
        }
    }

    static Run sdzoo(String... args) {
        return run(new CommandLine(new SdzooCli()), args);
    }

    static Run run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainOnce() {
        Path out = shared.resolve("train");
        Run r = sdzoo("train", "kernel-regression", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("parametric"), r.out());
        model = out.resolve("model.sdz");
        assertTrue(Files.exists(model));
    }

    @Test
    void listNamesTheExampleAndTheArchitecture() {
        Run r = sdzoo("list");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("kernel-regression"), r.out());
        assertTrue(r.out().contains("Nadaraya-Watson"), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("list", "info", "train", "evaluate", "predict", "fine-tune", "import-torch",
                "reproduce", "bench", "translate")) {
            Run r = sdzoo(command, "--help");
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: sdzoo " + command), r.out());
            assertTrue(r.err().isEmpty(), r.err());
        }
    }

    @Test
    void predictWritesEveryOutputByNameToNpzAndOneToNpyOrCsv() throws Exception {
        INDArray grid = NoisySine.testGrid();
        Path xNpy = tmp.resolve("x.npy");
        NumpyFiles.writeNpy(grid, xNpy);
        Path all = tmp.resolve("y.npz");
        Run npz = sdzoo("predict", "--model", model.toString(), "--input", "queries=" + xNpy, "--output", all.toString());
        assertEquals(0, npz.exit(), npz.err());
        Map<String, INDArray> outputs = NumpyFiles.readNpz(all);
        assertEquals(List.of(50L), Arrays.stream(outputs.get("predictions").shape()).boxed().toList());
        assertEquals(List.of(50L, 50L), Arrays.stream(outputs.get("attention").shape()).boxed().toList());

        Path yNpy = tmp.resolve("y.npy");
        assertEquals(0, sdzoo("predict", "--model", model.toString(), "--input", xNpy.toString(), "--output",
                yNpy.toString()).exit());
        INDArray fromNpy = NumpyFiles.readNpy(yNpy);

        Path xCsv = tmp.resolve("x.csv");
        CsvTable.write(xCsv, List.of("x"), grid);
        Path yCsv = tmp.resolve("y.csv");
        Run csv = sdzoo("predict", "--model", model.toString(), "--input", "queries=" + xCsv, "--output",
                yCsv.toString());
        assertEquals(0, csv.exit(), csv.err());
        CsvTable table = CsvTable.read(yCsv);
        assertEquals(List.of("predictions"), table.header());
        INDArray fromCsv = table.column("predictions", DataType.DOUBLE);
        for (int i = 0; i < 50; i++) {
            assertEquals(fromNpy.getDouble(i), fromCsv.getDouble(i), 1e-6, "row " + i);
            assertEquals(fromNpy.getDouble(i), outputs.get("predictions").getDouble(i), 0.0, "row " + i);
        }
    }

    @Test
    void predictTakesANpzOfNamedInputs() throws Exception {
        Path inputs = tmp.resolve("in.npz");
        NumpyFiles.writeNpz(Map.of("queries", NoisySine.testGrid().reshape(-1, 1)), inputs);
        Path y = tmp.resolve("y.npz");
        Run r = sdzoo("predict", "--model", model.toString(), "--input", inputs.toString(), "--output", y.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(NumpyFiles.readNpz(y).containsKey("predictions"));
        sdzoo("predict", "--model", model.toString(), "--input", "tokens=" + inputs, "--output", y.toString())
                .assertOneLineError("has no input 'tokens'");
    }

    @Test
    void importTorchMatchesPyTorchPredictions() throws Exception {
        Path imported = tmp.resolve("nw.sdz");
        Path parity = FIXTURES.resolve("nw_parity.npz");
        Run r = sdzoo("import-torch", "--arch", "kernel-regression", "--weights",
                FIXTURES.resolve("nw_state_dict.npz").toString(), "--extra", "keys=" + parity + ":x_train",
                "--extra", "values=" + parity + ":y_train", "--out", imported.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, INDArray> fixture = NumpyFiles.readNpz(parity);
        Path x = tmp.resolve("x_test.npy");
        NumpyFiles.writeNpy(fixture.get("x_test"), x);
        Path y = tmp.resolve("y_hat.npy");
        Run p = sdzoo("predict", "--model", imported.toString(), "--input", x.toString(), "--output", y.toString());
        assertEquals(0, p.exit(), p.err());
        INDArray expected = fixture.get("y_hat_param");
        INDArray actual = NumpyFiles.readNpy(y);
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.getDouble(i), actual.getDouble(i), 1e-4, "y_hat_param at " + i);
        }
        Run info = sdzoo("info", imported.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("sha256 nw_state_dict.npz"), info.out());
    }

    @Test
    void infoShowsShapesTypesParametersAndProvenance() {
        Run r = sdzoo("info", model.toString());
        assertEquals(0, r.exit(), r.err());
        for (String words : List.of("kernel-regression", "queries", "[Q, F]", "float", "predictions", "attention",
                "parameters: 1", "\"optimizer\" : \"SGD\"", "NoisySine(50, 0.5, seed 42)", "written by sdzoo")) {
            assertTrue(r.out().contains(words), "'" + words + "' in:\n" + r.out());
        }
    }

    @Test
    void evaluateOnCsvAndOnItsOwnMemory() throws Exception {
        Path csv = noisySineCsv(tmp.resolve("test.csv"), 7);
        Path out = tmp.resolve("eval");
        Run r = sdzoo("evaluate", "--model", model.toString(), "--data", csv.toString(), "--x", "x", "--y", "y",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertTrue(json.get("mse").isNumber() && json.get("mse").asDouble() < 1, json.toString());

        Run own = sdzoo("evaluate", "--model", model.toString());
        assertEquals(0, own.exit(), own.err());
        assertTrue(own.out().contains("the data it carries") && own.out().contains("mse"), own.out());
    }

    @Test
    void fineTuneWritesModelHistoryAndResult() throws Exception {
        Path csv = noisySineCsv(tmp.resolve("new.csv"), 11);
        Path out = tmp.resolve("ft");
        Run r = sdzoo("fine-tune", "--model", model.toString(), "--data", csv.toString(), "--x", "x", "--y", "y",
                "--epochs", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        for (String file : List.of("model.sdz", "history.csv", "result.json", "loss.png")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertEquals(2, json.get("losses").size());
        assertTrue(json.get("mse").asDouble() <= json.get("reference").get("mse").asDouble(),
                "fine-tuning lowers the training MSE: " + json);
    }

    @Test
    void fineTuneOffersNoConfigOverridesItWouldRefuse() {
        assertTrue(sdzoo("train", "--help").out().contains("--config"));
        assertFalse(sdzoo("fine-tune", "--help").out().contains("--config"));
        Run r = sdzoo("fine-tune", "--model", model.toString(), "--config", "c.json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("Unknown options: '--config'"), r.err());
    }

    @Test
    void reproduceWithATinyBudget() throws Exception {
        Path out = tmp.resolve("repro");
        Run r = sdzoo("reproduce", "kernel-regression", "--runs", "2", "--epochs", "1", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("±") && r.out().contains("published"), r.out());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertTrue(json.get("seed-42").isNumber() && json.get("seed-43").isNumber() && json.get("mean").isNumber(),
                json.toString());
    }

    @Test
    void benchSmoke() throws Exception {
        Path out = tmp.resolve("bench");
        Run r = sdzoo("bench", "kernel-regression", "--iterations", "5", "--repeats", "1", "--no-torch", "--out",
                out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("recorded on the development machine"), r.out());
        assertTrue(r.out().contains("warning: 5 iterations") && r.out().contains("ratios mean nothing"), r.out());
        assertTrue(ConfigJson.mapper().readTree(Files.readString(out.resolve("bench.json")))
                .get("train_step_ms").get("median").isNumber());
    }

    @Test
    void benchAllWritesOneTableAndResultJson() throws Exception {
        Path out = tmp.resolve("bench-all");
        Run r = sdzoo("bench", "--all", "--iterations", "1", "--repeats", "1", "--no-torch", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("kernel-regression") && r.out().contains("PyTorch skipped: --no-torch"), r.out());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertTrue(json.get("models").get("kernel-regression").get("sdzoo_train_step_ms").get("median").isNumber(),
                json.toString());
    }

    @Test
    void aFamilysNameBenchesItsExamplesWithABenchmark() {
        assertEquals(List.of("tcn-adding", "tcn-pmnist", "tcn-seq-mnist"),
                BenchCommand.family("tcn").stream().map(org.sdzoo.examples.Example::name).toList());
        // 'gcn' is an example (your own graph) without a benchmark: its family's is gcn-cora's
        assertEquals(List.of("gcn-cora"), BenchCommand.family("gcn").stream().map(org.sdzoo.examples.Example::name).toList());
        assertTrue(BenchCommand.family("kernel-regression").isEmpty(), "an example with a benchmark runs alone");
        assertTrue(BenchCommand.family("tcn-adding").isEmpty());
        sdzoo("bench", "nope", "--no-torch").assertOneLineError("unknown example 'nope'");
    }

    @Test
    void benchNeedsANameOrAllButNotBoth() {
        sdzoo("bench").assertOneLineError("or give --all");
        sdzoo("bench", "kernel-regression", "--all").assertOneLineError("not both");
        sdzoo("bench", "--all", "--seconds", "-1").assertOneLineError("--seconds must be 0 or more");
    }

    @Test
    void benchMeasuresPyTorchBesideItWhenInstalled() throws Exception {
        Assumptions.assumeTrue(torchInstalled(), "needs /usr/bin/python3 with python3-torch");
        Run r = sdzoo("bench", "kernel-regression", "--iterations", "5", "--repeats", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("measured now on this machine"), r.out());
    }

    private static boolean torchInstalled() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").start();
        return p.waitFor() == 0;
    }

    // ---- bad input: exit code != 0, one line naming the problem, no output file ----

    @Test
    void missingModelFile() {
        Path y = tmp.resolve("y.npy");
        Path x = tmp.resolve("x.npy");
        Run r = sdzoo("predict", "--model", tmp.resolve("nope.sdz").toString(), "--input", x.toString(), "--output",
                y.toString());
        r.assertOneLineError("nope.sdz");
        assertFalse(Files.exists(y));
        sdzoo("evaluate", "--model", tmp.resolve("nope.sdz").toString()).assertOneLineError("does not exist");
    }

    @Test
    void truncatedModelArchive() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path half = tmp.resolve("half.sdz");
        Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
        Path x = tmp.resolve("x.npy");
        NumpyFiles.writeNpy(NoisySine.testGrid(), x);
        Path y = tmp.resolve("y.npy");
        Run r = sdzoo("predict", "--model", half.toString(), "--input", x.toString(), "--output", y.toString());
        r.assertOneLineError("half.sdz");
        assertTrue(r.err().contains("truncated"), r.err());
        assertFalse(Files.exists(y));
    }

    @Test
    void csvMissingTheXColumn() throws Exception {
        Path csv = noisySineCsv(tmp.resolve("d.csv"), 3);
        Path out = tmp.resolve("out");
        sdzoo("train", "kernel-regression", "--data", csv.toString(), "--x", "size", "--y", "y", "--out",
                out.toString(), "--quiet").assertOneLineError("no column 'size'");
        assertFalse(Files.exists(out));
    }

    @Test
    void csvWithNonNumberAndWithNaN() throws Exception {
        Path text = tmp.resolve("text.csv");
        Files.writeString(text, "x,y\n1,2\n2,abc\n3,4\n");
        Path out = tmp.resolve("out");
        sdzoo("train", "kernel-regression", "--data", text.toString(), "--x", "x", "--y", "y", "--out",
                out.toString(), "--quiet").assertOneLineError("'abc' is not a number");
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, "x,y\n1,2\nNaN,3\n3,4\n");
        sdzoo("train", "kernel-regression", "--data", nan.toString(), "--x", "x", "--y", "y", "--out",
                out.toString(), "--quiet").assertOneLineError("is NaN");
        assertFalse(Files.exists(out));
    }

    @Test
    void importTorchWithWrongNameOrShape() throws Exception {
        Path out = tmp.resolve("bad.sdz");
        Path parity = FIXTURES.resolve("nw_parity.npz");
        String keys = "keys=" + parity + ":x_train";
        String values = "values=" + parity + ":y_train";
        Path wrongName = tmp.resolve("weight.npz");
        NumpyFiles.writeNpz(Map.of("weight", Nd4j.createFromArray(new float[] {4.8f})), wrongName);
        sdzoo("import-torch", "--arch", "kernel-regression", "--weights", wrongName.toString(), "--extra",
                keys, "--extra", values, "--out", out.toString()).assertOneLineError("'w' is missing");
        Path wrongShape = tmp.resolve("shape.npz");
        NumpyFiles.writeNpz(Map.of("w", Nd4j.createFromArray(new float[] {1f, 2f})), wrongShape);
        sdzoo("import-torch", "--arch", "kernel-regression", "--weights", wrongShape.toString(), "--extra",
                keys, "--extra", values, "--out", out.toString()).assertOneLineError("'w' has shape [2]");
        assertFalse(Files.exists(out));
    }

    @Test
    void configWithNegativeNumFeatures() throws Exception {
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "{\"numFeatures\": -1}");
        Path out = tmp.resolve("out");
        sdzoo("train", "kernel-regression", "--config", config.toString(), "--out", out.toString(), "--quiet")
                .assertOneLineError("numFeatures must be positive");
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownArchitectureOrExample() {
        Path out = tmp.resolve("x.sdz");
        sdzoo("import-torch", "--arch", "resnet", "--weights", FIXTURES.resolve("nw_state_dict.npz").toString(),
                "--out", out.toString()).assertOneLineError("unknown architecture 'resnet'");
        sdzoo("train", "resnet").assertOneLineError("unknown example or architecture 'resnet'");
        assertFalse(Files.exists(out));
    }

    @Test
    void outputDirectoryIsFreshOrRefused() throws Exception {
        sdzoo("train", "kernel-regression", "--out", "", "--quiet").assertOneLineError("--out is empty");
        Path used = shared.resolve("train");
        sdzoo("train", "kernel-regression", "--out", used.toString(), "--epochs", "1", "--quiet")
                .assertOneLineError("already holds another run");
        Path other = tmp.resolve("notes");
        Files.createDirectories(other);
        Files.writeString(other.resolve("notes.txt"), "mine");
        sdzoo("train", "kernel-regression", "--out", other.toString(), "--overwrite", "--quiet")
                .assertOneLineError("not an sdzoo run");
        assertTrue(Files.exists(other.resolve("notes.txt")));

        Path again = tmp.resolve("again");
        assertEquals(0, sdzoo("train", "kernel-regression", "--out", again.toString(), "--epochs", "1", "--quiet").exit());
        Files.writeString(again.resolve("fit-old.png"), "stale");
        Run r = sdzoo("train", "kernel-regression", "--out", again.toString(), "--epochs", "1", "--quiet",
                "--overwrite");
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(again.resolve("fit-old.png")), "--overwrite leaves nothing of the earlier run");
    }

    @Test
    void aMissingResumeFileNamesTheFlagAndCreatesNothing() {
        Path out = tmp.resolve("resumed");
        Run r = sdzoo("train", "kernel-regression", "--resume", tmp.resolve("nope/last.sdz").toString(), "--out",
                out.toString(), "--quiet");
        r.assertOneLineError("--resume");
        assertTrue(r.err().contains("does not exist") && !r.err().contains("--model"), r.err());
        assertFalse(Files.exists(out), "a refused --resume leaves no directory");
    }

    @Test
    void nanInImportedWeightsSaysTheWeightsAreBad() throws Exception {
        Path nan = tmp.resolve("nan.npz");
        NumpyFiles.writeNpz(Map.of("w", Nd4j.createFromArray(new float[] {Float.NaN})), nan);
        Path parity = FIXTURES.resolve("nw_parity.npz");
        Run r = sdzoo("import-torch", "--arch", "kernel-regression", "--weights", nan.toString(), "--extra",
                "keys=" + parity + ":x_train", "--extra", "values=" + parity + ":y_train", "--out",
                tmp.resolve("nan.sdz").toString());
        r.assertOneLineError("parameter 'w' holds 1 NaN value");
        assertFalse(r.err().contains("rows"), r.err());
    }

    @Test
    void anUnwritableOutputSaysWhy() {
        Path out = tmp.resolve("no/such/dir/m.sdz");
        Run r = sdzoo("import-torch", "--arch", "kernel-regression", "--weights",
                FIXTURES.resolve("nw_state_dict.npz").toString(), "--out", out.toString());
        r.assertOneLineError("cannot be written: its directory");
        assertFalse(r.err().contains("no such file"), r.err());
        Path x = tmp.resolve("x.npy");
        sdzoo("predict", "--model", model.toString(), "--input", x.toString(), "--output",
                tmp.resolve("missing/y.npz").toString()).assertOneLineError("--output");
    }

    @Test
    void anEmptyInputIsRefusedInJava() throws Exception {
        Path empty = tmp.resolve("empty.npy");
        NumpyFiles.writeNpy(Nd4j.create(DataType.FLOAT, 0, 1), empty);
        Path y = tmp.resolve("y.npy");
        sdzoo("predict", "--model", model.toString(), "--input", empty.toString(), "--output", y.toString())
                .assertOneLineError("is empty");
        assertFalse(Files.exists(y));
    }

    @Test
    void aConfigThatIsNotAnObjectGetsASuggestionThatWorks() throws Exception {
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "[1]");
        Run r = sdzoo("train", "kernel-regression", "--config", config.toString(), "--out",
                tmp.resolve("o").toString(), "--quiet");
        r.assertOneLineError("such as {");
        String suggestion = r.err().substring(r.err().indexOf("such as ") + 8).strip();
        Files.writeString(config, suggestion);
        Run ok = sdzoo("train", "kernel-regression", "--config", config.toString(), "--out",
                tmp.resolve("o").toString(), "--epochs", "1", "--quiet");
        assertEquals(0, ok.exit(), suggestion + ": " + ok.err());
    }

    @Test
    void badFlagValuesAreNamedAsTyped() {
        sdzoo("train", "kernel-regression", "--lr", "-1", "--out", tmp.resolve("o").toString())
                .assertOneLineError("--lr must be a positive number");
        sdzoo("train", "kernel-regression", "--epochs", "0", "--out", tmp.resolve("o").toString())
                .assertOneLineError("--epochs must be at least 1");
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void usageErrorIsOneLineWithExitCode2() {
        Run r = run(SdzooCli.commandLine(), "train", "kernel-regression", "--bogus");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("sdzoo: Unknown option: '--bogus'"), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Run r = sdzoo("train", "resnet", "--verbose");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("at org.sdzoo"), r.err());
    }

    private static Path noisySineCsv(Path file, long seed) throws Exception {
        NoisySine.Regression1D d = NoisySine.generate(30, 0.5, seed);
        CsvTable.write(file, List.of("x", "y"), Nd4j.hstack(d.x(), d.y().reshape(-1, 1)));
        return file;
    }
}
