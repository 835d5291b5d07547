package org.sdzoo.datasets.sequence;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synthetic sequence-to-sequence tasks for Transformers: copy (the Annotated Transformer's first
 * experiment), reverse and sort a random sequence. Ids: {@value #PAD} padding, {@value #BOS}
 * beginning and {@value #EOS} end of a target, symbols {@value #FIRST_SYMBOL} .. V-1; the source
 * holds only symbols, the target is {@code BOS answer EOS}. Lengths are drawn uniformly in
 * [minLength, maxLength]; shorter sequences are right-padded. Same seed, same data.
 *
 * <p>The Annotated Transformer's copy task has a vocabulary of 11 with id 1 as the start symbol
 * and 9 symbols; here 11 ids leave 8 symbols, because id 2 ends a target so that decoding can stop.
 */
public final class SyntheticSequences {

    /** Padding. */
    public static final int PAD = 0;
    /** Beginning of a target. */
    public static final int BOS = 1;
    /** End of a target. */
    public static final int EOS = 2;
    /** The first symbol id. */
    public static final int FIRST_SYMBOL = 3;

    /** What the target is made of. */
    public enum Task {
        /** The source itself. */
        COPY,
        /** The source backwards. */
        REVERSE,
        /** The source's symbols in ascending order. */
        SORT;

        /** @return the name in lower case, e.g. {@code copy} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SyntheticSequences() {
    }

    /**
     * @param task      copy, reverse or sort
     * @param examples  N
     * @param minLength the shortest source, at least 1
     * @param maxLength the longest source S
     * @param vocabSize V, at least {@value #FIRST_SYMBOL} + 2 (two symbols)
     * @return src {@code [N, S]} and tgt {@code [N, S+2]}, {@code type}
     */
    public static SequencePairs generate(Task task, int examples, int minLength, int maxLength, int vocabSize,
                                         long seed, DataType type) {
        if (task == null || examples < 1 || minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("a synthetic " + task + " task needs examples >= 1 and 1 <= minLength <="
                    + " maxLength, got " + examples + ", " + minLength + ", " + maxLength);
        }
        if (vocabSize < FIRST_SYMBOL + 2) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " leaves fewer than two symbols after pad, bos"
                    + " and eos: use at least " + (FIRST_SYMBOL + 2));
        }
        SplittableRandom random = new SplittableRandom(seed);
        int symbols = vocabSize - FIRST_SYMBOL;
        double[][] src = new double[examples][maxLength];
        double[][] tgt = new double[examples][maxLength + 2];
        for (int n = 0; n < examples; n++) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            int[] seq = new int[length];
            for (int i = 0; i < length; i++) {
                seq[i] = FIRST_SYMBOL + random.nextInt(symbols);
                src[n][i] = seq[i];
            }
            int[] answer = answer(task, seq);
            tgt[n][0] = BOS;
            for (int i = 0; i < length; i++) {
                tgt[n][i + 1] = answer[i];
            }
            tgt[n][length + 1] = EOS;
        }
        return new SequencePairs(Nd4j.createFromArray(src).castTo(type), Nd4j.createFromArray(tgt).castTo(type));
    }

    /** @return the target symbols (without BOS and EOS) of {@code source} */
    public static int[] answer(Task task, int[] source) {
        int[] out = source.clone();
        switch (task) {
            case COPY -> {
            }
            case REVERSE -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = source[source.length - 1 - i];
                }
            }
            case SORT -> Arrays.sort(out);
        }
        return out;
    }
}
