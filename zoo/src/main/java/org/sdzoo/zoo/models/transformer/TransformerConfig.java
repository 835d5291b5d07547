package org.sdzoo.zoo.models.transformer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.blocks.transformer.TransformerLayerConfig;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A token-to-token Transformer (Vaswani et al. 2017, the Annotated Transformer): source and target
 * embeddings scaled by √D plus positions, {@code nn.Transformer}'s encoder and decoder, a linear
 * generator to target-vocabulary logits.
 *
 * @param srcVocabSize     V_src, source token ids are in [0, V_src)
 * @param tgtVocabSize     V_tgt, target token ids are in [0, V_tgt)
 * @param dModel           D
 * @param numHeads         H, dividing D
 * @param dimFeedforward   the feed-forward width
 * @param numEncoderLayers encoder layers
 * @param numDecoderLayers decoder layers
 * @param dropout          PyTorch's p, everywhere the Annotated Transformer drops (embeddings, attention, residuals)
 * @param activation       {@code relu} or {@code gelu}
 * @param normFirst        pre-LN layers instead of post-LN
 * @param layerNormEps     the layer norms' eps
 * @param maxLen           the longest source or target sequence (the positional table's rows)
 * @param positional       sinusoidal or learned positions
 * @param tieWeights       the generator's weight is the target embedding (Press and Wolf 2017)
 * @param padId            the padding id of both vocabularies: padded source keys get no attention
 * @param seed             seeds the initial parameters
 * @param precision        float32 or float64
 */
@JsonDeserialize(builder = TransformerConfig.Builder.class)
public record TransformerConfig(int srcVocabSize, int tgtVocabSize, int dModel, int numHeads, int dimFeedforward,
                                int numEncoderLayers, int numDecoderLayers, double dropout, String activation,
                                boolean normFirst, double layerNormEps, int maxLen, PositionalKind positional,
                                boolean tieWeights, int padId, long seed, Precision precision) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "transformer-seq2seq";

    /** Validates like the builder does, so no invalid instance exists. */
    public TransformerConfig {
        Require.positive("srcVocabSize", srcVocabSize);
        Require.positive("tgtVocabSize", tgtVocabSize);
        Require.positive("numEncoderLayers", numEncoderLayers);
        Require.positive("numDecoderLayers", numDecoderLayers);
        Require.positive("maxLen", maxLen);
        Require.present("positional", positional);
        Require.present("precision", precision);
        if (padId < 0 || padId >= Math.min(srcVocabSize, tgtVocabSize)) {
            throw new IllegalArgumentException("padId (" + padId + ") must be an id of both vocabularies, in [0, "
                    + Math.min(srcVocabSize, tgtVocabSize) + "): use the vocabularies' padding id, usually 0");
        }
        layer(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    /** Validates and builds the layers' config (also checking that numHeads divides dModel). */
    static TransformerLayerConfig layer(int dModel, int numHeads, int dimFeedforward, double dropout, String activation,
                                        double layerNormEps, boolean normFirst) {
        Require.positive("dModel", dModel);
        Require.positive("numHeads", numHeads);
        Require.positive("dimFeedforward", dimFeedforward);
        return TransformerLayerConfig.builder(dModel, numHeads).dimFeedforward(dimFeedforward).dropout(dropout)
                .activation(activation(activation)).layerNormEps(layerNormEps).normFirst(normFirst).build();
    }

    /** @return {@code relu} or {@code gelu} as an {@link Activation} */
    static Activation activation(String name) {
        Require.present("activation", name);
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("activation '" + name
                    + "' is not a Transformer activation: use relu or gelu, as PyTorch");
        };
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return the config every encoder and decoder layer shares */
    @JsonIgnore
    public TransformerLayerConfig layerConfig() {
        return layer(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    @Override
    @JsonIgnore
    public List<String> summaryNotes() {
        return List.of(numEncoderLayers + "+" + numDecoderLayers + " layers, " + (normFirst ? "pre-LN" : "post-LN") + ", "
                + positional.jsonName() + " positions up to " + maxLen + (tieWeights ? ", generator tied to the target"
                + " embedding" : ""));
    }

    /** @return a builder with the Annotated Transformer's base sizes; the vocabulary sizes must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().srcVocabSize(srcVocabSize).tgtVocabSize(tgtVocabSize).dModel(dModel).numHeads(numHeads)
                .dimFeedforward(dimFeedforward).numEncoderLayers(numEncoderLayers).numDecoderLayers(numDecoderLayers)
                .dropout(dropout).activation(activation).normFirst(normFirst).layerNormEps(layerNormEps).maxLen(maxLen)
                .positional(positional).tieWeights(tieWeights).padId(padId).seed(seed).precision(precision);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static TransformerConfig fromJson(String json) {
        return ConfigJson.read(json, TransformerConfig.class);
    }

    /**
     * Builder with the base model of "Attention is all you need" (D 512, 8 heads, FFN 2048, 6+6
     * layers, dropout 0.1, ReLU, post-LN, sinusoidal positions up to 512, untied), pad id 0, seed
     * 42, float32. {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder extends TransformerBuilder<Builder> {
        private Integer srcVocabSize;
        private Integer tgtVocabSize;
        private int numEncoderLayers = 6;
        private int numDecoderLayers = 6;
        private boolean tieWeights;

        public Builder() {
            super(512, 8, 2048);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder srcVocabSize(int v) {
            srcVocabSize = v;
            return this;
        }

        public Builder tgtVocabSize(int v) {
            tgtVocabSize = v;
            return this;
        }

        /** Both vocabulary sizes, for tasks whose source and target share one vocabulary. */
        public Builder vocabSize(int v) {
            srcVocabSize = v;
            tgtVocabSize = v;
            return this;
        }




        public Builder numEncoderLayers(int v) {
            numEncoderLayers = v;
            return this;
        }

        public Builder numDecoderLayers(int v) {
            numDecoderLayers = v;
            return this;
        }

        /** The same number of encoder and decoder layers. */
        public Builder layers(int v) {
            numEncoderLayers = v;
            numDecoderLayers = v;
            return this;
        }







        public Builder tieWeights(boolean v) {
            tieWeights = v;
            return this;
        }




        public TransformerConfig build() {
            Require.present("srcVocabSize", srcVocabSize);
            Require.present("tgtVocabSize", tgtVocabSize);
            return new TransformerConfig(srcVocabSize, tgtVocabSize, dModel, numHeads, dimFeedforward, numEncoderLayers,
                    numDecoderLayers, dropout, activation, normFirst, layerNormEps, maxLen, positional, tieWeights, padId,
                    seed, precision);
        }
    }
}
