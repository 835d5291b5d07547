package org.sdzoo.zoo.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.attention.AttentionFixture;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.testing.ModelHarness;
import org.sdzoo.zoo.train.TrainerConfig;

/** The encoder-only classifier: config, PyTorch parity through the importer, padding, gradients, bad input. */
class TransformerClassifierTest {

    private static final Logger log = LoggerFactory.getLogger(TransformerClassifierTest.class);

    private static TransformerClassifierConfig.Builder tinyTokens() {
        return TransformerClassifierConfig.builder().vocabSize(9).numClasses(3).dModel(4).numHeads(2).dimFeedforward(6)
                .numLayers(2).dropout(0).maxLen(8).precision(Precision.FLOAT64).seed(5);
    }

    private static TransformerClassifierConfig.Builder tinyFeatures() {
        return TransformerClassifierConfig.builder().inputFeatures(3).numClasses(4).dModel(4).numHeads(2)
                .dimFeedforward(6).numLayers(1).dropout(0).maxLen(8).precision(Precision.FLOAT64).seed(5);
    }

    private static INDArray tokens() {
        return Nd4j.createFromArray(new double[][] {{3, 4, 5, 6, 7}, {8, 2, 0, 0, 0}});
    }

    private static INDArray logits(ZooModel model, Map<String, INDArray> inputs) {
        return model.predict(inputs).get(TransformerClassifier.LOGITS);
    }

    @Test
    void configRoundTripsThroughJsonAndRefusesBadSizes() {
        ModelHarness.configRoundTrip(tinyTokens().positional(PositionalKind.LEARNED).pooling(Pooling.FIRST).build(),
                TransformerClassifierConfig::fromJson);
        ModelHarness.configRoundTrip(tinyFeatures().normFirst(true).activation("gelu").build(),
                TransformerClassifierConfig::fromJson);
        assertTrue(tinyFeatures().normFirst(true).build().finalNorm(), "pre-LN gets a final norm by default");
        assertFalse(tinyFeatures().normFirst(true).finalNorm(false).build().finalNorm());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> tinyTokens().inputFeatures(3).build());
        assertTrue(both.getMessage().contains("set exactly one of vocabSize (9"), both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tinyTokens().vocabSize(0).build());
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> tinyTokens().numHeads(3).build());
        assertTrue(heads.getMessage().contains("must be divisible by numHeads (3)"), heads.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tinyTokens().padId(9).build());
        IllegalArgumentException pooling = assertThrows(IllegalArgumentException.class,
                () -> TransformerClassifierConfig.fromJson("{\"vocabSize\":9,\"numClasses\":2,\"pooling\":\"max\"}"));
        assertTrue(pooling.getMessage().contains("use mean or first"), pooling.getMessage());
        assertEquals(TransformerClassifierConfig.ARCHITECTURE,
                Architectures.get(TransformerClassifierConfig.ARCHITECTURE).name());
    }

    /** Imported from torch's state_dict: logits and the gradients of sum(logits · probe) within 1e-10 in float64. */
    @Test
    void matchesPyTorchOnTokensWithLearnedPositionsAndMeanPooling() {
        String c = "classifier_tokens";
        ZooModel model = imported(c, TransformerClassifierConfig.builder().vocabSize(1).numClasses(1).numHeads(2)
                .dropout(0).precision(Precision.FLOAT64).build());
        TransformerClassifierConfig config = (TransformerClassifierConfig) model.config();
        assertEquals(9, config.vocabSize());
        assertEquals(PositionalKind.LEARNED, config.positional());
        assertEquals(7, config.maxLen());
        assertFalse(config.finalNorm());
        parity(c, model, Map.of(TransformerClassifier.TOKENS, AttentionFixture.get(c, "tokens")));
    }

    @Test
    void matchesPyTorchOnFeaturesWithPaddingPreLnGeluAndFirstPooling() {
        String c = "classifier_features";
        ZooModel model = imported(c, TransformerClassifierConfig.builder().inputFeatures(1).numClasses(1).numHeads(2)
                .dropout(0).normFirst(true).activation("gelu").pooling(Pooling.FIRST).maxLen(6)
                .precision(Precision.FLOAT64).build());
        assertTrue(((TransformerClassifierConfig) model.config()).finalNorm());
        parity(c, model, Map.of(TransformerClassifier.FEATURES, AttentionFixture.get(c, "features"),
                TransformerClassifier.PADDING_MASK, AttentionFixture.get(c, "padding_mask")));
    }

    private static ZooModel imported(String testCase, TransformerClassifierConfig config) {
        return Architectures.get(TransformerClassifierConfig.ARCHITECTURE).importTorch(config,
                AttentionFixture.stateDict(testCase), Map.of());
    }

    private static void parity(String testCase, ZooModel model, Map<String, INDArray> inputs) {
        double outErr = AttentionFixture.assertClose(AttentionFixture.get(testCase, "output"), logits(model, inputs),
                testCase + " logits");
        SameDiff sd = model.sameDiff();
        SDVariable probe = sd.constant(AttentionFixture.get(testCase, "probe"));
        sd.getVariable(TransformerClassifier.LOGITS).mul(probe).sum().rename("parity_loss");
        sd.setLossVariables("parity_loss");
        Map<String, INDArray> grads = QuietSameDiff.run(() -> sd.calculateGradients(model.placeholders(inputs),
                model.parameterNames()));
        double gradErr = 0;
        for (String name : model.parameterNames()) {
            gradErr = Math.max(gradErr, AttentionFixture.assertClose(AttentionFixture.get(testCase, "grad." + name),
                    grads.get(name), testCase + " d/d" + name));
        }
        log.info("{} vs torch: logits {}, gradients {} (max abs), {} parameters", testCase, outErr, gradErr,
                model.parameterNames().size());
    }

    @Test
    void paddingChangesNothingAndEveryTokenCounts() {
        ZooModel model = TransformerClassifier.create(tinyTokens().build());
        INDArray out = logits(model, Map.of(TransformerClassifier.TOKENS, tokens()));
        assertArrayEquals(new long[] {2, 3}, out.shape());
        INDArray longer = Nd4j.concat(1, tokens(), Nd4j.zeros(DataType.DOUBLE, 2, 2));
        assertTrue(out.equalsWithEps(logits(model, Map.of(TransformerClassifier.TOKENS, longer)), 1e-12),
                "more padding changed the logits");
        INDArray other = tokens().dup();
        other.putScalar(1, 1, 5);
        assertFalse(out.getRow(1).equalsWithEps(logits(model, Map.of(TransformerClassifier.TOKENS, other)).getRow(1),
                1e-9), "a real token did not change the logits");

        ZooModel features = TransformerClassifier.create(tinyFeatures().build());
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 4, 3);
        INDArray mask = Nd4j.createFromArray(new double[][] {{0, 0, 0, 0}, {0, 0, 1, 1}});
        INDArray garbage = x.dup();
        garbage.get(NDArrayIndex.point(1), NDArrayIndex.interval(2, 4), NDArrayIndex.all()).assign(100);
        INDArray a = logits(features, Map.of(TransformerClassifier.FEATURES, x, TransformerClassifier.PADDING_MASK, mask));
        INDArray b = logits(features, Map.of(TransformerClassifier.FEATURES, garbage,
                TransformerClassifier.PADDING_MASK, mask));
        assertTrue(a.equalsWithEps(b, 1e-12), "padded feature positions changed the logits");
        // DL4J's convention: a MultiDataSet's features mask, 1 = real
        MultiDataSet dl4j = new MultiDataSet(new INDArray[] {garbage}, new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 2)},
                new INDArray[] {mask.rsub(1)}, null);
        assertTrue(a.equalsWithEps(features.predict(dl4j), 1e-12), "a features mask is not the padding mask's complement");
        String both = assertThrows(IllegalArgumentException.class, () -> logits(features, Map.of(
                TransformerClassifier.FEATURES, x, TransformerClassifier.PADDING_MASK, mask,
                TransformerClassifier.FEATURES_MASK, mask.rsub(1)))).getMessage();
        assertTrue(both.contains("not both"), both);
        INDArray shorter = x.get(NDArrayIndex.interval(1, 2), NDArrayIndex.interval(0, 2), NDArrayIndex.all());
        assertTrue(a.getRow(1).reshape(1, 4).equalsWithEps(logits(features,
                Map.of(TransformerClassifier.FEATURES, shorter)), 1e-12), "padding is not the same as a shorter row");
    }

    /** Both input kinds, dropout on, under the strict finite-difference check of every parameter. */
    @Test
    void strictGradientCheckOfBothInputKinds() {
        ClassificationTask tokensTask = new ClassificationTask(3);
        ModelHarness.gradientCheck(TransformerClassifier.create(tinyTokens().dModel(2).dimFeedforward(2).numLayers(1)
                        .dropout(0.1).positional(PositionalKind.LEARNED).build()), tokensTask,
                new MultiDataSet(tokens(), Nd4j.createFromArray(0.0, 2.0)));
        ModelHarness.gradientCheck(TransformerClassifier.create(tinyFeatures().dModel(2).dimFeedforward(2)
                        .normFirst(true).pooling(Pooling.FIRST).build()), new ClassificationTask(4),
                new MultiDataSet(new INDArray[] {Nd4j.linspace(-1, 1, 18, DataType.DOUBLE).reshape(2, 3, 3),
                        Nd4j.createFromArray(new double[][] {{0, 0, 0}, {0, 0, 1}})},
                        new INDArray[] {Nd4j.createFromArray(3.0, 1.0)}));
    }

    @Test
    void trainsSavesAndReloadsBitIdentical(@TempDir Path dir) throws Exception {
        // the class is whether token 3 occurs in the sequence: attention has to find it anywhere
        List<double[]> rows = new ArrayList<>();
        double[] labels = new double[32];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 32; i++) {
            double[] row = new double[6];
            for (int t = 0; t < 6; t++) {
                row[t] = t < 3 + random.nextInt(4) ? 4 + random.nextInt(5) : 0;
            }
            if (i % 2 == 0) {
                row[random.nextInt(3)] = 3;
            }
            labels[i] = i % 2 == 0 ? 1 : 0;
            rows.add(row);
        }
        MultiDataSet batch = new MultiDataSet(Nd4j.createFromArray(rows.toArray(new double[0][])),
                Nd4j.createFromArray(labels));
        ZooModel model = TransformerClassifier.create(tinyTokens().dModel(8).numClasses(2).build());
        ModelHarness.oneStepLowersLoss(model, new ClassificationTask(2), batch,
                TrainerConfig.builder().learningRate(1e-2).seed(1).build());
        ModelHarness.saveLoadIdentical(model, Map.of(TransformerClassifier.TOKENS, tokens()), dir);
    }

    @Test
    void badInputIsOneSentence() {
        ZooModel tokensModel = TransformerClassifier.create(tinyTokens().pooling(Pooling.FIRST).build());
        String allPadding = assertThrows(IllegalArgumentException.class, () -> logits(tokensModel,
                Map.of(TransformerClassifier.TOKENS, Nd4j.createFromArray(new double[][] {{3, 4}, {0, 0}})))).getMessage();
        assertTrue(allPadding.contains("sequence 1 is all padding"), allPadding);
        String leftPadded = assertThrows(IllegalArgumentException.class, () -> logits(tokensModel,
                Map.of(TransformerClassifier.TOKENS, Nd4j.createFromArray(new double[][] {{0, 4}})))).getMessage();
        assertTrue(leftPadded.contains("pad on the right"), leftPadded);
        String unknown = assertThrows(IllegalArgumentException.class, () -> logits(tokensModel,
                Map.of(TransformerClassifier.TOKENS, Nd4j.createFromArray(new double[][] {{3, 12}})))).getMessage();
        assertTrue(unknown.contains("must be integers in [0, 9)"), unknown);
        ZooModel features = TransformerClassifier.create(tinyFeatures().build());
        INDArray x = Nd4j.ones(DataType.DOUBLE, 1, 2, 3);
        String mask = assertThrows(IllegalArgumentException.class, () -> logits(features, Map.of(
                TransformerClassifier.FEATURES, x, TransformerClassifier.PADDING_MASK,
                Nd4j.createFromArray(new double[][] {{0, 2}})))).getMessage();
        assertTrue(mask.contains("values other than 0 and 1"), mask);
        String maskShape = assertThrows(IllegalArgumentException.class, () -> logits(features, Map.of(
                TransformerClassifier.FEATURES, x, TransformerClassifier.PADDING_MASK,
                Nd4j.zeros(DataType.DOUBLE, 1, 3)))).getMessage();
        assertTrue(maskShape.contains("give one flag per position"), maskShape);
        String tooLong = assertThrows(IllegalArgumentException.class, () -> logits(features,
                Map.of(TransformerClassifier.FEATURES, Nd4j.ones(DataType.DOUBLE, 1, 9, 3)))).getMessage();
        assertTrue(tooLong.contains("longer than the positional table (maxLen 8)"), tooLong);
        String width = assertThrows(IllegalArgumentException.class, () -> logits(features,
                Map.of(TransformerClassifier.FEATURES, Nd4j.ones(DataType.DOUBLE, 1, 2, 5)))).getMessage();
        assertTrue(width.contains("[B, L, F]"), width);
    }

    @Test
    void importRefusesAStateDictWithoutItsNames() {
        Map<String, INDArray> sd = new HashMap<>(AttentionFixture.stateDict("classifier_tokens"));
        sd.remove("classifier.bias");
        String missing = assertThrows(IllegalArgumentException.class, () -> Architectures
                .get(TransformerClassifierConfig.ARCHITECTURE).importTorch(tinyTokens().build(), sd, Map.of()))
                .getMessage();
        assertTrue(missing.contains("classifier.bias"), missing);
    }
}
