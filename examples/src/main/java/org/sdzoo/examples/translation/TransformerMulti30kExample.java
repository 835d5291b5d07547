package org.sdzoo.examples.translation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.text.Bleu;
import org.sdzoo.datasets.text.BleuScore;
import org.sdzoo.datasets.text.CorpusStatistics;
import org.sdzoo.datasets.text.EncodedPairs;
import org.sdzoo.datasets.text.LengthBuckets;
import org.sdzoo.datasets.text.Multi30k;
import org.sdzoo.datasets.text.ParallelCorpus;
import org.sdzoo.datasets.text.Vocabulary;
import org.sdzoo.datasets.text.WordTokenizer;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
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
 * German to English on Multi30k (task 1) with a small Transformer: 3+3 layers, D 256, 8 heads,
 * FFN 1024, dropout 0.1, label smoothing 0.1, Adam with warm-up then inverse square root. Word
 * vocabularies (lower-cased, punctuation split, tokens seen at least twice in the training split)
 * are built on the training split and saved in {@code model.sdz}; BLEU is corpus BLEU of greedy
 * translations of test2016 against its references in the same tokenisation, beside the ≈ 35 that
 * public tutorials reach with a model of this size on tokenised, lower-cased Multi30k.
 *
 * <p>Files beside the usual ones: {@code test2016.translations.txt} (one greedy translation per
 * test sentence) and {@code cross_attention_head<h>.png} (the last decoder layer's attention over
 * the first test sentence, per head; the tokens of both axes are in {@code cross_attention.txt}).
 */
public final class TransformerMulti30kExample implements Example<TranslationData> {

    /** The example's name on the command line. */
    public static final String NAME = "transformer-multi30k";
    /** The result key of the test BLEU (0–100). */
    public static final String TEST_BLEU = "test2016_bleu";
    /** BLEU that public tutorials report for a Transformer of about this size on Multi30k de→en test2016. */
    static final double PUBLIC_BLEU = 35.0;

    static final int MIN_FREQUENCY = 2;
    static final int MAX_LENGTH = 100;
    /**
     * Batches of one of six fixed shapes, about 2048 positions each (170 × 12 … 42 × 48; 128 × 16
     * as the old 128 sentences padded to multiples of 8 mostly were): the training plan is
     * compiled once per bucket and epoch, one alive at a time, instead of once per (source,
     * target) length pair in random order (12 shapes an epoch, 1.2-2.7 GB each, evicted before
     * reuse). 82% of the padded positions are real tokens against 74% before.
     */
    static final LengthBuckets BUCKETS = LengthBuckets.of(2048, 12, 16, 20, 24, 32, 48);
    static final double LABEL_SMOOTHING = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(TransformerMulti30kExample.class);

    /** The target vocabulary's size, known once the data is read: the task's number of classes. */
    private Integer targetVocabularySize;
    private final int trainLimit;
    private final int testLimit;

    public TransformerMulti30kExample() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * For tests: the first pairs of the splits only.
     *
     * @param trainLimit the most training pairs read
     * @param testLimit  the most test2016 pairs translated and scored
     */
    TransformerMulti30kExample(int trainLimit, int testLimit) {
        this.trainLimit = trainLimit;
        this.testLimit = testLimit;
    }

    @Override
    public About about() {
        return new About(NAME, "Transformer (3+3 layers, d 256) translating Multi30k German to English, test2016 BLEU"
                + " beside the public ≈35 (needs --data-dir or " + DataDirectory.ENV_VAR + ")",
                TransformerConfig.ARCHITECTURE, "no --data: Multi30k task 1 under the data directory (--data-dir or "
                + DataDirectory.ENV_VAR + "), multi30k/{train,val,test_2016_flickr}.{de,en}.gz");
    }

    @Override
    public Task task() {
        if (targetVocabularySize == null) {
            throw new IllegalStateException(NAME + "'s task needs the target vocabulary: read the data first");
        }
        return new TokenTask(targetVocabularySize, LABEL_SMOOTHING);
    }

    /** Adam (β 0.9/0.98, ε 1e-9) peaking at 1e-3 after 1000 warm-up steps, then inverse square root; clip 1; 20 epochs. */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().optimizer(Optimizer.ADAM).learningRate(1e-3).beta1(0.9).beta2(0.98)
                .epsilon(1e-9).schedule(Schedule.INVERSE_SQRT).warmupSteps(1000).clipNorm(1.0).epochs(20)
                .seed(42).build();
    }

    @Override
    public TranslationData data(DataSource source) throws IOException {
        if (source.isUserData()) {
            throw new IllegalArgumentException(NAME + " reads Multi30k from the data directory: drop --data and give"
                    + " --data-dir or set " + DataDirectory.ENV_VAR);
        }
        Path dir = source.dataDir() != null ? source.dataDir() : DataDirectory.resolve(null);
        ParallelCorpus train = Multi30k.load(dir, Multi30k.Split.TRAIN, "de", "en").head(trainLimit);
        ParallelCorpus val = Multi30k.load(dir, Multi30k.Split.VAL, "de", "en");
        ParallelCorpus test = Multi30k.load(dir, Multi30k.Split.TEST2016, "de", "en").head(testLimit);
        Vocabulary de = Vocabulary.build(train.source(), WordTokenizer.INSTANCE, MIN_FREQUENCY, Vocabulary.UNLIMITED);
        Vocabulary en = Vocabulary.build(train.target(), WordTokenizer.INSTANCE, MIN_FREQUENCY, Vocabulary.UNLIMITED);
        for (ParallelCorpus c : List.of(train, val, test)) {
            LOG.info("{}", CorpusStatistics.of(c, de, en));
        }
        targetVocabularySize = en.size();
        List<Path> files = new ArrayList<>();
        for (Multi30k.Split split : Multi30k.Split.values()) {
            for (String language : Multi30k.LANGUAGES) {
                files.add(Multi30k.file(split, language).resolveIn(dir));
            }
        }
        EncodedPairs trainPairs = EncodedPairs.encode(train, de, en).withMaxLength(MAX_LENGTH);
        return new TranslationData(trainPairs, EncodedPairs.encode(val, de, en).withMaxLength(MAX_LENGTH), test, de, en,
                BUCKETS, DataType.FLOAT, "Multi30k de-en (" + trainPairs.size() + " train pairs, vocab de " + de.size()
                + " / en " + en.size() + ")", files);
    }

    @Override
    public ModelConfig config(TranslationData data, Path configFile) throws IOException {
        // The positional table covers the longest sentence with <bos>, padded to its bucket's length.
        TransformerConfig base = TransformerConfig.builder().srcVocabSize(data.source().size())
                .tgtVocabSize(data.target().size()).dModel(256).numHeads(8).dimFeedforward(1024).layers(3)
                .dropout(0.1).maxLen(data.buckets().lengthFor(MAX_LENGTH + 1)).padId(Vocabulary.PAD).build();
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    @Override
    public ZooModel model(ModelConfig config, TranslationData data) {
        return Seq2SeqTransformer.create((TransformerConfig) config);
    }

    @Override
    public void checkResume(ZooModel checkpoint, TranslationData data) {
        TransformerConfig c = (TransformerConfig) checkpoint.config();
        if (c.srcVocabSize() != data.source().size() || c.tgtVocabSize() != data.target().size()) {
            throw new IllegalArgumentException("the checkpoint's vocabularies (" + c.srcVocabSize() + ", "
                    + c.tgtVocabSize() + ") differ from this data's (" + data.source().size() + ", "
                    + data.target().size() + "): resume on the same training data");
        }
    }

    /** Greedy test2016 BLEU beside the public figure, teacher-forced test metrics, translations and heatmaps. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, TranslationData data, RunContext run)
            throws IOException {
        Map<String, Double> teacherForced = Evaluator.evaluate(trained, task(), data.evaluation());
        Translator translator = new Translator(trained, data.source(), data.target());
        List<int[]> sources = new ArrayList<>();
        data.test().source().forEach(s -> sources.add(data.source().encode(s)));
        long start = System.nanoTime();
        List<int[]> generated = translator.decode(sources, 1);
        double decodeSeconds = (System.nanoTime() - start) / 1e9;
        List<List<String>> hypotheses = new ArrayList<>();
        List<List<String>> references = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            List<String> tokens = data.target().decodeTokens(generated.get(i));
            hypotheses.add(tokens);
            references.add(WordTokenizer.INSTANCE.tokenize(data.test().target().get(i)));
            lines.add(WordTokenizer.INSTANCE.join(tokens));
        }
        BleuScore bleu = Bleu.corpus(hypotheses, references);
        LOG.info("test2016 greedy {}", bleu);
        Files.write(run.file("test2016.translations.txt"), lines, StandardCharsets.UTF_8);
        heatmaps(translator, sources.get(0), generated.get(0), data, run);
        return new ResultTable("Transformer 3+3, d 256 on Multi30k de→en, seed " + run.seed())
                .perEpoch("losses", "training loss (label-smoothed token cross-entropy)", ExampleRunner.losses(training))
                .value("test2016_perplexity", "teacher-forced test2016 perplexity",
                        teacherForced.get(org.sdzoo.zoo.metrics.Perplexity.NAME))
                .value("test2016_token_accuracy", "teacher-forced test2016 token accuracy",
                        teacherForced.get(TokenTask.TOKEN_ACCURACY))
                .value("test2016_bleu_precisions", "test2016 n-gram precisions p1..p4", bleu.precisions())
                .value("test2016_brevity_penalty", "test2016 brevity penalty", bleu.brevityPenalty())
                .value("test2016_decode_seconds", "seconds to translate test2016 greedily", decodeSeconds)
                .header("test2016 BLEU (greedy)", "public, same size")
                .row(TEST_BLEU, bleu.score(), PUBLIC_BLEU)
                .fact("tokenization", "lower-cased words, punctuation split (WordTokenizer); BLEU on these tokens")
                .fact("decoding", "greedy")
                .note("Corpus BLEU (4-gram, brevity penalty, no smoothing) on lower-cased, punctuation-split tokens,"
                        + " as tokenised Multi30k results are usually reported; sacrebleu on detokenised text gives"
                        + " other numbers. 'sdzoo translate --beam 4 --reference' scores beam search.");
    }

    /** One heatmap per head of the last decoder layer's attention over the first test sentence. */
    private static void heatmaps(Translator translator, int[] source, int[] translation, TranslationData data,
                                 RunContext run) throws IOException {
        INDArray weights = translator.crossAttention(source, translation);                  // [H, T, S]
        List<String> rows = new ArrayList<>(data.target().decodeTokens(translation));
        rows.add(0, "<bos>");
        Files.writeString(run.file("cross_attention.txt"), "source (x axis): " + String.join(" ",
                data.source().decodeTokens(source)) + "\ndecoder input (y axis): " + String.join(" ", rows) + "\n",
                StandardCharsets.UTF_8);
        for (int h = 0; h < weights.size(0); h++) {
            double[][] m = weights.get(NDArrayIndex.point(h)).castTo(DataType.DOUBLE).toDoubleMatrix();  // [T, S]
            HeatmapPlot.write(run.file("cross_attention_head" + h + ".png"), m, "cross-attention, last decoder layer,"
                    + " head " + h + " (tokens: cross_attention.txt)", "source position", "decoder input position",
                    null, null);
        }
    }
}
