package org.sdzoo.zoo.models.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.text.BatchFormat;
import org.sdzoo.datasets.text.EncodedPairs;
import org.sdzoo.datasets.text.LengthBuckets;
import org.sdzoo.datasets.text.ParallelBatches;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.task.TokenTask;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingSession;

/** The token-to-token Transformer: config, masks, causality, gradients, training, decoding, import. */
class Seq2SeqTransformerTest {

    private static final int V = 7;
    private static final int PAD = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;

    private static TransformerConfig.Builder tiny() {
        return TransformerConfig.builder().vocabSize(V).dModel(8).numHeads(2).dimFeedforward(16).layers(2).dropout(0)
                .maxLen(12).precision(Precision.FLOAT64).seed(3);
    }

    private static INDArray src() {
        return Nd4j.createFromArray(new double[][] {{3, 4, 5, 6}, {5, 3, 0, 0}});
    }

    private static INDArray tgt() {
        return Nd4j.createFromArray(new double[][] {{1, 3, 4}, {1, 5, 3}});
    }

    private static INDArray logits(ZooModel model, INDArray src, INDArray tgt) {
        return model.predict(Map.of(Seq2SeqTransformer.SRC, src, Seq2SeqTransformer.TGT, tgt))
                .get(Seq2SeqTransformer.LOGITS);
    }

    @Test
    void configRoundTripsThroughJsonAndRefusesBadSizes() {
        TransformerConfig c = tiny().positional(PositionalKind.LEARNED).tieWeights(true).activation("gelu").build();
        assertEquals(c, TransformerConfig.fromJson(c.toJson()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny().dModel(10).numHeads(4)
                .build());
        assertTrue(e.getMessage().contains("dModel (10) must be divisible by numHeads (4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny().activation("tanh").build());
        assertThrows(IllegalArgumentException.class, () -> tiny().padId(V).build());
    }

    @Test
    void logitsHaveOneRowPerTargetPositionAndIgnorePaddedSourceTokens() {
        ZooModel model = Seq2SeqTransformer.create(tiny().build());
        INDArray out = logits(model, src(), tgt());
        assertArrayEquals(new long[] {2, 3, V}, out.shape());
        INDArray otherPadding = src().dup();
        otherPadding.putScalar(1, 3, 0);
        INDArray longer = Nd4j.concat(1, src(), Nd4j.zeros(DataType.DOUBLE, 2, 2));      // more padding
        INDArray second = logits(model, longer, tgt()).get(NDArrayIndex.point(1));
        assertTrue(out.get(NDArrayIndex.point(1)).equalsWithEps(second, 1e-10), "padding changed the output");
    }

    @Test
    void aTargetPositionDoesNotSeeLaterTargets() {
        ZooModel model = Seq2SeqTransformer.create(tiny().build());
        INDArray changed = tgt().dup();
        changed.putScalar(0, 2, 6);
        INDArray a = logits(model, src(), tgt());
        INDArray b = logits(model, src(), changed);
        assertTrue(a.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2)).equalsWithEps(
                b.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 2)), 1e-10));
        assertFalse(a.get(NDArrayIndex.point(0), NDArrayIndex.point(2)).equalsWithEps(
                b.get(NDArrayIndex.point(0), NDArrayIndex.point(2)), 1e-10));
    }

    @Test
    void badInputIsOneSentence() {
        ZooModel model = Seq2SeqTransformer.create(tiny().build());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> logits(model, Nd4j.ones(DataType.DOUBLE, 1, 13).muli(3), Nd4j.ones(DataType.DOUBLE, 1, 2)));
        assertTrue(tooLong.getMessage().contains("longer than the positional table (maxLen 12)"), tooLong.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> logits(model, Nd4j.createFromArray(new double[][] {{3, 9}}), Nd4j.ones(DataType.DOUBLE, 1, 2)));
        assertTrue(unknown.getMessage().contains("must be integers in [0, 7)"), unknown.getMessage());
    }

    /** The whole model with dropout and label smoothing under the strict finite-difference check. */
    @Test
    void strictGradientCheckOfTheWholeModel() {
        TransformerConfig c = TransformerConfig.builder().vocabSize(5).dModel(2).numHeads(2).dimFeedforward(2).layers(1)
                .dropout(0.1).maxLen(4).positional(PositionalKind.LEARNED).tieWeights(true).precision(Precision.FLOAT64)
                .seed(1).build();
        ZooModel model = Seq2SeqTransformer.create(c);
        Task task = new TokenTask(5, 0.1);
        task.attachLoss(model);
        MultiDataSet batch = TeacherForcing.batch(Nd4j.createFromArray(new double[][] {{3, 4, 0}, {2, 3, 4}}),
                Nd4j.createFromArray(new double[][] {{1, 3, 2}, {1, 4, 0}}), 0, DataType.DOUBLE);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        GradientCheck.Result r = GradientCheck.check(model.sameDiff(), Task.LOSS, feed);
        assertTrue(r.passed(), r.toString());
        assertEquals(model.parameterCount(), r.checked());
    }

    @Test
    void trainingStepsLowerTheLossAndBeamOneIsGreedy() {
        TransformerConfig c = tiny().dropout(0.1).build();
        ZooModel model = Seq2SeqTransformer.create(c);
        TokenTask task = new TokenTask(V, 0.1);
        TrainingSession session = Trainer.builder().config(TrainerConfig.builder().learningRate(1e-2).seed(1).build())
                .build().session(model, task);
        MultiDataSet batch = TeacherForcing.batch(src(), Nd4j.createFromArray(new double[][] {{1, 3, 4, 5, 6, 2},
                {1, 5, 3, 2, 0, 0}}), PAD, DataType.DOUBLE);
        double first = session.step(batch);
        double last = first;
        for (int i = 0; i < 15; i++) {
            last = session.step(batch);
        }
        assertTrue(last < first * 0.8, "loss " + first + " -> " + last);
        Seq2SeqDecoder decoder = Seq2SeqDecoder.of(model);
        int[][] greedy = decoder.greedy(src(), BOS, EOS, 8);
        assertArrayEquals(greedy, decoder.beam(src(), BOS, EOS, 8, 1, 0.6));
        assertEquals(2, decoder.beam(src(), BOS, EOS, 8, 3, 1.0).length);
    }

    /**
     * A beam wide enough to hold every prefix (V^maxLength) is exhaustive search: it returns the
     * sequence of best {@code log p / length^α} among all that end in EOS or reach maxLength,
     * scored here with the teacher-forced model, for α 0 and 0.6.
     */
    @Test
    void aWideEnoughBeamIsExhaustiveSearch() {
        ZooModel model = Seq2SeqTransformer.create(tiny().seed(11).build());
        Seq2SeqDecoder decoder = Seq2SeqDecoder.of(model);
        int maxLength = 3;
        for (double alpha : new double[] {0, 0.6}) {
            int[][] beam = decoder.beam(src(), BOS, EOS, maxLength, 400, alpha);
            for (int row = 0; row < 2; row++) {
                INDArray one = src().get(NDArrayIndex.interval(row, row + 1), NDArrayIndex.all());
                Best best = new Best();
                search(model, one, new int[] {BOS}, 0, maxLength, alpha, best);
                int[] expected = best.tokens[best.tokens.length - 1] == EOS
                        ? java.util.Arrays.copyOfRange(best.tokens, 1, best.tokens.length - 1)
                        : java.util.Arrays.copyOfRange(best.tokens, 1, best.tokens.length);
                assertArrayEquals(expected, beam[row], "alpha " + alpha + ", row " + row + ": best score " + best.score);
            }
        }
    }

    private static final class Best {
        int[] tokens;
        double score = Double.NEGATIVE_INFINITY;
    }

    /** Depth-first over every continuation of {@code prefix} (BOS first), scoring the finished ones. */
    private static void search(ZooModel model, INDArray src, int[] prefix, double logP, int maxLength, double alpha,
                               Best best) {
        double[] tgt = java.util.Arrays.stream(prefix).asDoubleStream().toArray();
        INDArray scores = logits(model, src, Nd4j.createFromArray(new double[][] {tgt}))
                .get(NDArrayIndex.point(0), NDArrayIndex.point(prefix.length - 1));                  // [V]
        INDArray logProbs = org.nd4j.linalg.ops.transforms.Transforms.log(
                org.nd4j.linalg.ops.transforms.Transforms.softmax(scores.reshape(1, V), true));
        for (int token = 0; token < V; token++) {
            int[] next = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            next[prefix.length] = token;
            double p = logP + logProbs.getDouble(0, token);
            if (token == EOS || next.length - 1 == maxLength) {
                double normalized = p / Math.pow(next.length - 1, alpha);
                if (normalized > best.score) {
                    best.score = normalized;
                    best.tokens = next;
                }
            } else {
                search(model, src, next, p, maxLength, alpha, best);
            }
        }
    }

    @Test
    void theDecodersStepScoresAreTheModelsLastPosition() {
        ZooModel model = Seq2SeqTransformer.create(tiny().build());
        INDArray out = logits(model, src(), tgt());
        int[][] greedy = Seq2SeqDecoder.of(model).greedy(src(), BOS, EOS, 1);
        for (int b = 0; b < 2; b++) {
            int expected = Nd4j.argMax(out.get(NDArrayIndex.point(b), NDArrayIndex.point(0)), 0).getInt(0);
            assertTrue(greedy[b].length == 0 ? expected == EOS : greedy[b][0] == expected, "row " + b);
        }
    }

    @Test
    void importingItsOwnStateDictGivesTheSameOutputs() {
        ZooModel model = Seq2SeqTransformer.create(tiny().positional(PositionalKind.LEARNED).tieWeights(true).build());
        Map<String, INDArray> stateDict = new LinkedHashMap<>();
        model.parameterNames().forEach(n -> stateDict.put(n, model.sameDiff().getArrForVarName(n).dup()));
        ZooModel imported = new Seq2SeqArchitecture().importTorch(tiny().dModel(4).layers(1).build(), stateDict, Map.of());
        assertEquals(model.config(), imported.config());
        assertTrue(logits(model, src(), tgt()).equalsWithEps(logits(imported, src(), tgt()), 1e-12));
        assertFalse(stateDict.containsKey("generator.weight"), "a tied generator has no weight of its own");
        // tied: the target embedding's row of a token the decoder is not fed (6) moves that token's logits only
        INDArray before = logits(imported, src(), tgt());
        imported.sameDiff().getArrForVarName("tgt_embed.weight").getRow(6).muli(3.0);     // not a constant shift: the final norm's outputs sum to 0
        INDArray change = logits(imported, src(), tgt()).sub(before);
        assertTrue(change.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(6)).norm2Number().doubleValue()
                > 1e-3, "the generator does not read the target embedding");
        assertEquals(0.0, change.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 6)).norm2Number()
                .doubleValue(), 1e-12);
        stateDict.remove("generator.bias");
        assertThrows(IllegalArgumentException.class,
                () -> new Seq2SeqArchitecture().importTorch(tiny().build(), stateDict, Map.of()));
    }

    /**
     * A fixed-shape bucket batch (more padding, and filler rows that repeat real ones with labels
     * mask 0) gives the loss and gradients of the same sentences padded to their longest.
     */
    @Test
    void bucketBatchesWithFillerRowsLeaveLossAndGradientsUnchanged() {
        ZooModel model = Seq2SeqTransformer.create(tiny().build());
        TokenTask task = new TokenTask(V, 0.1);
        task.attachLoss(model);
        EncodedPairs pairs = new EncodedPairs(java.util.List.of(new int[] {3, 4, 5}, new int[] {6}, new int[] {4, 4}),
                java.util.List.of(new int[] {5, 6}, new int[] {3, 4, 5}, new int[] {6}));
        BatchFormat format = BatchFormat.numericIds(DataType.DOUBLE);
        var tight = new ParallelBatches(pairs, 3, false, 0, format).batch(new int[] {0, 1, 2});
        var bucket = new ParallelBatches(pairs, LengthBuckets.of(5 * 8, 8), false, 0, format).batch(new int[] {0, 1, 2});
        assertArrayEquals(new long[] {3, 4}, tight.getLabels(0).shape());
        assertArrayEquals(new long[] {5, 8}, bucket.getLabels(0).shape(), "two filler rows, 4 more positions");
        var a = lossAndGradients(model, task, tight);
        var b = lossAndGradients(model, task, bucket);
        assertEquals(a.getOutputs().get(Task.LOSS).getDouble(0), b.getOutputs().get(Task.LOSS).getDouble(0), 1e-12);
        for (String p : model.parameterNames()) {
            assertTrue(a.getGradients().get(p).equalsWithEps(b.getGradients().get(p), 1e-12), p);
        }
    }

    private static org.nd4j.autodiff.samediff.api.OutAndGrad lossAndGradients(ZooModel model, Task task, MultiDataSet batch) {
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        return model.sameDiff().calculateGradientsAndOutputs(feed, java.util.List.of(Task.LOSS), model.parameterNames());
    }
}
