package org.sdzoo.zoo.models.transformer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Embedding;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.blocks.transformer.TransformerEncoder;

/**
 * Builds the encoder-only classifier of a {@link TransformerClassifierConfig}.
 *
 * <p><b>Inputs</b>: {@value #TOKENS} {@code [B, L]} token ids (as numbers; padding is
 * {@code padId}, anywhere) when the config has a vocabulary, else {@value #FEATURES}
 * {@code [B, L, F]} with the optional {@value #PADDING_MASK} {@code [B, L]}, PyTorch's
 * {@code src_key_padding_mask} (true or 1 = padded, default none), or instead
 * {@value #FEATURES_MASK} {@code [B, L]}, DL4J's features mask (1 = real, 0 = padded: a
 * {@code MultiDataSet}'s features mask arrives here). <b>Output</b>: {@value #LOGITS} {@code [B, C]}.
 *
 * <p>Parameters, in PyTorch's names: {@code embed.weight [V, D]} or {@code input_proj.weight
 * [D, F]} and {@code input_proj.bias [D]}; {@code pos_embed.weight [maxLen, D]} (learned
 * positions); {@code encoder.layers.N.*} and {@code encoder.norm.*} as {@code nn.TransformerEncoder};
 * {@code classifier.weight [C, D]}, {@code classifier.bias [C]}. Every matrix starts Xavier-uniform,
 * as {@code nn.Transformer} initialises.
 *
 * <p>The masks do not depend on parameters, so Java makes them when the inputs are fed: the
 * additive key-padding mask (padded keys get exactly zero weight), the positions, and the pooling
 * weights {@code [B, L]} (1/valid count on the valid positions for mean pooling, one-hot at 0 for
 * first-position pooling), so pooling is one weighted sum whichever it is.
 */
public final class TransformerClassifier {

    /** Input: token ids {@code [B, L]}. */
    public static final String TOKENS = "tokens";
    /** Input: feature vectors {@code [B, L, F]}. */
    public static final String FEATURES = "features";
    /** Optional input with {@value #FEATURES}: {@code [B, L]}, 1 (or true) where a position is padding. */
    public static final String PADDING_MASK = "padding_mask";
    /** Optional input with {@value #FEATURES}: {@code [B, L]}, 1 where a position is real (DL4J's features mask). */
    public static final String FEATURES_MASK = FEATURES + ZooModel.MASK_SUFFIX;
    /** Output: class scores {@code [B, C]}. */
    public static final String LOGITS = "logits";

    /** Graph placeholder: additive {@code [B, L]} key-padding mask. */
    static final String KEY_PADDING = "key_padding";
    /** Graph placeholder: {@code [L]} INT64 positions. */
    static final String POSITIONS = "positions";
    /** Graph placeholder: {@code [B, L]} pooling weights, each row summing to 1. */
    static final String POOL_WEIGHTS = "pool_weights";

    private TransformerClassifier() {
    }

    /** @return a freshly initialised model (seeded by {@code config.seed()}); its primary output is {@value #LOGITS} */
    public static ZooModel create(TransformerClassifierConfig config) {
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, config.seed(), type);
        int d = config.dModel();
        SDVariable input;
        SDVariable embedded;                                                                      // [B, L, D]
        if (config.takesTokens()) {
            input = sd.placeHolder(TOKENS, type, -1, -1);
            Embedding embed = Seq2SeqParts.embedding(root.child("embed"), config.vocabSize(), d);
            embedded = embed.apply(input.castTo(DataType.INT64));
        } else {
            input = sd.placeHolder(FEATURES, type, -1, -1, config.inputFeatures());
            embedded = Linear.create(root.child("input_proj"), config.inputFeatures(), d, true).apply(input);
        }
        SequenceInput positions = SequenceInput.create(root, config.positional(), config.maxLen(), d,
                config.takesTokens() ? Math.sqrt(d) : 1, config.dropout());
        SDVariable x = positions.apply(embedded, sd.placeHolder(POSITIONS, DataType.INT64, -1));
        TransformerEncoder encoder = TransformerEncoder.create(root.child("encoder"), config.layerConfig(),
                config.numLayers(), config.finalNorm());
        SDVariable encoded = encoder.apply(x, null, sd.placeHolder(KEY_PADDING, type, -1, -1));     // [B, L, D]
        SDVariable weights = sd.expandDims(sd.placeHolder(POOL_WEIGHTS, type, -1, -1), 2);          // [B, L, 1]
        SDVariable pooled = encoded.mul(weights).sum(1);                                             // [B, D]
        Linear classifier = Linear.create(root.child("classifier"), d, config.numClasses(), true);
        sd.identity(LOGITS, classifier.apply(Dropout.apply(sd, pooled, config.dropout())));         // [B, C]
        Seq2SeqParts.xavier(sd, config.seed());
        TensorSpec in = config.takesTokens() ? new TensorSpec(TOKENS, "[B, L]", -1, -1)
                : new TensorSpec(FEATURES, "[B, L, F]", -1, -1, config.inputFeatures());
        List<TensorSpec> optional = config.takesTokens() ? List.of()
                : List.of(new TensorSpec(PADDING_MASK, "[B, L]", -1, -1), new TensorSpec(FEATURES_MASK, "[B, L]", -1, -1));
        return new ZooModel(config, sd, List.of(in), optional,
                List.of(new TensorSpec(LOGITS, "[B, C]", -1, config.numClasses())), given -> withMasks(config, given));
    }

    /** The fed inputs plus the masks, positions and pooling weights, after checking ids, lengths and masks. */
    private static Map<String, INDArray> withMasks(TransformerClassifierConfig config, Map<String, INDArray> given) {
        Map<String, INDArray> all = new LinkedHashMap<>(given);
        INDArray padded;                                                                          // [B, L], 1 = padding
        if (config.takesTokens()) {
            INDArray tokens = given.get(TOKENS);
            Seq2SeqTransformer.requireIds(TOKENS, tokens, config.vocabSize(), config.maxLen());
            padded = tokens.eq(config.padId()).castTo(tokens.dataType());
        } else {
            INDArray features = given.get(FEATURES);
            requireLength(features.size(1), config.maxLen());
            padded = all.remove(PADDING_MASK);
            INDArray real = all.remove(FEATURES_MASK);
            if (padded != null && real != null) {
                throw new IllegalArgumentException("give " + PADDING_MASK + " (1 = padded, PyTorch's) or " + FEATURES_MASK
                        + " (1 = real, DL4J's), not both");
            }
            if (real != null) {
                padded = checkedMask(real, FEATURES_MASK, features.size(0), features.size(1)).rsub(1);
            } else {
                padded = padded == null ? Nd4j.zeros(features.dataType(), features.size(0), features.size(1))
                        : checkedMask(padded, PADDING_MASK, features.size(0), features.size(1));
            }
        }
        all.put(KEY_PADDING, padded.mul(MaskedSoftmax.MASKED_SCORE));
        all.put(POSITIONS, Seq2SeqTransformer.positions(padded.size(1)));
        all.put(POOL_WEIGHTS, poolWeights(config.pooling(), padded));
        return all;
    }

    /**
     * @param padded {@code [B, L]}, 1 at padding
     * @return {@code [B, L]}: 1/count on each row's valid positions (mean), or 1 at position 0 (first)
     * @throws IllegalArgumentException when a row is all padding, or its first position is padding for first pooling
     */
    static INDArray poolWeights(Pooling pooling, INDArray padded) {
        INDArray valid = padded.rsub(1);                                                          // [B, L]
        INDArray counts = valid.sum(1);                                                            // [B]
        for (int b = 0; b < counts.length(); b++) {
            if (counts.getDouble(b) == 0) {
                throw new IllegalArgumentException("sequence " + b + " is all padding: drop it, a classifier needs at"
                        + " least one real position");
            }
            if (pooling == Pooling.FIRST && valid.getDouble(b, 0) == 0) {
                throw new IllegalArgumentException("sequence " + b + " starts with padding but first-position pooling"
                        + " reads position 0: pad on the right, after the [CLS] token");
            }
        }
        if (pooling == Pooling.MEAN) {
            return valid.diviColumnVector(counts.reshape(-1, 1));
        }
        INDArray first = Nd4j.zeros(padded.dataType(), padded.shape());
        first.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(1);
        return first;
    }

    private static INDArray checkedMask(INDArray mask, String name, long batch, long length) {
        if (mask.size(0) != batch || mask.size(1) != length) {
            throw new IllegalArgumentException(name + " has shape " + java.util.Arrays.toString(mask.shape())
                    + " but the features are [" + batch + ", " + length + ", F]: give one flag per position, [B, L]");
        }
        if (java.util.Arrays.stream(mask.castTo(DataType.DOUBLE).data().asDouble()).anyMatch(v -> v != 0 && v != 1)) {
            throw new IllegalArgumentException(name + " holds values other than 0 and 1: " + (name.equals(PADDING_MASK)
                    ? "give 1 (or true) where a position is padding, 0 where it is real, as PyTorch's"
                    + " src_key_padding_mask" : "give 1 where a position is real, 0 where it is padding, as DL4J's"
                    + " features masks"));
        }
        return mask;
    }

    private static void requireLength(long length, int maxLen) {
        if (length > maxLen) {
            throw new IllegalArgumentException(FEATURES + " has sequences of length " + length + ", longer than the"
                    + " positional table (maxLen " + maxLen + "): truncate them or build the model with a larger maxLen");
        }
    }
}
