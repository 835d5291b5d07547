package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.task.LinkReconstructionTask;
import org.sdzoo.zoo.testing.ModelHarness;
import org.sdzoo.zoo.train.TrainerConfig;

/** The GCN link predictor: gradients of both decoders, symmetry, training, save and load, bad pairs. */
class LinkPredictorTest {

    private static final int[][] PAIRS = {{0, 1}, {2, 3}, {4, 5}, {0, 4}, {1, 5}, {3, 6}};
    private static final double[] TARGETS = {1, 1, 1, 0, 0, 0};

    private static GcnLinkConfig config(LinkDecoder decoder, GcnModelTest.Form form) {
        return new GcnLinkConfig(GcnModelTest.config(form, 0.2), decoder, 5);
    }

    private static Map<String, INDArray> inputs(GcnConfig encoder, int[][] pairs) {
        Map<String, INDArray> in = new LinkedHashMap<>(GcnInputs.of(GcnModelTest.graph(GcnModelTest.identity()), encoder));
        in.put(LinkPredictor.PAIRS, Nd4j.createFromArray(pairs).castTo(DataType.DOUBLE));
        return in;
    }

    /** Features as the model takes them (required inputs, then the optional edge weights), targets per pair. */
    private static MultiDataSet batch(ZooModel model, int[][] pairs, double[] targets) {
        Map<String, INDArray> in = inputs(((GcnLinkConfig) model.config()).encoder(), pairs);
        List<INDArray> features = new ArrayList<>();
        model.inputs().forEach(s -> features.add(in.get(s.name())));
        model.optionalInputs().forEach(s -> features.add(in.get(s.name())));
        return new MultiDataSet(features.toArray(INDArray[]::new), new INDArray[] {Nd4j.createFromArray(targets)});
    }

    @Test
    void bothDecodersPassTheStrictGradientCheckWithDropoutOn() {
        for (LinkDecoder decoder : LinkDecoder.values()) {
            for (GcnModelTest.Form form : new GcnModelTest.Form[] {GcnModelTest.Form.EDGE_LIST,
                    GcnModelTest.Form.DENSE_SPARSE_FEATURES}) {
                ZooModel model = LinkPredictor.create(config(decoder, form), 3);
                ModelHarness.gradientCheck(model, LinkReconstructionTask.forPairs(), batch(model, PAIRS, TARGETS));
            }
        }
    }

    @Test
    void aPairScoresTheSameBothWaysAndTrainingLowersTheLoss(@TempDir Path dir) throws Exception {
        for (LinkDecoder decoder : LinkDecoder.values()) {
            ZooModel model = LinkPredictor.create(config(decoder, GcnModelTest.Form.EDGE_LIST), 3);
            int[][] reversed = new int[PAIRS.length][];
            for (int i = 0; i < PAIRS.length; i++) {
                reversed[i] = new int[] {PAIRS[i][1], PAIRS[i][0]};
            }
            GcnConfig encoder = ((GcnLinkConfig) model.config()).encoder();
            INDArray a = model.predict(inputs(encoder, PAIRS)).get(LinkPredictor.PAIR_LOGITS);
            INDArray b = model.predict(inputs(encoder, reversed)).get(LinkPredictor.PAIR_LOGITS);
            assertEquals(PAIRS.length, a.length());
            assertTrue(a.equalsWithEps(b, 1e-12), decoder + ": " + a + " vs " + b);
            var history = org.sdzoo.zoo.train.Trainer.builder().config(TrainerConfig.builder().learningRate(0.01).seed(1)
                    .epochs(2).build()).build().fit(model, LinkReconstructionTask.forPairs(),
                    new org.nd4j.linalg.dataset.adapter.SingletonMultiDataSetIterator(batch(model, PAIRS, TARGETS)), null)
                    .history();
            assertTrue(history.get(1).loss() < history.get(0).loss(), decoder + ": " + history);
            ModelHarness.saveLoadIdentical(model, inputs(encoder, PAIRS), dir.resolve(decoder.jsonName()));
        }
    }

    @Test
    void configRoundTripsAndBadPairsAreOneSentence() {
        GcnLinkConfig c = config(LinkDecoder.MLP, GcnModelTest.Form.EDGE_LIST);
        ModelHarness.configRoundTrip(c, GcnLinkConfig::fromJson);
        assertEquals(c, Architectures.get(GcnLinkConfig.ARCHITECTURE).configFromJson(c.toJson()));
        assertEquals(3, new GcnLinkConfig(c.encoder(), LinkDecoder.DOT, null).decoderHidden(), "D by default");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> GcnLinkConfig.fromJson(c.toJson().replace("\"mlp\"", "\"cosine\"")));
        assertTrue(bad.getMessage().contains("use dot or mlp"), bad.getMessage());
        ZooModel model = LinkPredictor.create(c, 3);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> model.predict(inputs(c.encoder(), new int[][] {{0, 1}, {2, 9}})));
        assertTrue(range.getMessage().contains("holds node 9 in pair 1 but the graph's nodes are 0 .. 6"),
                range.getMessage());
    }

    /** Sampled negatives are non-edges of the graph, distinct, one pair each way at most. */
    @Test
    void theTaskScoresPairTargetsAndRefusesOtherShapes() {
        GraphData g = GcnModelTest.graph(GcnModelTest.identity());
        INDArray negatives = org.sdzoo.datasets.graph.LinkSplit.sampleNegatives(g, 5, 1);
        assertEquals(5, negatives.size(0));
        ZooModel model = LinkPredictor.create(config(LinkDecoder.DOT, GcnModelTest.Form.EDGE_LIST), 3);
        LinkReconstructionTask task = LinkReconstructionTask.forPairs();
        MultiDataSet twoD = new MultiDataSet(batch(model, PAIRS, TARGETS).getFeatures(),
                new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 2, 3)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> task.feed(model, twoD));
        assertTrue(e.getMessage().contains("one 0/1 target per pair [P]"), e.getMessage());
    }
}
