package org.sdzoo.zoo.models.transformer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import org.sdzoo.zoo.blocks.transformer.TransformerLayerConfig;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * An encoder-only Transformer classifier (BERT-style for tokens, ViT-style for feature rows):
 * token embeddings scaled by √D, or a linear projection of feature vectors, plus positions;
 * {@code nn.TransformerEncoder} layers; mean or first-position pooling; dropout and a linear
 * layer to class logits. Exactly one of {@code vocabSize} and {@code inputFeatures} is set.
 *
 * @param vocabSize      V for token-id inputs {@code [B, L]}, or 0
 * @param inputFeatures  F for feature inputs {@code [B, L, F]}, or 0
 * @param numClasses     C, the logits' width
 * @param dModel         D
 * @param numHeads       H, dividing D
 * @param dimFeedforward the feed-forward width
 * @param numLayers      encoder layers
 * @param dropout        PyTorch's p: on the input, in every layer and before the classifier
 * @param activation     {@code relu} or {@code gelu}
 * @param normFirst      pre-LN layers instead of post-LN
 * @param finalNorm      a layer norm after the last layer ({@code encoder.norm}); pre-LN models need it
 * @param layerNormEps   the layer norms' eps
 * @param maxLen         the longest sequence (the positional table's rows)
 * @param positional     sinusoidal or learned positions
 * @param pooling        mean over the unpadded positions, or the first position
 * @param padId          the padding token id (token inputs): padded positions get no attention and no weight in the mean
 * @param seed           seeds the initial parameters
 * @param precision      float32 or float64
 */
@JsonDeserialize(builder = TransformerClassifierConfig.Builder.class)
public record TransformerClassifierConfig(int vocabSize, int inputFeatures, int numClasses, int dModel, int numHeads,
                                          int dimFeedforward, int numLayers, double dropout, String activation,
                                          boolean normFirst, boolean finalNorm, double layerNormEps, int maxLen,
                                          PositionalKind positional, Pooling pooling, int padId, long seed,
                                          Precision precision) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "transformer-classifier";

    /** Validates like the builder does, so no invalid instance exists. */
    public TransformerClassifierConfig {
        if ((vocabSize > 0) == (inputFeatures > 0) || vocabSize < 0 || inputFeatures < 0) {
            throw new IllegalArgumentException("set exactly one of vocabSize (" + vocabSize + ", for token ids) and"
                    + " inputFeatures (" + inputFeatures + ", for feature vectors) to a positive size, the other to 0");
        }
        Require.positive("numClasses", numClasses);
        Require.positive("numLayers", numLayers);
        Require.positive("maxLen", maxLen);
        Require.present("positional", positional);
        Require.present("pooling", pooling);
        Require.present("precision", precision);
        if (vocabSize > 0 && (padId < 0 || padId >= vocabSize)) {
            throw new IllegalArgumentException("padId (" + padId + ") must be a token id, in [0, " + vocabSize
                    + "): use the vocabulary's padding id, usually 0");
        }
        TransformerConfig.layer(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return whether the inputs are token ids {@code [B, L]} (else feature vectors {@code [B, L, F]}) */
    @JsonIgnore
    public boolean takesTokens() {
        return vocabSize > 0;
    }

    /** @return the config every encoder layer shares */
    @JsonIgnore
    public TransformerLayerConfig layerConfig() {
        return TransformerConfig.layer(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    @Override
    @JsonIgnore
    public List<String> summaryNotes() {
        return List.of((takesTokens() ? "tokens of a vocabulary of " + vocabSize : inputFeatures + " features a position")
                + ", " + numLayers + " layers, " + (normFirst ? "pre-LN" : "post-LN") + (finalNorm ? " with a final norm"
                : "") + ", " + positional.jsonName() + " positions up to " + maxLen + ", " + pooling.jsonName()
                + " pooling, " + numClasses + " classes");
    }

    /** @return a builder with small BERT-like sizes; {@code numClasses} and one input size must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().vocabSize(vocabSize).inputFeatures(inputFeatures).numClasses(numClasses).dModel(dModel)
                .numHeads(numHeads).dimFeedforward(dimFeedforward).numLayers(numLayers).dropout(dropout)
                .activation(activation).normFirst(normFirst).finalNorm(finalNorm).layerNormEps(layerNormEps)
                .maxLen(maxLen).positional(positional).pooling(pooling).padId(padId).seed(seed).precision(precision);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static TransformerClassifierConfig fromJson(String json) {
        return ConfigJson.read(json, TransformerClassifierConfig.class);
    }

    /**
     * Builder with D 128, 4 heads, FFN 512, 2 layers, dropout 0.1, ReLU, post-LN without a final
     * norm (pre-LN gets one unless {@code finalNorm} says otherwise), sinusoidal positions up to
     * 512, mean pooling, pad id 0, seed 42, float32. {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder extends TransformerBuilder<Builder> {
        private int vocabSize;
        private int inputFeatures;
        private Integer numClasses;
        private int numLayers = 2;
        private Boolean finalNorm;
        private Pooling pooling = Pooling.MEAN;

        public Builder() {
            super(128, 4, 512);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder vocabSize(int v) {
            vocabSize = v;
            return this;
        }

        public Builder inputFeatures(int v) {
            inputFeatures = v;
            return this;
        }

        public Builder numClasses(int v) {
            numClasses = v;
            return this;
        }




        public Builder numLayers(int v) {
            numLayers = v;
            return this;
        }




        public Builder finalNorm(boolean v) {
            finalNorm = v;
            return this;
        }




        public Builder pooling(Pooling v) {
            pooling = v;
            return this;
        }




        public TransformerClassifierConfig build() {
            Require.present("numClasses", numClasses);
            return new TransformerClassifierConfig(vocabSize, inputFeatures, numClasses, dModel, numHeads,
                    dimFeedforward, numLayers, dropout, activation, normFirst, finalNorm == null ? normFirst : finalNorm,
                    layerNormEps, maxLen, positional, pooling, padId, seed, precision);
        }
    }
}
