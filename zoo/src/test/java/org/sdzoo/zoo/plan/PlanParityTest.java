package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphBatch;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.KarateClub;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.gcn.Gcn;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnGraphConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.models.gcn.GcnLinkConfig;
import org.sdzoo.zoo.models.gcn.GraphClassifier;
import org.sdzoo.zoo.models.gcn.LinkDecoder;
import org.sdzoo.zoo.models.gcn.LinkPredictor;
import org.sdzoo.zoo.models.hitmac.HitMacArchitecture;
import org.sdzoo.zoo.models.kernelregression.Estimator;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TorchModule;
import org.sdzoo.zoo.models.transformer.TorchTransformer;
import org.sdzoo.zoo.models.transformer.TorchTransformerConfig;
import org.sdzoo.zoo.models.transformer.TransformerClassifier;
import org.sdzoo.zoo.models.transformer.TransformerClassifierConfig;
import org.sdzoo.zoo.models.transformer.TransformerConfig;
import org.sdzoo.zoo.blocks.graph.Readout;

/**
 * Every registered architecture's forward pass and gradients through the execution plan equal
 * SameDiff's session's (to 1e-7 relative), with dropout on where the model has it, across a
 * change of batch size (a new plan).
 */
class PlanParityTest {

    private static final String LOSS = "plan_test_loss";

    /** A tiny model of one architecture and its inputs for a batch of {@code b}. */
    record Case(ZooModel model, IntFunction<Map<String, INDArray>> inputs) {
    }

    private static final Map<String, Supplier<Case>> CASES = Map.ofEntries(
            Map.entry("kernel-regression", PlanParityTest::kernelRegression),
            Map.entry("tcn", PlanParityTest::tcn),
            Map.entry("gcn", PlanParityTest::gcn),
            Map.entry("gcn-graph", PlanParityTest::gcnGraph),
            Map.entry("gcn-link", PlanParityTest::gcnLink),
            Map.entry("hitmac-attention", () -> hitMac("hitmac-attention")),
            Map.entry("hitmac-coordinator", () -> hitMac("hitmac-coordinator")),
            Map.entry("hitmac-executor", () -> hitMac("hitmac-executor")),
            Map.entry("transformer-seq2seq", PlanParityTest::seq2seq),
            Map.entry("transformer-classifier", PlanParityTest::classifier),
            Map.entry("transformer-encoder-layer", () -> torchTransformer(TorchModule.ENCODER_LAYER)),
            Map.entry("transformer-encoder", () -> torchTransformer(TorchModule.ENCODER)),
            Map.entry("transformer", () -> torchTransformer(TorchModule.TRANSFORMER)));

    static List<String> architectures() {
        return Architectures.names();
    }

    @Test
    void everyRegisteredArchitectureHasACase() {
        assertEquals(new java.util.TreeSet<>(Architectures.names()), new java.util.TreeSet<>(CASES.keySet()),
                "add a case for each new architecture");
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void forwardThroughThePlanEqualsTheSession(String name) {
        Case c = CASES.get(name).get();
        SameDiff sd = c.model().sameDiff();
        List<String> outputs = c.model().outputs().stream().map(TensorSpec::name).toList();
        PlannedGraph planned = PlannedGraph.forOutputs(sd, outputs);
        for (int b : new int[] {3, 3, 5, 5}) {
            Map<String, INDArray> feed = c.model().placeholders(c.inputs().apply(b));
            Map<String, INDArray> viaPlan = copies(planned.run(feed).outputs());
            Map<String, INDArray> viaSession = sd.output(feed, outputs.toArray(new String[0]));
            assertEquals(java.util.Optional.empty(), planned.fallbackReason(), name);
            outputs.forEach(o -> assertClose(viaSession.get(o), viaPlan.get(o), name + " output " + o + " batch " + b));
        }
        assertTrue(planned.lastRunPlanned(), name + ": the plan ran");
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void gradientsThroughThePlanEqualTheSessionsWithDropoutOn(String name) {
        Case c = CASES.get(name).get();
        SameDiff sd = c.model().sameDiff();
        // a loss that reaches every floating-point output
        SDVariable loss = null;
        for (TensorSpec spec : c.model().outputs()) {
            SDVariable o = sd.getVariable(spec.name());
            if (o.dataType().isFPType()) {
                SDVariable term = o.mul(o).sum().mul(Nd4j.rand(DataType.DOUBLE).getDouble(0) + 0.5);
                loss = loss == null ? term : loss.add(term);
            }
        }
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);
        org.sdzoo.zoo.samediff.QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        List<String> params = c.model().parameterNames().stream()
                .filter(p -> sd.getVariable(p).getGradient() != null).toList();
        assertFalse(params.isEmpty(), name);
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of(LOSS), params);
        for (int b : new int[] {3, 3, 5, 5}) {
            Map<String, INDArray> feed = new LinkedHashMap<>(c.model().placeholders(c.inputs().apply(b)));
            feed.putAll(org.sdzoo.zoo.samediff.LearningPhase.feed(sd, true));
            Nd4j.getRandom().setSeed(42 + b);
            PlannedGraph.Result p = planned.run(feed);
            Map<String, INDArray> pLoss = copies(p.outputs());
            Map<String, INDArray> pGrads = copies(p.gradients());
            Nd4j.getRandom().setSeed(42 + b);
            var s = sd.calculateGradientsAndOutputs(feed, List.of(LOSS), params);
            assertEquals(java.util.Optional.empty(), planned.fallbackReason(), name);
            assertClose(s.getOutputs().get(LOSS), pLoss.get(LOSS), name + " loss batch " + b);
            for (String param : params) {
                assertClose(s.getGradients().get(param), pGrads.get(param), name + " gradient of " + param + " batch " + b);
            }
        }
        assertTrue(planned.lastRunPlanned(), name + ": the plan ran");
    }

    @Test
    void controlFlowFallsBackToTheSession() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1);
        SDVariable out = sd.ifCond("out", null, s -> x.sum().gt(0), s -> x.mul(2), s -> x.mul(3));
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of(out.name()));
        for (double sign : new double[] {1, -1, 1}) {
            INDArray in = Nd4j.createFromArray(1.0, 2.0).muli(sign);
            INDArray viaRunner = planned.run(Map.of("x", in)).outputs().get(out.name());
            assertEquals(sd.output(Map.of("x", in), out.name()).get(out.name()), viaRunner);
            assertFalse(planned.lastRunPlanned());
        }
        assertTrue(planned.fallbackReason().orElseThrow().contains("control flow"), planned.fallbackReason().get());
    }

    @Test
    void theSystemPropertyForcesTheSession() {
        Case c = kernelRegression();
        PlannedGraph planned = PlannedGraph.forOutputs(c.model().sameDiff(), List.of(KernelRegression.PREDICTIONS));
        Map<String, INDArray> feed = c.model().placeholders(c.inputs().apply(2));
        planned.run(feed);
        planned.run(feed);
        assertTrue(planned.lastRunPlanned());
        System.setProperty(PlannedGraph.PROPERTY, "off");
        try {
            planned.run(feed);
            assertFalse(planned.lastRunPlanned());
        } finally {
            System.clearProperty(PlannedGraph.PROPERTY);
        }
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertTrue(PlannedGraph.close(expected, actual), what + ": session " + expected + " vs plan " + actual);
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.DOUBLE, shape);
    }

    private static Case kernelRegression() {
        Nd4j.getRandom().setSeed(5);
        ZooModel m = KernelRegression.create(KernelRegressionConfig.builder().estimator(Estimator.PARAMETRIC)
                .numFeatures(2).precision(Precision.FLOAT64).build(), rand(6, 2), rand(6));
        return new Case(m, b -> Map.of(KernelRegression.QUERIES, rand(b, 2)));
    }

    private static Case tcn() {
        ZooModel m = Tcn.create(TcnConfig.builder().inputChannels(2).channels(List.of(3, 3)).kernelSize(2).dropout(0.2)
                .head(TcnHead.LAST_STEP).outputs(1).seed(3).precision(Precision.FLOAT64).build());
        return new Case(m, b -> Map.of(Tcn.INPUT, rand(b, 2, 6)));
    }

    /** Karate club with batch size as the number of hidden units is not a batch: b picks the graph's weighting. */
    private static Case gcn() {
        GcnConfig config = GcnConfig.builder().inputFeatures(KarateClub.NUM_NODES).numClasses(4).dropout(0.5)
                .precision(Precision.FLOAT64).build();
        ZooModel m = Gcn.create(config, 3);
        return new Case(m, b -> GcnInputs.of(KarateClub.load(), config));
    }

    /** GCN link predictor with the MLP decoder on the karate club, {@code b + 2} pairs (dropout on). */
    private static Case gcnLink() {
        GcnConfig encoder = GcnConfig.builder().inputFeatures(KarateClub.NUM_NODES).hiddenSizes(List.of(6))
                .numClasses(4).dropout(0.5).precision(Precision.FLOAT64).build();
        ZooModel m = LinkPredictor.create(new GcnLinkConfig(encoder, LinkDecoder.MLP, 3), 3);
        return new Case(m, b -> {
            Map<String, INDArray> in = new java.util.LinkedHashMap<>(GcnInputs.of(KarateClub.load(), encoder));
            double[][] pairs = new double[b + 2][];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = new double[] {i, (7 * i + 3) % KarateClub.NUM_NODES};
            }
            in.put(LinkPredictor.PAIRS, Nd4j.createFromArray(pairs));
            return in;
        });
    }

    /** GCN graph classifier with max readout on {@code b} path graphs of 3, 4, ... nodes. */
    private static Case gcnGraph() {
        GcnGraphConfig config = new GcnGraphConfig(GcnConfig.builder().inputFeatures(3).hiddenSizes(List.of(4))
                .numClasses(5).dropout(0.3).normalizeFeatures(false).precision(Precision.FLOAT64).build(),
                Readout.MAX, 0.3, 2);
        ZooModel m = GraphClassifier.create(config, 3);
        return new Case(m, b -> {
            List<GraphData> graphs = new java.util.ArrayList<>();
            for (int g = 0; g < b; g++) {
                int n = 3 + g;
                int[] from = new int[2 * (n - 1)];
                int[] to = new int[2 * (n - 1)];
                for (int i = 0; i < n - 1; i++) {
                    from[2 * i] = i;
                    to[2 * i] = i + 1;
                    from[2 * i + 1] = i + 1;
                    to[2 * i + 1] = i;
                }
                graphs.add(GraphData.builder("path" + n, n).features(rand(n, 3)).edges(from, to).build());
            }
            GraphBatch batch = GraphBatch.of(graphs);
            Map<String, INDArray> in = new LinkedHashMap<>(GcnInputs.of(batch.graph(), config.encoder()));
            in.put(GraphClassifier.GRAPH_INDEX, batch.graphIndex());
            return in;
        });
    }

    /** A 1+1 layer seq2seq Transformer with dropout; sources of 4 and targets of 5 ids, padded at the end. */
    /** Feature rows with a padding mask, pre-LN with a final norm, mean pooling, dropout on. */
    private static Case classifier() {
        ZooModel m = TransformerClassifier.create(TransformerClassifierConfig.builder().inputFeatures(3).numClasses(4)
                .dModel(8).numHeads(2).dimFeedforward(16).numLayers(2).normFirst(true).dropout(0.2).maxLen(8)
                .precision(Precision.FLOAT64).seed(3).build());
        return new Case(m, b -> {
            INDArray mask = Nd4j.zeros(DataType.DOUBLE, b, 5);
            for (int i = 0; i < b; i += 2) {
                mask.putScalar(i, 4, 1);
            }
            return Map.of(TransformerClassifier.FEATURES, Nd4j.linspace(-1, 1, b * 5 * 3, DataType.DOUBLE)
                    .reshape(b, 5, 3), TransformerClassifier.PADDING_MASK, mask);
        });
    }

    private static Case seq2seq() {
        ZooModel m = Seq2SeqTransformer.create(TransformerConfig.builder().vocabSize(7).dModel(8).numHeads(2)
                .dimFeedforward(16).layers(1).dropout(0.2).maxLen(12).precision(Precision.FLOAT64).seed(3).build());
        return new Case(m, b -> {
            INDArray src = Nd4j.zeros(DataType.DOUBLE, b, 4);
            INDArray tgt = Nd4j.zeros(DataType.DOUBLE, b, 5);
            for (int i = 0; i < b; i++) {
                for (int t = 0; t < 4 - (i % 2); t++) {
                    src.putScalar(i, t, 3 + (i + t) % 4);
                }
                tgt.putScalar(i, 0, 1);
                for (int t = 1; t < 5; t++) {
                    tgt.putScalar(i, t, 3 + (2 * i + t) % 4);
                }
            }
            return Map.of(Seq2SeqTransformer.SRC, src, Seq2SeqTransformer.TGT, tgt);
        });
    }

    /** PyTorch's Transformer modules at tiny sizes with dropout; free dimensions take {@code b}. */
    private static Case torchTransformer(TorchModule module) {
        ZooModel m = TorchTransformer.create(TorchTransformerConfig.builder(module).dModel(8).nhead(2).dimFeedforward(16)
                .numEncoderLayers(1).numDecoderLayers(module == TorchModule.TRANSFORMER ? 1 : 0).dropout(0.2)
                .precision(Precision.FLOAT64).build(), 3);
        return randomInputs(m);
    }

    /** HiT-MAC networks with their default sizes; free dimensions take {@code b}, masks are all ones. */
    private static Case hitMac(String name) {
        Architecture a = Architectures.get(name);
        return randomInputs(((HitMacArchitecture<?>) a).create(a.defaultConfig()));
    }

    /** Uniform random required inputs, every free dimension {@code b}. */
    private static Case randomInputs(ZooModel m) {
        return new Case(m, b -> {
            Map<String, INDArray> in = new LinkedHashMap<>();
            for (TensorSpec spec : m.inputs()) {
                long[] shape = java.util.Arrays.stream(spec.shape()).map(d -> d < 0 ? b : d).toArray();
                in.put(spec.name(), Nd4j.rand(m.dataType(), shape));
            }
            return in;
        });
    }
}
