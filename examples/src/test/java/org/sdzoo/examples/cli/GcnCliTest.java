package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdzoo.examples.cli.SdzooCliTest.sdzoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.KarateClub;
import org.sdzoo.examples.gcn.GcnGraphExample;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.models.gcn.Gcn;

/**
 * GCN on the command line: {@code import-torch --arch gcn} of pygcn and PyG state_dicts, then
 * {@code predict} against PyTorch (fixture written by {@code fixtures/gcn_cli/make_fixture.py}),
 * and {@code train gcn --data-dir} on a user graph in CSV with its bad inputs.
 */
class GcnCliTest {

    /** Maven runs the tests in the module directory. */
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/gcn_cli");
    /** float32 inference against float64 PyTorch. */
    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path tmp;

    @Test
    void importsPygcnAndPygStateDictsAndPredictsLikePyTorch() throws Exception {
        Map<String, INDArray> expected = NumpyFiles.readNpz(FIXTURES.resolve("expected.npz"));
        for (String layout : new String[] {"pygcn", "pyg"}) {
            Path model = tmp.resolve(layout + ".sdz");
            SdzooCliTest.Run imported = sdzoo("import-torch", "--arch", "gcn", "--weights",
                    FIXTURES.resolve(layout + ".npz").toString(), "--out", model.toString());
            assertEquals(0, imported.exit(), imported.err());
            Path out = tmp.resolve(layout + ".npz");
            SdzooCliTest.Run plain = sdzoo("predict", "--model", model.toString(), "--input",
                    "features=" + FIXTURES.resolve("x.npy"), "--input", "edges=" + FIXTURES.resolve("e.npy"),
                    "--output", out.toString());
            assertEquals(0, plain.exit(), plain.err());
            assertOutputs(expected, "", NumpyFiles.readNpz(out), layout);
            Path weighted = tmp.resolve(layout + "-weighted.npz");
            SdzooCliTest.Run w = sdzoo("predict", "--model", model.toString(), "--input",
                    "features=" + FIXTURES.resolve("x.npy"), "--input", "edges=" + FIXTURES.resolve("e.npy"),
                    "--input", "edge_weight=" + FIXTURES.resolve("w.npy"), "--output", weighted.toString());
            assertEquals(0, w.exit(), w.err());
            assertOutputs(expected, "_weighted", NumpyFiles.readNpz(weighted), layout + " with edge weights");
        }
    }

    private static void assertOutputs(Map<String, INDArray> expected, String suffix, Map<String, INDArray> actual,
                                      String what) {
        for (String name : new String[] {Gcn.LOGITS, Gcn.LOG_PROBABILITIES}) {
            INDArray e = expected.get(name + suffix);
            INDArray a = actual.get(name);
            assertArrayEquals(e.shape(), a.shape(), what + " " + name + " is [N, classes]");
            double diff = e.castTo(DataType.DOUBLE).sub(a.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(diff < TOLERANCE, what + " " + name + " differs from PyTorch by " + diff);
        }
    }

    /** The karate club as a user's CSV files: edges (both directions), labels without a split column. */
    private Path karateCsv(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        GraphData karate = KarateClub.load();
        StringBuilder edges = new StringBuilder("source,target\n");
        int[] s = karate.sources();
        int[] t = karate.targets();
        for (int e = 0; e < s.length; e++) {
            edges.append(s[e]).append(',').append(t[e]).append('\n');
        }
        Files.writeString(dir.resolve(GcnGraphExample.EDGES), edges);
        StringBuilder labels = new StringBuilder("node,label\n");
        int[] y = karate.labelArray();
        for (int i = 0; i < y.length; i++) {
            labels.append(i).append(',').append(y[i]).append('\n');
        }
        Files.writeString(dir.resolve(GcnGraphExample.LABELS), labels);
        return dir;
    }

    @Test
    void trainsOnAUserGraphWithASeededRandomSplitAndEvaluatesIt() throws Exception {
        Path data = karateCsv("karate");
        Path out = tmp.resolve("run");
        SdzooCliTest.Run r = sdzoo("train", "gcn", "--data-dir", data.toString(), "--epochs", "20", "--out",
                out.toString(), "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("random split stratified by class, seed 1"), r.out());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1, "accuracy " + accuracy);
        SdzooCliTest.Run evaluated = sdzoo("evaluate", "--model", out.resolve("model.sdz").toString(), "--data",
                data.resolve(GcnGraphExample.EDGES).toString());
        assertEquals(0, evaluated.exit(), evaluated.err());
        assertTrue(evaluated.out().contains("accuracy"), evaluated.out());

        // a third class: the 2-class model is refused, before any file is written
        Path threeClasses = karateCsv("karate3");
        StringBuilder labels = new StringBuilder("node,label\n");
        for (int i = 0; i < 34; i++) {
            labels.append(i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(threeClasses.resolve(GcnGraphExample.LABELS), labels);
        Path fineTuned = tmp.resolve("fine-tuned");
        sdzoo("fine-tune", "--model", out.resolve("model.sdz").toString(), "--data",
                threeClasses.resolve(GcnGraphExample.EDGES).toString(), "--out", fineTuned.toString())
                .assertOneLineError("a model of 2 classes cannot learn more");
        assertTrue(!Files.exists(fineTuned), "fine-tune wrote " + fineTuned + " before refusing the labels");
    }

    /** One variant of gcn-cora's benchmark (no data needed: a random graph of Cora's shapes); the others are not built. */
    @Test
    void benchTimesTheChosenVariantOfCorasShapes() throws Exception {
        Path out = tmp.resolve("bench");
        SdzooCliTest.Run r = sdzoo("bench", "gcn-cora", "--variant", "edge-list+csr", "--iterations", "1", "--repeats",
                "1", "--no-torch", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("gcn-cora [edge-list+csr]") && r.out().contains("peak resident memory"), r.out());
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("bench.json")));
        assertEquals("edge-list+csr", json.get("variant").asText());
        // the CSR form's own recorded medians, not another form's
        assertEquals(5.81, json.get("torch_train_step_ms").asDouble(), 0, "PyTorch's recorded step, without --no-torch's run");
        assertTrue(json.get("train_step_ms").get("median").asDouble() > 0);
        sdzoo("bench", "gcn-cora", "--variant", "sparse", "--no-torch")
                .assertOneLineError("--variant sparse: gcn-cora's benchmark has the variants [dense, edge-list,"
                        + " edge-list+csr, large]");
    }

    /** The soak runs a graph's step (its node rows and edge lists differ in length) on the chosen variant. */
    @Test
    void soakRunsTheChosenVariantsTrainingStep() throws Exception {
        SdzooCliTest.Run r = sdzoo("bench", "gcn-cora", "--variant", "edge-list+csr", "--soak", "--soak-steps", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("soak: 3 training steps after 1000 warm-up steps"), r.out());
        sdzoo("bench", "gcn-cora", "--variant", "sparse", "--soak")
                .assertOneLineError("--variant sparse: gcn-cora's benchmark has the variants [dense, edge-list,"
                        + " edge-list+csr, large]");
    }

    /** Writes a user graph and returns the one-line error of training on it. */
    private SdzooCliTest.Run train(String name, String edges, String features, String labels) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        if (edges != null) {
            Files.writeString(dir.resolve(GcnGraphExample.EDGES), edges);
        }
        if (features != null) {
            Files.writeString(dir.resolve(GcnGraphExample.FEATURES), features);
        }
        if (labels != null) {
            Files.writeString(dir.resolve(GcnGraphExample.LABELS), labels);
        }
        return sdzoo("train", "gcn", "--data-dir", dir.toString(), "--epochs", "1", "--out",
                tmp.resolve(name + "-run").toString(), "--quiet");
    }

    @Test
    void badUserGraphsGetOneSentenceEach() throws Exception {
        String labels = "node,label\n0,0\n1,1\n2,0\n3,1\n4,0\n5,1\n";
        String edges = "source,target\n0,1\n1,2\n2,3\n3,4\n4,5\n";
        train("no-edges-file", null, null, labels).assertOneLineError("there is no edges.csv in");
        train("no-labels", edges, null, null).assertOneLineError("there is no labels.csv beside");
        train("negative", "source,target\n0,1\n-1,2\n", null, labels)
                .assertOneLineError("edges.csv row 2 column 'source': node -1 is out of range");
        train("beyond", "source,target\n0,1\n1,7\n", "node,a\n0,1\n1,1\n2,1\n3,1\n4,1\n5,1\n", labels)
                .assertOneLineError("edges.csv row 2 column 'target': node 7 is out of range; the node ids run from 0 to 5");
        train("ragged", "source,target\n0,1\n1,2,3\n", null, labels)
                .assertOneLineError("edges.csv row 2 has 3 cells but the header has 2");
        train("few-feature-rows", "source,target\n0,1\n1,2\n", "node,a\n0,1\n1,1\n2,1\n", labels)
                .assertOneLineError("labels.csv row 4 column 'node': node 3 is out of range; the node ids run from 0 to 2"
                        + " (one per row of features.csv)");
        train("label-range", edges, null, "node,label\n0,0\n1,-2\n")
                .assertOneLineError("labels.csv row 2 column 'label': -2 is not a class");
        train("empty", "source,target\n", null, labels).assertOneLineError("edges.csv has a header but no data rows");
        train("no-train", edges, null, "node,label,split\n0,0,test\n1,1,val\n2,0,test\n")
                .assertOneLineError("The train set is empty");
    }

    /**
     * A batch-normalised graph classifier on the command line: one row of scores per graph (the
     * message counts graphs, not nodes); its node mask as {@code featuresMask}, a mask of ones
     * equal to none, a value other than 0 and 1 one sentence.
     */
    @Test
    void aGraphClassifierPredictsOneRowPerGraphAndChecksItsNodeMask() throws Exception {
        org.sdzoo.zoo.models.gcn.GcnConfig encoder = org.sdzoo.zoo.models.gcn.GcnConfig.builder().inputFeatures(3)
                .hiddenSizes(java.util.List.of(4)).numClasses(4).dropout(0).inputDropout(false).normalizeFeatures(false).build();
        var config = new org.sdzoo.zoo.models.gcn.GcnGraphConfig(encoder, org.sdzoo.zoo.blocks.graph.Readout.SUM, 0, 2, true,
                true);
        Path model = tmp.resolve("graphs.sdz");
        org.sdzoo.zoo.io.ModelArchive.save(model, org.sdzoo.zoo.models.gcn.GraphClassifier.create(config, 3));
        Path x = tmp.resolve("x.npy");
        Path e = tmp.resolve("e.npy");
        Path g = tmp.resolve("g.npy");
        NumpyFiles.writeNpy(org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1},
                {1, 0, 0}, {0, 1, 1}}), x);
        NumpyFiles.writeNpy(org.nd4j.linalg.factory.Nd4j.createFromArray(new long[][] {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {3, 4},
                {4, 3}}), e);
        NumpyFiles.writeNpy(org.nd4j.linalg.factory.Nd4j.createFromArray(0L, 0, 0, 1, 1), g);
        Path ones = tmp.resolve("ones.npy");
        Path half = tmp.resolve("half.npy");
        NumpyFiles.writeNpy(org.nd4j.linalg.factory.Nd4j.ones(DataType.FLOAT, 5), ones);
        NumpyFiles.writeNpy(org.nd4j.linalg.factory.Nd4j.createFromArray(1f, 0.5f, 1f, 1f, 1f), half);
        String[] base = {"predict", "--model", model.toString(), "--input", "features=" + x, "--input", "edges=" + e,
                "--input", "graph_index=" + g};
        SdzooCliTest.Run plain = sdzoo(concat(base, "--output", tmp.resolve("plain.npy").toString()));
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.out().contains("Predicted 2 rows"), plain.out());
        SdzooCliTest.Run masked = sdzoo(concat(base, "--input", "featuresMask=" + ones, "--output",
                tmp.resolve("masked.npy").toString()));
        assertEquals(0, masked.exit(), masked.err());
        assertEquals(NumpyFiles.readNpy(tmp.resolve("plain.npy")), NumpyFiles.readNpy(tmp.resolve("masked.npy")));
        SdzooCliTest.Run bad = sdzoo(concat(base, "--input", "featuresMask=" + half, "--output",
                tmp.resolve("bad.npy").toString()));
        assertTrue(bad.exit() != 0 && bad.err().contains("holds 0.5 at node 1"), bad.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
