package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphBatch;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.Task;

/** The GCN graph classifier on a batch of three small graphs. */
class GraphClassifierTest {

    private static final int F = 3;

    /** A path of {@code n} nodes with features from {@code seed}, its nodes relabelled by {@code order}. */
    private static GraphData path(int n, long seed, int[] order) {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, F).castTo(DataType.DOUBLE);
        INDArray relabelled = Nd4j.zeros(DataType.DOUBLE, n, F);
        int[] s = new int[2 * (n - 1)];
        int[] t = new int[2 * (n - 1)];
        for (int i = 0; i < n; i++) {
            relabelled.putRow(order[i], x.getRow(i));
        }
        for (int i = 0; i < n - 1; i++) {
            s[2 * i] = order[i];
            t[2 * i] = order[i + 1];
            s[2 * i + 1] = order[i + 1];
            t[2 * i + 1] = order[i];
        }
        return GraphData.builder("path" + n, n).features(relabelled).edges(s, t).build();
    }

    private static int[] identity(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static GcnGraphConfig config(Readout readout, double dropout) {
        return new GcnGraphConfig(GcnConfig.builder().inputFeatures(F).hiddenSizes(List.of(5)).numClasses(4)
                .dropout(dropout).normalizeFeatures(false).precision(Precision.FLOAT64).build(), readout, dropout, 2);
    }

    private static Map<String, INDArray> inputs(GcnGraphConfig c, List<GraphData> graphs) {
        GraphBatch batch = GraphBatch.of(graphs);
        Map<String, INDArray> in = new LinkedHashMap<>(GcnInputs.of(batch.graph(), c.encoder()));
        in.put(GraphClassifier.GRAPH_INDEX, batch.graphIndex());
        return in;
    }

    @ParameterizedTest
    @EnumSource(Readout.class)
    void graphLogitsIgnoreTheOrderOfEachGraphsNodes(Readout readout) {
        GcnGraphConfig c = config(readout, 0);
        ZooModel model = GraphClassifier.create(c, 3);
        INDArray plain = model.predict(inputs(c, List.of(path(4, 1, identity(4)), path(3, 2, identity(3)))))
                .get(GraphClassifier.LOGITS);
        INDArray shuffled = model.predict(inputs(c, List.of(path(4, 1, new int[] {2, 0, 3, 1}),
                path(3, 2, new int[] {1, 2, 0})))).get(GraphClassifier.LOGITS);
        assertEquals(List.of(2L, 2L), List.of(plain.size(0), plain.size(1)));
        assertTrue(plain.equalsWithEps(shuffled, 1e-12), readout + ": " + plain + " vs " + shuffled);
    }

    /** Max readout, the segment op whose gradient goes to one node; sum and mean pass in ReadoutAndDecoderTest. */
    @Test
    void strictGradientCheckWithDropoutAndMaxReadout() {
        GcnGraphConfig c = new GcnGraphConfig(GcnConfig.builder().inputFeatures(F).hiddenSizes(List.of()).numClasses(3)
                .dropout(0.5).normalizeFeatures(false).precision(Precision.FLOAT64).build(), Readout.MAX, 0.5, 2);
        ZooModel model = GraphClassifier.create(c, 4);
        // a bias away from 0 keeps every ReLU input off its kink, where finite differences disagree
        model.sameDiff().getArrForVarName(Gcn.biasName(0)).assign(Nd4j.createFromArray(0.3, -0.2, 0.1));
        assertEveryGradientChecks(c, model);
    }

    /** The GIN paper's readout of every layer, input included, each through its own linear layer and dropout. */
    @Test
    void strictGradientCheckWithLayerReadouts() {
        GcnGraphConfig c = new GcnGraphConfig(GcnConfig.builder().inputFeatures(F).hiddenSizes(List.of(4)).numClasses(3)
                .dropout(0.5).normalizeFeatures(false).precision(Precision.FLOAT64).build(), Readout.SUM, 0.5, 2, true);
        ZooModel model = GraphClassifier.create(c, 5);
        // biases away from 0 keep every ReLU input off its kink, where finite differences disagree
        model.sameDiff().getArrForVarName(Gcn.biasName(0)).assign(Nd4j.createFromArray(0.3, -0.2, 0.1, 0.4));
        model.sameDiff().getArrForVarName(Gcn.biasName(1)).assign(Nd4j.createFromArray(0.2, 0.5, -0.3));
        assertEquals(List.of(2L, 3L), List.of(model.sameDiff().getArrForVarName("classifier.0.weight").shape()[0],
                model.sameDiff().getArrForVarName("classifier.0.weight").shape()[1]));
        assertTrue(model.sameDiff().hasVariable("classifier.2.bias"));
        assertEveryGradientChecks(c, model);
    }

    @Test
    void layerReadoutsRoundTripAndNeedDenseFeatures() {
        GcnGraphConfig c = config(Readout.SUM, 0.5);
        GcnGraphConfig layered = new GcnGraphConfig(c.encoder(), Readout.SUM, 0.5, 2, true);
        assertEquals(layered, GcnGraphConfig.fromJson(layered.toJson()));
        assertTrue(layered.toJson().contains("\"layerReadouts\" : true"), layered.toJson());
        // a config written before the field existed reads as the last-layer classifier
        String old = c.toJson().replaceAll(",\\s*\"layerReadouts\" : false", "");
        assertTrue(!old.contains("layerReadouts"), old);
        assertEquals(c, GcnGraphConfig.fromJson(old));
        GcnConfig sparse = c.encoder().toBuilder().sparseFeatures(true).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GcnGraphConfig(sparse, Readout.SUM, 0, 2, true))
                .getMessage().contains("set the encoder's sparseFeatures to false"));
    }

    private static GcnGraphConfig batchNormed() {
        return new GcnGraphConfig(GcnConfig.builder().inputFeatures(F).hiddenSizes(List.of(4)).numClasses(3)
                .dropout(0).normalizeFeatures(false).precision(Precision.FLOAT64).build(), Readout.SUM, 0, 2, true, true);
    }

    /** The GIN paper's GCN: batch normalisation after every layer, in training (batch statistics). */
    @Test
    void strictGradientCheckWithBatchNorm() {
        GcnGraphConfig c = batchNormed();
        ZooModel model = GraphClassifier.create(c, 6);
        assertTrue(model.sameDiff().hasVariable("batch_norms.0.weight") && model.sameDiff().hasVariable("batch_norms.1.bias"));
        // betas away from 0 keep every ReLU input off its kink, where finite differences disagree
        model.sameDiff().getArrForVarName("batch_norms.0.bias").assign(Nd4j.createFromArray(0.3, -0.2, 0.1, 0.4));
        assertEveryGradientChecks(c, model);
    }

    /**
     * A training step moves the running statistics; inference uses them (not the batch's), and an
     * archive restores them.
     */
    @Test
    void batchNormRunningStatisticsTrainAndSurviveTheArchive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        GcnGraphConfig c = batchNormed();
        ZooModel model = GraphClassifier.create(c, 7);
        Map<String, INDArray> in = inputs(c, List.of(path(4, 1, identity(4)), path(3, 2, identity(3))));
        INDArray before = model.predict(in).get(GraphClassifier.LOGITS);
        MultiDataSet batch = new MultiDataSet(in.values().toArray(INDArray[]::new),
                new INDArray[] {Nd4j.createFromArray(0.0, 1.0)});
        org.sdzoo.zoo.train.TrainerConfig config = org.sdzoo.zoo.train.TrainerConfig.builder().learningRate(1e-12).epochs(1)
                .build();
        org.sdzoo.zoo.train.Trainer.builder().config(config).build().session(model, new ClassificationTask(2)).step(batch);
        INDArray mean = model.sameDiff().getArrForVarName("batch_norms.0.running_mean");
        assertTrue(mean.neq(0).castTo(DataType.INT32).sumNumber().intValue() > 0, "running_mean stayed 0: " + mean);
        // with a learning rate of 1e-12, the running statistics are what changed the prediction
        INDArray after = model.predict(in).get(GraphClassifier.LOGITS);
        assertTrue(!before.equalsWithEps(after, 1e-9), "inference ignores the running statistics");
        java.nio.file.Path file = dir.resolve("bn.sdz");
        org.sdzoo.zoo.io.ModelArchive.save(file, model);
        ZooModel back = org.sdzoo.zoo.io.ModelArchive.load(file);
        assertEquals(mean, back.sameDiff().getArrForVarName("batch_norms.0.running_mean"));
        assertEquals(after, back.predict(in).get(GraphClassifier.LOGITS));
    }

    @Test
    void batchNormRoundTripsAndOldConfigsReadWithout() throws Exception {
        GcnGraphConfig c = batchNormed();
        assertEquals(c, GcnGraphConfig.fromJson(c.toJson()));
        assertTrue(c.toJson().contains("\"batchNorm\" : true"), c.toJson());
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) org.sdzoo.zoo.config.ConfigJson.mapper()
                .readTree(config(Readout.SUM, 0).toJson());
        old.remove("batchNorm");
        assertEquals(config(Readout.SUM, 0), GcnGraphConfig.fromJson(old.toString()));
        assertTrue(!GcnGraphConfig.fromJson(old.toString()).batchNorm());
    }

    /** A strict double-precision check of every parameter's gradient on two small graphs. */
    private static void assertEveryGradientChecks(GcnGraphConfig c, ZooModel model) {
        Task task = new ClassificationTask(2);
        task.attachLoss(model);
        model.sameDiff().setLossVariables(Task.LOSS);   // batch norm's running statistics are outputs too
        Map<String, INDArray> in = inputs(c, List.of(path(4, 1, identity(4)), path(3, 2, identity(3))));
        MultiDataSet batch = new MultiDataSet(in.values().toArray(INDArray[]::new),
                new INDArray[] {Nd4j.createFromArray(0.0, 1.0)});
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        GradientCheck.Result result = GradientCheck.check(model.sameDiff(), Task.LOSS, feed);
        assertTrue(result.passed(), result.toString());
        assertEquals(model.parameterCount(), result.checked());
    }

    @Test
    void configRoundTripsAndBadInputIsOneSentence() {
        GcnGraphConfig c = config(Readout.MAX, 0.5);
        assertEquals(c, GcnGraphConfig.fromJson(c.toJson()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GcnGraphConfig(c.encoder(), Readout.SUM, 0, 1))
                .getMessage().contains("at least 2 classes"));
        ZooModel model = GraphClassifier.create(c, 1);
        Map<String, INDArray> in = inputs(c, List.of(path(4, 1, identity(4))));
        in.put(GraphClassifier.GRAPH_INDEX, Nd4j.zeros(DataType.INT32, 3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(in)).getMessage()
                .contains("give one graph id per node"));
        in.put(GraphClassifier.GRAPH_INDEX, Nd4j.createFromArray(0, 0, -1, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(in)).getMessage()
                .contains("number the graphs 0 .. G-1"));
    }
}
