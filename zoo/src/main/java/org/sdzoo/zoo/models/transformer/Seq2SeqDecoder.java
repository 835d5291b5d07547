package org.sdzoo.zoo.models.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.attention.AttentionMasks;
import org.sdzoo.zoo.blocks.transformer.DecoderLayerOutputs;
import org.sdzoo.zoo.plan.PlannedGraph;

/**
 * Greedy and beam-search decoding of a trained {@link Seq2SeqTransformer}, batched: the encoder
 * runs once per batch of sentences, then the decoder is run on the growing prefixes with that
 * memory fed in (a second graph built by the same {@link Seq2SeqParts} code, holding a copy of the
 * model's parameters taken when the decoder is made: make it after training).
 *
 * <p>Token ids are ints; a result row holds the generated ids after BOS, up to and without EOS
 * (or {@code maxLength} ids when EOS never came).
 */
public final class Seq2SeqDecoder {

    private static final String MEMORY = "memory";
    private static final String MEMORY_IN = "memory_in";
    private static final String LAST = "last";
    private static final String NEXT_LOG_PROBS = "next_log_probs";
    private static final String CROSS_ATTENTION = "cross_attention";

    private final TransformerConfig config;
    private final SameDiff sd;
    private final DataType type;
    private PlannedGraph nextStep;

    private Seq2SeqDecoder(TransformerConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
        this.type = config.precision().dataType();
    }

    /**
     * @param model a {@code transformer-seq2seq} model
     * @throws IllegalArgumentException for another architecture
     */
    public static Seq2SeqDecoder of(ZooModel model) {
        if (!(model.config() instanceof TransformerConfig config)) {
            throw new IllegalArgumentException("decoding needs a " + TransformerConfig.ARCHITECTURE + " model, not "
                    + model.config().architecture());
        }
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        Seq2SeqParts parts = Seq2SeqParts.create(sd, config);
        SDVariable srcPadding = sd.placeHolder(Seq2SeqTransformer.SRC_PADDING, type, -1, -1);
        sd.identity(MEMORY, parts.encode(sd.placeHolder(Seq2SeqTransformer.SRC, type, -1, -1),
                sd.placeHolder(Seq2SeqTransformer.SRC_POSITIONS, DataType.INT64, -1), srcPadding));
        DecoderLayerOutputs decoded = parts.decode(sd.placeHolder(Seq2SeqTransformer.TGT, type, -1, -1),
                sd.placeHolder(Seq2SeqTransformer.TGT_POSITIONS, DataType.INT64, -1),
                sd.placeHolder(Seq2SeqTransformer.TGT_CAUSAL, type, -1, -1),
                sd.placeHolder(MEMORY_IN, type, -1, -1, config.dModel()), srcPadding);
        sd.identity(CROSS_ATTENTION, decoded.crossWeights());                                  // [B, H, T, S]
        SDVariable last = sd.gather(decoded.output(), sd.placeHolder(LAST, DataType.INT64, 1), 1)
                .reshape(-1, config.dModel());                                                   // [B, D]
        SDVariable logits = parts.generator().apply(last);                                      // [B, V]
        SDVariable shifted = logits.sub(logits.max(true, 1));
        shifted.sub(NEXT_LOG_PROBS, sd.math.log(sd.math.exp(shifted).sum(true, 1)));            // [B, V]
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.getArr().assign(model.sameDiff().getArrForVarName(v.name()));
            }
        }
        return new Seq2SeqDecoder(config, sd);
    }

    /** The encoder's output for a batch, with the key-padding mask the decoder needs. */
    private record Memory(INDArray memory, INDArray padding) {
        Memory repeat(int times) {
            return new Memory(memory.repeat(0, times), padding.repeat(0, times));
        }
    }

    private Memory encode(INDArray src) {
        INDArray ids = src.castTo(type);
        Seq2SeqTransformer.requireIds("src", ids, config.srcVocabSize(), config.maxLen());
        INDArray padding = Seq2SeqTransformer.padding(ids, config.padId(), type);
        INDArray memory = sd.output(Map.of(Seq2SeqTransformer.SRC, ids, Seq2SeqTransformer.SRC_PADDING, padding,
                Seq2SeqTransformer.SRC_POSITIONS, Seq2SeqTransformer.positions(ids.size(1))), MEMORY).get(MEMORY);
        return new Memory(memory, padding);
    }

    /** @return log-probabilities {@code [B, V]} of the token after each prefix {@code [B, t]} */
    private INDArray step(Memory memory, int[][] prefixes) {
        int t = prefixes[0].length;
        // Through the execution plan, with the prefixes padded to the next power of two: at most
        // log2(maxLen) + 1 shapes, so a plan is compiled once per shape and reused at every later
        // position, instead of SameDiff's session for each. The causal mask keeps the padding out of
        // every real position; LAST reads position t - 1.
        int padded = Math.min(Integer.highestOneBit(t) == t ? t : Integer.highestOneBit(t) << 1, config.maxLen());
        INDArray tgt = Nd4j.valueArrayOf(new long[] {prefixes.length, padded}, config.padId(), type);
        for (int i = 0; i < prefixes.length; i++) {
            for (int j = 0; j < t; j++) {
                tgt.putScalar(i, j, prefixes[i][j]);
            }
        }
        INDArray logProbs = nextStep().run(Map.of(MEMORY_IN, memory.memory(), Seq2SeqTransformer.SRC_PADDING,
                memory.padding(), Seq2SeqTransformer.TGT, tgt, Seq2SeqTransformer.TGT_POSITIONS,
                Seq2SeqTransformer.positions(padded), Seq2SeqTransformer.TGT_CAUSAL, AttentionMasks.causal(padded, type),
                LAST, Nd4j.createFromArray((long) t - 1))).outputs().get(NEXT_LOG_PROBS);
        return logProbs.castTo(DataType.DOUBLE).dup(); // the plan's output array is overwritten by its next run
    }

    private PlannedGraph nextStep() {
        if (nextStep == null) {
            nextStep = PlannedGraph.forOutputs(sd, List.of(NEXT_LOG_PROBS));
        }
        return nextStep;
    }

    private INDArray decoderOutput(Memory memory, int[][] prefixes, String output) {
        int t = prefixes[0].length;
        INDArray tgt = Nd4j.createFromArray(prefixes).castTo(type);
        return sd.output(Map.of(MEMORY_IN, memory.memory(), Seq2SeqTransformer.SRC_PADDING, memory.padding(),
                Seq2SeqTransformer.TGT, tgt, Seq2SeqTransformer.TGT_POSITIONS, Seq2SeqTransformer.positions(t),
                Seq2SeqTransformer.TGT_CAUSAL, AttentionMasks.causal(t, type),
                LAST, Nd4j.createFromArray((long) t - 1)), output).get(output);
    }

    /**
     * The last decoder layer's cross-attention while reading {@code tgt}, for a heatmap.
     *
     * @param src {@code [B, S]} source ids
     * @param tgt {@code [B, T]} decoder input ids (BOS then the translation so far)
     * @return weights {@code [B, H, T, S]}; each row sums to 1 over the unpadded source positions
     */
    public INDArray crossAttention(INDArray src, INDArray tgt) {
        Seq2SeqTransformer.requireIds("tgt", tgt.castTo(type), config.tgtVocabSize(), config.maxLen());
        int[][] prefixes = tgt.castTo(DataType.INT32).toIntMatrix();
        return decoderOutput(encode(src), prefixes, CROSS_ATTENTION);
    }

    /**
     * Picks the most probable token at every step.
     *
     * @param src       {@code [B, S]} source ids, padded with padId
     * @param maxLength the most ids generated per sentence (EOS included)
     * @return B rows of generated ids
     */
    public int[][] greedy(INDArray src, int bos, int eos, int maxLength) {
        requireOptions(bos, eos, maxLength, 1, 0);
        Memory memory = encode(src);
        int b = (int) src.size(0);
        int[][] prefixes = new int[b][];
        for (int i = 0; i < b; i++) {
            prefixes[i] = new int[] {bos};
        }
        boolean[] done = new boolean[b];
        for (int t = 0; t < maxLength && !allTrue(done); t++) {
            INDArray next = Nd4j.argMax(step(memory, prefixes), 1);
            for (int i = 0; i < b; i++) {
                int token = done[i] ? config.padId() : next.getInt(i);
                prefixes[i] = append(prefixes[i], token);
                done[i] |= token == eos;
            }
        }
        int[][] out = new int[b][];
        for (int i = 0; i < b; i++) {
            out[i] = strip(prefixes[i], eos);
        }
        return out;
    }

    /**
     * Beam search: keeps the {@code beamSize} best prefixes of each sentence, finishes a hypothesis
     * at EOS and stops a sentence once {@code beamSize} hypotheses are finished (or at
     * {@code maxLength}); the best finished one by {@code log p / length^lengthPenalty} wins.
     * Beam 1 is greedy decoding.
     *
     * @param src           {@code [B, S]}
     * @param lengthPenalty α ≥ 0; 0 ranks by total log-probability, 1 by its mean per token
     * @return B rows of generated ids
     */
    public int[][] beam(INDArray src, int bos, int eos, int maxLength, int beamSize, double lengthPenalty) {
        requireOptions(bos, eos, maxLength, beamSize, lengthPenalty);
        int b = (int) src.size(0);
        int k = beamSize;
        Memory memory = encode(src).repeat(k);                                        // [B·K, S, D]
        int[][] prefixes = new int[b * k][];
        double[] scores = new double[b * k];
        for (int i = 0; i < b * k; i++) {
            prefixes[i] = new int[] {bos};
            // one live beam per sentence at first, so the K beams do not start as K copies
            scores[i] = i % k == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            finished.add(new ArrayList<>());
        }
        for (int t = 0; t < maxLength; t++) {
            double[][] logProbs = step(memory, prefixes).toDoubleMatrix();              // [B·K, V]
            int[][] nextPrefixes = new int[b * k][];
            double[] nextScores = new double[b * k];
            for (int s = 0; s < b; s++) {
                List<Hypothesis> done = finished.get(s);
                int alive = 0;
                for (long[] c : topCandidates(logProbs, scores, s, k)) {
                    int beam = (int) c[0];
                    int token = (int) c[1];
                    double score = scores[beam] + logProbs[beam][token];
                    int[] tokens = append(prefixes[beam], token);
                    if (done.size() >= k || Double.isInfinite(score)) {
                        // this sentence is over: keep its rows busy with a harmless copy
                        nextPrefixes[s * k + alive] = append(prefixes[s * k], config.padId());
                        nextScores[s * k + alive++] = Double.NEGATIVE_INFINITY;
                    } else if (token == eos) {
                        done.add(new Hypothesis(tokens, score, lengthPenalty));
                        continue;
                    } else {
                        nextPrefixes[s * k + alive] = tokens;
                        nextScores[s * k + alive++] = score;
                    }
                    if (alive == k) {
                        break;
                    }
                }
                while (alive < k) {
                    nextPrefixes[s * k + alive] = append(prefixes[s * k], config.padId());
                    nextScores[s * k + alive++] = Double.NEGATIVE_INFINITY;
                }
            }
            prefixes = nextPrefixes;
            scores = nextScores;
            if (finished.stream().allMatch(f -> f.size() >= k)) {
                break;
            }
        }
        int[][] out = new int[b][];
        for (int s = 0; s < b; s++) {
            List<Hypothesis> done = finished.get(s);
            if (done.size() < k) {
                for (int j = 0; j < k; j++) {
                    if (Double.isFinite(scores[s * k + j])) {
                        done.add(new Hypothesis(prefixes[s * k + j], scores[s * k + j], lengthPenalty));
                    }
                }
            }
            out[s] = strip(done.stream().max(Comparator.comparingDouble(Hypothesis::normalized)).orElseThrow().tokens(),
                    eos);
        }
        return out;
    }

    /** A finished prefix (BOS first) and its total log-probability. */
    private record Hypothesis(int[] tokens, double score, double lengthPenalty) {
        double normalized() {
            return score / Math.pow(tokens.length - 1, lengthPenalty);
        }
    }

    /** @return (beam, token) pairs of sentence {@code s}, best first, the 2K best (enough to keep K alive past EOS) */
    private static List<long[]> topCandidates(double[][] logProbs, double[] scores, int s, int k) {
        int v = logProbs[0].length;
        List<long[]> all = new ArrayList<>(k * v);
        for (int j = 0; j < k; j++) {
            for (int token = 0; token < v; token++) {
                all.add(new long[] {(long) s * k + j, token});
            }
        }
        all.sort(Comparator.comparingDouble((long[] c) -> -(scores[(int) c[0]] + logProbs[(int) c[0]][(int) c[1]]))
                .thenComparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
        return all.subList(0, Math.min(all.size(), 2 * k));
    }

    private void requireOptions(int bos, int eos, int maxLength, int beamSize, double lengthPenalty) {
        int v = config.tgtVocabSize();
        if (bos < 0 || bos >= v || eos < 0 || eos >= v) {
            throw new IllegalArgumentException("bos (" + bos + ") and eos (" + eos + ") must be target ids in [0, " + v
                    + "): use the target vocabulary's ids");
        }
        if (maxLength < 1 || maxLength > config.maxLen()) {
            throw new IllegalArgumentException("maxLength (" + maxLength + ") must be in [1, " + config.maxLen()
                    + "], the model's positional table: lower it");
        }
        if (beamSize < 1) {
            throw new IllegalArgumentException("beamSize (" + beamSize + ") must be at least 1 (1 = greedy)");
        }
        if (!(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)) {
            throw new IllegalArgumentException("lengthPenalty (" + lengthPenalty + ") must be a finite number >= 0,"
                    + " e.g. 0.6 or 1");
        }
    }

    private static int[] append(int[] prefix, int token) {
        int[] out = Arrays.copyOf(prefix, prefix.length + 1);
        out[prefix.length] = token;
        return out;
    }

    /** The ids after BOS up to the first EOS. */
    private static int[] strip(int[] prefix, int eos) {
        int end = 1;
        while (end < prefix.length && prefix[end] != eos) {
            end++;
        }
        return Arrays.copyOfRange(prefix, 1, end);
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}
