package org.sdzoo.zoo.models.transformer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.attention.AttentionMasks;

/**
 * Builds the token-to-token Transformer of a {@link TransformerConfig} (parameters in
 * {@link Seq2SeqParts}).
 *
 * <p><b>Inputs</b>: {@value #SRC} {@code [B, S]} source ids and {@value #TGT} {@code [B, T]} target
 * ids shifted right (BOS, y_1 … y_{T-1}), as numbers (a {@code MultiDataSet} holds floats);
 * padding is {@code padId} on the right. <b>Output</b>: {@value #LOGITS} {@code [B, T, V_tgt]},
 * the scores of y_1 … y_T (teacher forcing).
 *
 * <p>The masks do not depend on parameters, so Java makes them when the inputs are fed: the
 * source key-padding mask from the pad ids (padded keys get exactly zero weight in every encoder
 * and cross-attention), the causal target mask, and the position indices. The same inputs are
 * checked there: integer ids inside the vocabularies, lengths within {@code maxLen}.
 */
public final class Seq2SeqTransformer {

    /** Input: source token ids {@code [B, S]}. */
    public static final String SRC = "src";
    /** Input: target token ids shifted right {@code [B, T]}. */
    public static final String TGT = "tgt";
    /** Output: next-token scores {@code [B, T, V_tgt]}. */
    public static final String LOGITS = "logits";

    /** Graph placeholder: additive {@code [B, S]} source key-padding mask. */
    static final String SRC_PADDING = "src_padding";
    /** Graph placeholder: {@code [S]} INT64 positions. */
    static final String SRC_POSITIONS = "src_positions";
    /** Graph placeholder: {@code [T]} INT64 positions. */
    static final String TGT_POSITIONS = "tgt_positions";
    /** Graph placeholder: additive {@code [T, T]} causal mask. */
    static final String TGT_CAUSAL = "tgt_causal";

    private Seq2SeqTransformer() {
    }

    /** @return a freshly initialised model (seeded by {@code config.seed()}); its primary output is {@value #LOGITS} */
    public static ZooModel create(TransformerConfig config) {
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        SDVariable src = sd.placeHolder(SRC, type, -1, -1);
        SDVariable tgt = sd.placeHolder(TGT, type, -1, -1);
        Seq2SeqParts parts = Seq2SeqParts.create(sd, config);
        SDVariable srcPadding = sd.placeHolder(SRC_PADDING, type, -1, -1);
        SDVariable memory = parts.encode(src, sd.placeHolder(SRC_POSITIONS, DataType.INT64, -1), srcPadding);
        SDVariable out = parts.decode(tgt, sd.placeHolder(TGT_POSITIONS, DataType.INT64, -1),
                sd.placeHolder(TGT_CAUSAL, type, -1, -1), memory, srcPadding).output();        // [B, T, D]
        sd.identity(LOGITS, parts.generator().apply(out));                                     // [B, T, V]
        return new ZooModel(config, sd,
                List.of(new TensorSpec(SRC, "[B, S]", -1, -1), new TensorSpec(TGT, "[B, T]", -1, -1)), List.of(),
                List.of(new TensorSpec(LOGITS, "[B, T, V]", -1, -1, config.tgtVocabSize())),
                given -> withMasks(config, given));
    }

    /** The fed inputs plus the masks and positions, after checking ids and lengths. */
    private static Map<String, INDArray> withMasks(TransformerConfig config, Map<String, INDArray> given) {
        INDArray src = given.get(SRC);
        INDArray tgt = given.get(TGT);
        requireIds(SRC, src, config.srcVocabSize(), config.maxLen());
        requireIds(TGT, tgt, config.tgtVocabSize(), config.maxLen());
        if (src.size(0) != tgt.size(0)) {
            throw new IllegalArgumentException("src has " + src.size(0) + " sentences but tgt has " + tgt.size(0)
                    + ": give one target row per source row");
        }
        Map<String, INDArray> all = new LinkedHashMap<>(given);
        all.put(SRC_PADDING, padding(src, config.padId(), src.dataType()));
        all.put(SRC_POSITIONS, positions(src.size(1)));
        all.put(TGT_POSITIONS, positions(tgt.size(1)));
        all.put(TGT_CAUSAL, AttentionMasks.causal(tgt.size(1), tgt.dataType()));
        return all;
    }

    /**
     * @throws IllegalArgumentException when {@code ids [B, L]} holds a non-integer or an id outside
     *                                  [0, vocab), or L exceeds {@code maxLen}
     */
    static void requireIds(String name, INDArray ids, int vocab, int maxLen) {
        if (ids.size(1) > maxLen) {
            throw new IllegalArgumentException(name + " has sequences of length " + ids.size(1) + ", longer than the"
                    + " positional table (maxLen " + maxLen + "): truncate them or build the model with a larger maxLen");
        }
        double[] v = ids.castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= vocab || v[i] != Math.rint(v[i])) {
                throw new IllegalArgumentException(name + " holds " + v[i] + " at flat index " + i + " but token ids"
                        + " must be integers in [0, " + vocab + "): map unknown tokens to the vocabulary's unk id");
            }
        }
    }

    /** @return additive {@code [B, S]}: {@link MaskedSoftmax#MASKED_SCORE} where {@code src} is {@code padId} */
    static INDArray padding(INDArray src, int padId, DataType type) {
        return src.castTo(DataType.DOUBLE).eq(padId).castTo(type).muli(MaskedSoftmax.MASKED_SCORE);
    }

    /** @return {@code [L]} INT64 0..L-1 */
    static INDArray positions(long length) {
        return Nd4j.arange(length).castTo(DataType.INT64);
    }
}
