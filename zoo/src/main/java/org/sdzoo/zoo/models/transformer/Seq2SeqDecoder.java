package org.sdzoo.zoo.models.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.attention.AttentionMasks;
import org.sdzoo.zoo.blocks.nn.LayerNorm;
import org.sdzoo.zoo.blocks.transformer.DecoderLayerOutputs;
import org.sdzoo.zoo.blocks.transformer.DecoderStepOutputs;
import org.sdzoo.zoo.blocks.transformer.TransformerDecoderLayer;
import org.sdzoo.zoo.plan.PlannedGraph;

/**
 * Greedy and beam-search decoding of a trained {@link Seq2SeqTransformer}, batched: the encoder
 * runs once per batch of sentences (with the cross-attention's keys and values of its output),
 * then the decoder runs one position at a time, each layer's self-attention keys and values of
 * the earlier positions read from a cache (a second graph built by the same {@link Seq2SeqParts}
 * code, holding a copy of the model's parameters taken when the decoder is made: make it after
 * training). Its scores equal the teacher-forced model's at every position (tested).
 *
 * <p>Token ids are ints; a result row holds the generated ids after BOS, up to and without EOS
 * (or {@code maxLength} ids when EOS never came).
 */
public final class Seq2SeqDecoder {

    private static final String MEMORY = "memory";
    private static final String MEMORY_IN = "memory_in";
    private static final String CROSS_ATTENTION = "cross_attention";
    /** Encoder side, per decoder layer {@code l}: the cross-attention's keys and values of the memory. */
    private static final String MEMORY_KEYS = "memory_keys_";
    private static final String MEMORY_VALUES = "memory_values_";
    /** Step inputs: the last token {@code [R, 1]}, its position {@code [1]}, the cache mask {@code [1, C + 1]}. */
    private static final String STEP_TOKEN = "step_token";
    private static final String STEP_POSITION = "step_position";
    private static final String CACHE_MASK = "cache_mask";
    /** Step inputs, per layer: cached self-attention keys and values {@code [R, H, C, D/H]}. */
    private static final String CACHED_KEYS = "cached_keys_";
    private static final String CACHED_VALUES = "cached_values_";
    /** Step inputs, per layer: the memory's keys and values {@code [R, H, S, D/H]}. */
    private static final String MEMORY_KEYS_IN = "memory_keys_in_";
    private static final String MEMORY_VALUES_IN = "memory_values_in_";
    /** Step outputs: the next token's log-probabilities {@code [R, V]}, per layer the position's keys and values. */
    private static final String STEP_LOG_PROBS = "step_log_probs";
    private static final String NEW_KEYS = "new_keys_";
    private static final String NEW_VALUES = "new_values_";

    private final TransformerConfig config;
    private final SameDiff sd;
    private final DataType type;
    private final List<String> memoryOutputs;
    private final List<String> stepOutputs;
    private PlannedGraph nextStep;

    private Seq2SeqDecoder(TransformerConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
        this.type = config.precision().dataType();
        List<String> memory = new ArrayList<>(List.of(MEMORY));
        List<String> step = new ArrayList<>(List.of(STEP_LOG_PROBS));
        for (int l = 0; l < config.numDecoderLayers(); l++) {
            memory.addAll(List.of(MEMORY_KEYS + l, MEMORY_VALUES + l));
            step.addAll(List.of(NEW_KEYS + l, NEW_VALUES + l));
        }
        this.memoryOutputs = List.copyOf(memory);
        this.stepOutputs = List.copyOf(step);
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
        incrementalStep(sd, parts, srcPadding);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                v.getArr().assign(model.sameDiff().getArrForVarName(v.name()));
            }
        }
        return new Seq2SeqDecoder(config, sd);
    }

    /**
     * The graph of one decoding position (incremental decoding, as fairseq's and Hugging Face's
     * generation): the last token's embedding goes through every decoder layer, whose
     * self-attention reads the earlier positions' keys and values from a cache and whose
     * cross-attention reads the memory's keys and values computed once per batch, so a step costs
     * one position, not the whole prefix. The cache has a fixed capacity C with its unused entries
     * masked, so every step has the same shapes and runs through one execution plan.
     */
    private static void incrementalStep(SameDiff sd, Seq2SeqParts parts, SDVariable srcPadding) {
        TransformerConfig config = parts.config();
        DataType type = config.precision().dataType();
        int heads = config.numHeads();
        long headDim = config.dModel() / heads;
        SDVariable memory = sd.getVariable(MEMORY);
        SDVariable x = parts.embedTarget(sd.placeHolder(STEP_TOKEN, type, -1, 1),
                sd.placeHolder(STEP_POSITION, DataType.INT64, 1));                                // [R, 1, D]
        SDVariable cacheMask = sd.placeHolder(CACHE_MASK, type, 1, -1);
        List<TransformerDecoderLayer> layers = parts.decoder().layers();
        for (int l = 0; l < layers.size(); l++) {
            TransformerDecoderLayer layer = layers.get(l);
            sd.identity(MEMORY_KEYS + l, layer.multiheadAttn().heads(1, memory));                 // [B, H, S, D/H]
            sd.identity(MEMORY_VALUES + l, layer.multiheadAttn().heads(2, memory));
            DecoderStepOutputs out = layer.step(x, sd.placeHolder(CACHED_KEYS + l, type, -1, heads, -1, headDim),
                    sd.placeHolder(CACHED_VALUES + l, type, -1, heads, -1, headDim), cacheMask,
                    sd.placeHolder(MEMORY_KEYS_IN + l, type, -1, heads, -1, headDim),
                    sd.placeHolder(MEMORY_VALUES_IN + l, type, -1, heads, -1, headDim), srcPadding);
            sd.identity(NEW_KEYS + l, out.keys());                                                // [R, H, 1, D/H]
            sd.identity(NEW_VALUES + l, out.values());
            x = out.output();                                                                      // [R, 1, D]
        }
        LayerNorm norm = parts.decoder().norm();
        SDVariable last = (norm == null ? x : norm.apply(x)).reshape(-1, config.dModel());       // [R, D]
        SDVariable logits = parts.generator().apply(last);                                       // [R, V]
        SDVariable shifted = logits.sub(logits.max(true, 1));
        shifted.sub(STEP_LOG_PROBS, sd.math.log(sd.math.exp(shifted).sum(true, 1)));             // [R, V]
    }

    /**
     * The encoder's output for a batch, with the key-padding mask and, per decoder layer, the
     * cross-attention's keys and values of the memory.
     */
    private record Memory(INDArray memory, INDArray padding, INDArray[] keys, INDArray[] values) {
        Memory repeat(int times) {
            return new Memory(memory.repeat(0, times), padding.repeat(0, times), repeatEach(keys, times),
                    repeatEach(values, times));
        }

        private static INDArray[] repeatEach(INDArray[] arrays, int times) {
            return Arrays.stream(arrays).map(a -> a.repeat(0, times)).toArray(INDArray[]::new);
        }
    }

    private Memory encode(INDArray src) {
        INDArray ids = src.castTo(type);
        Seq2SeqTransformer.requireIds("src", ids, config.srcVocabSize(), config.maxLen());
        INDArray padding = Seq2SeqTransformer.padding(ids, config.padId(), type);
        Map<String, INDArray> out = sd.output(Map.of(Seq2SeqTransformer.SRC, ids, Seq2SeqTransformer.SRC_PADDING,
                padding, Seq2SeqTransformer.SRC_POSITIONS, Seq2SeqTransformer.positions(ids.size(1))),
                memoryOutputs.toArray(new String[0]));
        int layers = config.numDecoderLayers();
        INDArray[] keys = new INDArray[layers];
        INDArray[] values = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            keys[l] = out.get(MEMORY_KEYS + l);
            values[l] = out.get(MEMORY_VALUES + l);
        }
        return new Memory(out.get(MEMORY), padding, keys, values);
    }

    /**
     * Decoding state of R rows (sentences, or sentences × beams): the memory and the
     * self-attention cache of every layer, {@code [R, H, C, D/H]}, filled up to the position.
     */
    private final class Incremental {
        private final Memory memory;
        private final INDArray[] keys;
        private final INDArray[] values;
        private final int capacity;
        private int position;

        /** @param capacity C, the most positions decoded (the first needs no cache, so C ≥ positions - 1) */
        Incremental(Memory memory, int capacity) {
            this.memory = memory;
            this.capacity = capacity;
            int layers = config.numDecoderLayers();
            long rows = memory.padding().size(0);
            long headDim = config.dModel() / config.numHeads();
            keys = new INDArray[layers];
            values = new INDArray[layers];
            for (int l = 0; l < layers; l++) {
                keys[l] = Nd4j.zeros(type, rows, config.numHeads(), capacity, headDim);
                values[l] = Nd4j.zeros(type, rows, config.numHeads(), capacity, headDim);
            }
        }

        /**
         * Feeds each row's last token at the next position and caches its keys and values.
         *
         * @param tokens one id per row
         * @return log-probabilities {@code [R, V]} of the token after it, an array of the caller's own
         */
        INDArray next(int[] tokens) {
            INDArray token = Nd4j.createFromArray(tokens).castTo(type).reshape(tokens.length, 1);
            INDArray mask = Nd4j.zeros(type, 1, capacity + 1);
            for (int j = position; j < capacity; j++) {
                mask.putScalar(0, j, MaskedSoftmax.MASKED_SCORE);
            }
            Map<String, INDArray> feed = new HashMap<>();
            feed.put(STEP_TOKEN, token);
            feed.put(STEP_POSITION, Nd4j.createFromArray((long) position));
            feed.put(CACHE_MASK, mask);
            feed.put(Seq2SeqTransformer.SRC_PADDING, memory.padding());
            for (int l = 0; l < keys.length; l++) {
                feed.put(CACHED_KEYS + l, keys[l]);
                feed.put(CACHED_VALUES + l, values[l]);
                feed.put(MEMORY_KEYS_IN + l, memory.keys()[l]);
                feed.put(MEMORY_VALUES_IN + l, memory.values()[l]);
            }
            Map<String, INDArray> out = nextStep().run(feed).outputs();
            if (position < capacity) {
                // the plan's output arrays are overwritten by its next run: copy them into the cache now
                for (int l = 0; l < keys.length; l++) {
                    keys[l].get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(position), NDArrayIndex.all())
                            .assign(out.get(NEW_KEYS + l).reshape(keys[l].size(0), keys[l].size(1), keys[l].size(3)));
                    values[l].get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(position), NDArrayIndex.all())
                            .assign(out.get(NEW_VALUES + l).reshape(values[l].size(0), values[l].size(1),
                                    values[l].size(3)));
                }
            }
            position++;
            return out.get(STEP_LOG_PROBS).castTo(DataType.DOUBLE).dup();
        }

        /** Row i continues row {@code sources[i]}'s hypothesis (beam search): the caches follow. */
        void reorder(int[] sources) {
            for (int l = 0; l < keys.length; l++) {
                keys[l] = rows(keys[l], sources);
                values[l] = rows(values[l], sources);
            }
        }

        private INDArray rows(INDArray a, int[] sources) {
            INDArray out = Nd4j.create(a.dataType(), a.shape());
            for (int i = 0; i < sources.length; i++) {
                out.get(NDArrayIndex.point(i)).assign(a.get(NDArrayIndex.point(sources[i])));
            }
            return out;
        }
    }

    private PlannedGraph nextStep() {
        if (nextStep == null) {
            nextStep = PlannedGraph.forOutputs(sd, stepOutputs);
        }
        return nextStep;
    }

    private INDArray decoderOutput(Memory memory, int[][] prefixes, String output) {
        int t = prefixes[0].length;
        INDArray tgt = Nd4j.createFromArray(prefixes).castTo(type);
        return sd.output(Map.of(MEMORY_IN, memory.memory(), Seq2SeqTransformer.SRC_PADDING, memory.padding(),
                Seq2SeqTransformer.TGT, tgt, Seq2SeqTransformer.TGT_POSITIONS, Seq2SeqTransformer.positions(t),
                Seq2SeqTransformer.TGT_CAUSAL, AttentionMasks.causal(t, type)), output).get(output);
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
        Incremental state = new Incremental(encode(src), maxLength);
        int b = (int) src.size(0);
        int[][] prefixes = new int[b][];
        for (int i = 0; i < b; i++) {
            prefixes[i] = new int[] {bos};
        }
        boolean[] done = new boolean[b];
        for (int t = 0; t < maxLength && !allTrue(done); t++) {
            INDArray next = Nd4j.argMax(state.next(lastTokens(prefixes)), 1);
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
        Incremental state = new Incremental(encode(src).repeat(k), maxLength);             // B·K rows
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
            double[][] logProbs = state.next(lastTokens(prefixes)).toDoubleMatrix();     // [B·K, V]
            int[][] nextPrefixes = new int[b * k][];
            double[] nextScores = new double[b * k];
            int[] sources = new int[b * k];
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
                        sources[s * k + alive] = s * k;
                        nextPrefixes[s * k + alive] = append(prefixes[s * k], config.padId());
                        nextScores[s * k + alive++] = Double.NEGATIVE_INFINITY;
                    } else if (token == eos) {
                        done.add(new Hypothesis(tokens, score, lengthPenalty));
                        continue;
                    } else {
                        sources[s * k + alive] = beam;
                        nextPrefixes[s * k + alive] = tokens;
                        nextScores[s * k + alive++] = score;
                    }
                    if (alive == k) {
                        break;
                    }
                }
                while (alive < k) {
                    sources[s * k + alive] = s * k;
                    nextPrefixes[s * k + alive] = append(prefixes[s * k], config.padId());
                    nextScores[s * k + alive++] = Double.NEGATIVE_INFINITY;
                }
            }
            prefixes = nextPrefixes;
            scores = nextScores;
            state.reorder(sources);
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

    /** @return each prefix's last id */
    private static int[] lastTokens(int[][] prefixes) {
        int[] last = new int[prefixes.length];
        for (int i = 0; i < prefixes.length; i++) {
            last[i] = prefixes[i][prefixes[i].length - 1];
        }
        return last;
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
