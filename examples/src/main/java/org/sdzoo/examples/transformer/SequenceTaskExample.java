package org.sdzoo.examples.transformer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.sequence.SequencePairs;
import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.transformer.Seq2SeqDecoder;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TransformerConfig;
import org.sdzoo.zoo.plot.HeatmapPlot;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.task.TokenTask;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.Schedule;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * A Transformer learning a synthetic sequence task ({@link SyntheticSequences}): teacher forcing
 * on generated pairs, then greedy decoding of held-out sources, scored by exact match (every
 * token right and EOS in place). Besides the shared files it draws one cross-attention heatmap
 * per head ({@code cross_attention_head<h>.png}) for the first test sentence: for copying the
 * weights sit on the diagonal, for reversing on the anti-diagonal.
 */
public abstract class SequenceTaskExample implements Example<SequenceTaskData> {

    /** The key of the greedy exact-match rate in {@code result.json}. */
    public static final String GREEDY_EXACT_MATCH_RATE = "greedy_exact_match_rate";

    static final int VOCAB = 11;
    static final int TEST_SENTENCES = 500;
    static final int BATCH = 64;

    private final SyntheticSequences.Task kind;
    private final int trainSentences;
    private final int minLength;
    private final int maxLength;
    private final int epochs;

    SequenceTaskExample(SyntheticSequences.Task kind, int trainSentences, int minLength, int maxLength, int epochs) {
        this.kind = kind;
        this.trainSentences = trainSentences;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.epochs = epochs;
    }

    /** No label smoothing: the Annotated Transformer's copy task uses none, and exact copies want sharp outputs. */
    @Override
    public Task task() {
        return new TokenTask(0);
    }

    /**
     * The Annotated Transformer's optimiser (Adam, β 0.9/0.98, ε 1e-9, warm-up then inverse square
     * root) with a peak rate suited to the small model, seed 42.
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(2e-3).beta1(0.9).beta2(0.98)
                .epsilon(1e-9).schedule(Schedule.INVERSE_SQRT).warmupSteps(100).epochs(epochs).seed(42).build();
    }

    @Override
    public SequenceTaskData data(DataSource source) {
        if (source.isUserData()) {
            throw new IllegalArgumentException(name() + " generates its own sequences: drop --data");
        }
        SequencePairs train = SyntheticSequences.generate(kind, trainSentences, minLength, maxLength, VOCAB,
                source.seed(), DataType.FLOAT);
        SequencePairs test = SyntheticSequences.generate(kind, TEST_SENTENCES, minLength, maxLength, VOCAB,
                source.seed() + 1, DataType.FLOAT);
        String lengths = minLength == maxLength ? "length " + maxLength : "lengths " + minLength + "-" + maxLength;
        return new SequenceTaskData(train, test, BATCH, SyntheticSequences.PAD, DataType.FLOAT, kind.label() + " ("
                + trainSentences + " train, " + TEST_SENTENCES + " test, " + lengths + ", vocab " + VOCAB + ", seed "
                + source.seed() + ")");
    }

    /** 2+2 layers as the Annotated Transformer's copy task, but D 64, 4 heads, FFN 128, so it trains in minutes. */
    @Override
    public ModelConfig config(SequenceTaskData data, Path configFile) throws IOException {
        TransformerConfig base = TransformerConfig.builder().vocabSize(VOCAB).dModel(64).numHeads(4).dimFeedforward(128)
                .layers(2).dropout(0.1).maxLen(maxLength + 2).padId(SyntheticSequences.PAD).build();
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    @Override
    public ZooModel model(ModelConfig config, SequenceTaskData data) {
        return Seq2SeqTransformer.create((TransformerConfig) config);
    }

    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, SequenceTaskData data, RunContext run)
            throws IOException {
        Map<String, Double> teacherForced = Evaluator.evaluate(trained, task(), data.evaluation());
        Seq2SeqDecoder decoder = Seq2SeqDecoder.of(trained);
        INDArray src = data.test().src();
        int[][] decoded = decoder.greedy(src, SyntheticSequences.BOS, SyntheticSequences.EOS, maxLength + 1);
        double exact = exactMatchRate(decoded, data.test().tgt());
        heatmaps(decoder, src, decoded[0], run);
        return new ResultTable("Transformer " + kind.label() + " task, seed " + run.seed())
                .perEpoch("losses", "loss (token cross-entropy)", ExampleRunner.losses(training))
                .value("test_token_accuracy", "teacher-forced token accuracy on the test pairs",
                        teacherForced.get(TokenTask.TOKEN_ACCURACY))
                .value("test_perplexity", "teacher-forced perplexity on the test pairs",
                        teacherForced.get(org.sdzoo.zoo.metrics.Perplexity.NAME))
                .value("training_seconds", "training seconds", training.seconds())
                .header("greedy decoding of " + TEST_SENTENCES + " test sources", "Annotated Transformer")
                .row(GREEDY_EXACT_MATCH_RATE, exact, 1.0)
                .note("The Annotated Transformer shows its copy model decoding a sequence exactly (2 layers, D 512);"
                        + " the reference 1.0 is that target, not a published rate.");
    }

    /** @return the fraction of rows decoded exactly: every answer id, then EOS */
    static double exactMatchRate(int[][] decoded, INDArray tgt) {
        int hits = 0;
        for (int n = 0; n < decoded.length; n++) {
            int[] expected = answer(tgt, n);
            hits += java.util.Arrays.equals(decoded[n], expected) ? 1 : 0;
        }
        return hits / (double) decoded.length;
    }

    /** @return row n's answer: the ids between BOS and EOS */
    private static int[] answer(INDArray tgt, int n) {
        double[] row = tgt.getRow(n).toDoubleVector();
        int end = 1;
        while (row[end] != SyntheticSequences.EOS) {
            end++;
        }
        int[] out = new int[end - 1];
        for (int i = 1; i < end; i++) {
            out[i - 1] = (int) row[i];
        }
        return out;
    }

    /** One heatmap per head of the last decoder layer's cross-attention on the first test sentence. */
    private static void heatmaps(Seq2SeqDecoder decoder, INDArray src, int[] decoded, RunContext run)
            throws IOException {
        INDArray first = src.get(NDArrayIndex.interval(0, 1), NDArrayIndex.all());
        int length = 0;
        while (length < first.size(1) && first.getDouble(0, length) != SyntheticSequences.PAD) {
            length++;
        }
        first = first.get(NDArrayIndex.all(), NDArrayIndex.interval(0, length));
        double[] input = new double[decoded.length + 1];
        input[0] = SyntheticSequences.BOS;
        for (int i = 0; i < decoded.length; i++) {
            input[i + 1] = decoded[i];
        }
        INDArray weights = decoder.crossAttention(first, Nd4j.createFromArray(new double[][] {input}));  // [1, H, T, S]
        double[] srcTicks = first.toDoubleVector();
        for (int h = 0; h < weights.size(1); h++) {
            double[][] m = weights.get(NDArrayIndex.point(0), NDArrayIndex.point(h)).castTo(DataType.DOUBLE)
                    .toDoubleMatrix();
            HeatmapPlot.write(run.file("cross_attention_head" + h + ".png"), m, "cross-attention, last decoder layer,"
                    + " head " + h, "source token id", "decoder input id (BOS, output so far)", srcTicks, input);
        }
    }
}
