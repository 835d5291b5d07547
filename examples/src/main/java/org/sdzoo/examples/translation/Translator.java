package org.sdzoo.examples.translation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.text.Vocabulary;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.io.LoadedArchive;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.models.transformer.Seq2SeqDecoder;
import org.sdzoo.zoo.models.transformer.TransformerConfig;

/**
 * Text in, text out: tokenises and encodes sentences with the source vocabulary, decodes them
 * with a trained {@code transformer-seq2seq} model (greedy or beam search, batches of similar
 * length so little padding is computed) and turns the ids back into text with the target
 * vocabulary. The vocabularies travel inside the model archive as {@value #SOURCE_VOCABULARY}
 * and {@value #TARGET_VOCABULARY}.
 */
public final class Translator {

    /** The archive's extra file holding the source vocabulary. */
    public static final String SOURCE_VOCABULARY = "vocab-source.json";
    /** The archive's extra file holding the target vocabulary. */
    public static final String TARGET_VOCABULARY = "vocab-target.json";
    /** Generated tokens allowed beyond the source length (the positional table caps it too). */
    static final int EXTRA_LENGTH = 20;
    /** Beam search ranks finished hypotheses by {@code log p / length^0.6} (Wu et al. 2016's α). */
    static final double LENGTH_PENALTY = 0.6;
    /** Sentences decoded together. */
    static final int BATCH = 64;

    private final ZooModel model;
    private final Vocabulary source;
    private final Vocabulary target;
    private Seq2SeqDecoder decoder;

    /**
     * @throws IllegalArgumentException when the model is not a seq2seq Transformer or its
     *                                  vocabulary sizes differ from the vocabularies'
     */
    public Translator(ZooModel model, Vocabulary source, Vocabulary target) {
        if (!(model.config() instanceof TransformerConfig config)) {
            throw new IllegalArgumentException("translation needs a " + TransformerConfig.ARCHITECTURE + " model, not a "
                    + model.config().architecture() + " model");
        }
        if (config.srcVocabSize() != source.size() || config.tgtVocabSize() != target.size()) {
            throw new IllegalArgumentException("the model's vocabularies hold " + config.srcVocabSize() + " and "
                    + config.tgtVocabSize() + " ids but the given ones " + source.size() + " and " + target.size()
                    + ": use the vocabularies saved with this model");
        }
        this.model = model;
        this.source = source;
        this.target = target;
    }

    /** @return the files to store in the model archive so that {@link #load} finds the vocabularies */
    public static Map<String, byte[]> archiveExtras(Vocabulary source, Vocabulary target) {
        return Map.of(SOURCE_VOCABULARY, source.toJson().getBytes(StandardCharsets.UTF_8),
                TARGET_VOCABULARY, target.toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException when the archive holds another kind of model or no vocabularies
     */
    public static Translator load(Path archive) throws IOException {
        LoadedArchive loaded = ModelArchive.read(archive);
        if (!loaded.extras().containsKey(SOURCE_VOCABULARY) || !loaded.extras().containsKey(TARGET_VOCABULARY)) {
            throw new IllegalArgumentException(archive + " holds no vocabularies (" + SOURCE_VOCABULARY + ", "
                    + TARGET_VOCABULARY + "), so it cannot translate text: use the model.sdz of a translation run such"
                    + " as 'sdzoo train transformer-multi30k'");
        }
        return new Translator(loaded.model(), vocabulary(loaded, SOURCE_VOCABULARY),
                vocabulary(loaded, TARGET_VOCABULARY));
    }

    private static Vocabulary vocabulary(LoadedArchive loaded, String name) {
        return Vocabulary.fromJson(new String(loaded.extra(name), StandardCharsets.UTF_8));
    }

    /** @return the source vocabulary */
    public Vocabulary source() {
        return source;
    }

    /** @return the target vocabulary */
    public Vocabulary target() {
        return target;
    }

    /** @return the model */
    public ZooModel model() {
        return model;
    }

    /** The decoder copies the parameters when made: made at first use, after any training. */
    private Seq2SeqDecoder decoder() {
        if (decoder == null) {
            decoder = Seq2SeqDecoder.of(model);
        }
        return decoder;
    }

    /**
     * @param sentences raw text, one sentence each (none blank)
     * @param beamSize  1 for greedy decoding, more for beam search
     * @return the translations, in order
     */
    public List<String> translate(List<String> sentences, int beamSize) {
        List<int[]> ids = new ArrayList<>();
        for (String s : sentences) {
            ids.add(source.encode(s));
        }
        List<String> out = new ArrayList<>();
        for (int[] generated : decode(ids, beamSize)) {
            out.add(target.decode(generated));
        }
        return out;
    }

    /**
     * Decodes encoded sentences in batches of similar length.
     *
     * @param sources  source ids without specials, each at most the model's maxLen long
     * @param beamSize 1 for greedy decoding
     * @return the generated target ids of each sentence, without BOS and EOS
     */
    public List<int[]> decode(List<int[]> sources, int beamSize) {
        if (beamSize < 1) {
            throw new IllegalArgumentException("--beam must be at least 1 but was " + beamSize + ": 1 is greedy decoding");
        }
        int maxLen = ((TransformerConfig) model.config()).maxLen();
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            int length = sources.get(i).length;
            if (length == 0) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " has no tokens: give text to translate");
            }
            if (length > maxLen) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " has " + length + " tokens, more than the "
                        + maxLen + " this model's positional table holds: split it into shorter sentences");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> sources.get(i).length));
        int[][] out = new int[sources.size()][];
        for (int start = 0; start < order.length; start += BATCH) {
            int end = Math.min(order.length, start + BATCH);
            int s = sources.get(order[end - 1]).length;
            int[][] padded = new int[end - start][s];      // zero-filled: Vocabulary.PAD
            for (int i = start; i < end; i++) {
                int[] x = sources.get(order[i]);
                System.arraycopy(x, 0, padded[i - start], 0, x.length);
            }
            INDArray src = Nd4j.createFromArray(padded);                                        // [B, S]
            int maxLength = Math.min(maxLen, s + EXTRA_LENGTH);
            int[][] generated = beamSize == 1
                    ? decoder().greedy(src, Vocabulary.BOS, Vocabulary.EOS, maxLength)
                    : decoder().beam(src, Vocabulary.BOS, Vocabulary.EOS, maxLength, beamSize, LENGTH_PENALTY);
            for (int i = start; i < end; i++) {
                out[order[i]] = generated[i - start];
            }
        }
        return Arrays.asList(out);
    }

    /**
     * The last decoder layer's cross-attention while it reads its own translation of one sentence.
     *
     * @param sourceIds    the sentence's ids
     * @param translation  the generated ids (without BOS, EOS)
     * @return {@code [H, T, S]}: for each head, each generated position (T = translation length + 1,
     *         the last predicting EOS) over the source tokens
     */
    public INDArray crossAttention(int[] sourceIds, int[] translation) {
        int[] tgt = new int[translation.length + 1];
        tgt[0] = Vocabulary.BOS;
        System.arraycopy(translation, 0, tgt, 1, translation.length);
        INDArray weights = decoder().crossAttention(Nd4j.createFromArray(new int[][] {sourceIds}),
                Nd4j.createFromArray(new int[][] {tgt}));                                        // [1, H, T, S]
        return weights.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup();
    }
}
