package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.KarateClub;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;

class GcnModelTest {

    static final int N = 7;
    static final int F = 4;
    static final int C = 3;
    /** Undirected (both directions), one weighted triangle, node 6 isolated. */
    static final int[][] EDGES = {{0, 1}, {1, 0}, {1, 2}, {2, 1}, {0, 2}, {2, 0}, {2, 3}, {3, 2}, {3, 4}, {4, 3}, {4, 5}, {5, 4}};

    enum Form { DENSE, EDGE_LIST, EDGE_LIST_SPARSE_FEATURES, DENSE_SPARSE_FEATURES }

    static GcnConfig config(Form form, double dropout) {
        return GcnConfig.builder().inputFeatures(F).numClasses(C).hiddenSizes(List.of(3)).dropout(dropout)
                .precision(Precision.FLOAT64)
                .propagation(form.name().startsWith("DENSE") ? PropagationForm.DENSE : PropagationForm.EDGE_LIST)
                .sparseFeatures(form.name().endsWith("SPARSE_FEATURES")).build();
    }

    /** A small graph with features that have zeros (and an empty row), labels and a train mask. */
    static GraphData graph(int[] order) {
        Random r = new Random(5);
        float[] x = new float[N * F];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() < 0.35 ? 0 : r.nextFloat();
        }
        java.util.Arrays.fill(x, 5 * F, 6 * F, 0);
        float[] permuted = new float[x.length];
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        int[] permutedLabels = new int[N];
        for (int i = 0; i < N; i++) {
            System.arraycopy(x, i * F, permuted, order[i] * F, F);
            permutedLabels[order[i]] = labels[i];
        }
        int[] s = new int[EDGES.length];
        int[] t = new int[EDGES.length];
        float[] w = new float[EDGES.length];
        for (int e = 0; e < EDGES.length; e++) {
            int k = (e * 5) % EDGES.length; // a different edge order too
            s[e] = order[EDGES[k][0]];
            t[e] = order[EDGES[k][1]];
            w[e] = 1 + (EDGES[k][0] + EDGES[k][1]) % 3;
        }
        return GraphData.builder("tiny", N).features(Nd4j.create(permuted, new long[] {N, F}, 'c')).edges(s, t)
                .edgeWeights(w).labels(permutedLabels, C).build();
    }

    static int[] identity() {
        return new int[] {0, 1, 2, 3, 4, 5, 6};
    }

    static INDArray trainMask(int[] order) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, N);
        for (int i : new int[] {0, 2, 4, 5}) {
            m.putScalar(order[i], 1);
        }
        return m;
    }

    @Test
    void everyFormGivesTheSameLogits() {
        INDArray reference = null;
        for (Form form : Form.values()) {
            GcnConfig c = config(form, 0);
            ZooModel model = Gcn.create(c, 3);
            INDArray logits = model.predict(GcnInputs.of(graph(identity()), c)).get(Gcn.LOGITS);
            assertEquals(List.of((long) N, (long) C), List.of(logits.size(0), logits.size(1)));
            if (reference == null) {
                reference = logits;
            } else {
                assertTrue(reference.equalsWithEps(logits, 1e-12), form + " differs from the dense form");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void strictGradientCheckWithDropoutAndMaskedLoss(Form form) {
        GcnConfig c = config(form, 0.5);
        ZooModel model = Gcn.create(c, 4);
        Task task = new MaskedClassificationTask(C);
        task.attachLoss(model);
        MultiDataSet batch = GcnInputs.nodeBatch(graph(identity()), c, trainMask(identity()));
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        GradientCheck.Result result = GradientCheck.check(model.sameDiff(), Task.LOSS, feed);
        assertTrue(result.passed(), form + ": " + result);
        assertEquals(model.parameterCount(), result.checked());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void relabellingTheNodesPermutesTheOutputs(Form form) {
        GcnConfig c = config(form, 0.5);
        ZooModel model = Gcn.create(c, 5);
        int[] order = {3, 6, 0, 5, 1, 2, 4};
        INDArray plain = model.predict(GcnInputs.of(graph(identity()), c)).get(Gcn.LOG_PROBABILITIES);
        INDArray permuted = model.predict(GcnInputs.of(graph(order), c)).get(Gcn.LOG_PROBABILITIES);
        for (int i = 0; i < N; i++) {
            assertTrue(plain.getRow(i).equalsWithEps(permuted.getRow(order[i]), 1e-12), "node " + i);
        }
        assertTrue(plain.getRow(0).neq(plain.getRow(1)).any(), "distinct nodes give distinct outputs");
    }

    @Test
    void badInputsAreRefusedWithOneSentence() {
        GcnConfig c = config(Form.EDGE_LIST, 0);
        ZooModel model = Gcn.create(c, 1);
        Map<String, INDArray> good = GcnInputs.of(graph(identity()), c);
        Map<String, INDArray> outOfRange = new LinkedHashMap<>(good);
        outOfRange.put(Gcn.EDGES, Nd4j.createFromArray(new int[][] {{0, 1}, {1, 9}}));
        outOfRange.remove(Gcn.EDGE_WEIGHT);
        assertMessage(() -> model.predict(outOfRange), "names node 9");
        Map<String, INDArray> fractional = new LinkedHashMap<>(outOfRange);
        fractional.put(Gcn.EDGES, Nd4j.createFromArray(new double[][] {{0, 1.5}}));
        assertMessage(() -> model.predict(fractional), "integer ids");
        Map<String, INDArray> weights = new LinkedHashMap<>(good);
        weights.put(Gcn.EDGE_WEIGHT, Nd4j.ones(3));
        assertMessage(() -> model.predict(weights), "one weight per edge");
        Map<String, INDArray> width = new LinkedHashMap<>(good);
        width.put(Gcn.FEATURES, Nd4j.ones(N, F + 1));
        assertMessage(() -> model.predict(width), "'features'");
        Map<String, INDArray> noEdges = new LinkedHashMap<>(good);
        noEdges.put(Gcn.EDGES, Nd4j.zeros(DataType.INT32, 0, 2));
        noEdges.remove(Gcn.EDGE_WEIGHT);
        // ZooModel refuses every empty input before the model sees it.
        assertMessage(() -> model.predict(noEdges), "'edges' has shape [0, 2] and holds no values");
        assertMessage(() -> GcnInputs.of(graph(identity()), GcnConfig.builder().inputFeatures(F + 2).numClasses(C).build()),
                "inputFeatures " + F);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void archiveRoundTripKeepsOutputs(@TempDir Path dir) throws Exception {
        assertTrue(Architectures.names().contains(GcnConfig.ARCHITECTURE));
        GcnConfig c = config(Form.EDGE_LIST_SPARSE_FEATURES, 0.5);
        ZooModel model = Gcn.create(c, 6);
        Path file = dir.resolve("gcn.sdz");
        ModelArchive.save(file, model);
        ZooModel loaded = ModelArchive.load(file);
        assertEquals(c, loaded.config());
        Map<String, INDArray> inputs = GcnInputs.of(graph(identity()), c);
        assertEquals(model.predict(inputs).get(Gcn.LOGITS), loaded.predict(inputs).get(Gcn.LOGITS));
    }

    @Test
    void karateTrainingWithOneLabelPerFactionLowersTheLoss() {
        GraphData karate = KarateClub.load();
        GcnConfig c = GcnConfig.builder().inputFeatures(karate.numFeatures()).numClasses(karate.numClasses()).build();
        ZooModel model = Gcn.create(c, 7);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, karate.numNodes());
        mask.putScalar(KarateClub.INSTRUCTOR, 1);
        mask.putScalar(KarateClub.PRESIDENT, 1);
        MultiDataSet batch = GcnInputs.nodeBatch(karate, c, mask);
        var session = Trainer.builder().config(TrainerConfig.builder().learningRate(0.01).build()).build()
                .session(model, new MaskedClassificationTask(c.numClasses()));
        double first = session.step(batch);
        double last = first;
        for (int i = 0; i < 30; i++) {
            last = session.step(batch);
        }
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
    }

    /**
     * Inductive node classification: trained on two graphs as one block-diagonal batch, the model
     * labels the nodes of a third graph it never saw (a label that needs the neighbours: whether
     * a node's first feature plus its neighbours' mean is positive).
     */
    @Test
    void inductiveTrainingOnTwoGraphsClassifiesTheNodesOfAThird() {
        List<GraphData> train = List.of(neighbourhoodGraph("a", 1), neighbourhoodGraph("b", 2));
        GraphData unseen = neighbourhoodGraph("c", 3);
        GraphData batch = org.sdzoo.datasets.graph.GraphBatch.of(train).graph();
        GcnConfig c = GcnConfig.builder().inputFeatures(3).numClasses(2).hiddenSizes(List.of(16)).dropout(0)
                .normalizeFeatures(false).build();
        ZooModel model = Gcn.create(c, 5);
        var session = Trainer.builder().config(TrainerConfig.builder().learningRate(0.02).build()).build()
                .session(model, new MaskedClassificationTask(2));
        MultiDataSet trainBatch = GcnInputs.nodeBatch(batch, c, Nd4j.ones(DataType.FLOAT, batch.numNodes()));
        for (int i = 0; i < 150; i++) {
            session.step(trainBatch);
        }
        INDArray predicted = model.predict(GcnInputs.of(unseen, c)).get(Gcn.LOGITS).argMax(1);
        int[] truth = unseen.labelArray();
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += predicted.getInt(i) == truth[i] ? 1 : 0;
        }
        assertTrue(correct >= 0.8 * truth.length, correct + " of " + truth.length + " nodes of the unseen graph");
    }

    /** 60 nodes on a ring with chords, features N(0, 1); label: x0 + mean of the neighbours' x0 > 0. */
    private static GraphData neighbourhoodGraph(String name, long seed) {
        int n = 60;
        Random r = new Random(seed);
        List<int[]> edges = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            edges.add(new int[] {i, (i + 1) % n});
            edges.add(new int[] {i, r.nextInt(n)});
        }
        int[] s = new int[2 * edges.size()];
        int[] t = new int[2 * edges.size()];
        List<List<Integer>> neighbours = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            neighbours.add(new java.util.ArrayList<>());
        }
        int k = 0;
        for (int[] e : edges) {
            s[k] = e[0];
            t[k++] = e[1];
            s[k] = e[1];
            t[k++] = e[0];
            neighbours.get(e[0]).add(e[1]);
            neighbours.get(e[1]).add(e[0]);
        }
        float[] x = new float[n * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double mean = neighbours.get(i).stream().mapToDouble(j -> x[3 * j]).average().orElse(0);
            labels[i] = x[3 * i] + mean > 0 ? 1 : 0;
        }
        return GraphData.builder(name, n).features(Nd4j.create(x, new long[] {n, 3}, 'c')).edges(s, t)
                .labels(labels, 2).build();
    }
}
