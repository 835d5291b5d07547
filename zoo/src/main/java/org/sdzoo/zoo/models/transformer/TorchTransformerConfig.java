package org.sdzoo.zoo.models.transformer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.sdzoo.zoo.blocks.transformer.TransformerLayerConfig;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * One of PyTorch's Transformer modules with {@code batch_first=True}, its fields under PyTorch's
 * own argument names in JSON ({@code d_model}, {@code nhead}, {@code dim_feedforward},
 * {@code num_encoder_layers}, {@code num_decoder_layers}, {@code dropout}, {@code activation},
 * {@code layer_norm_eps}, {@code norm_first}), so {@code import-torch --config} reads the
 * arguments the module was built with. On import the sizes come from the state_dict's shapes.
 *
 * @param module           which module
 * @param dModel           {@code d_model}
 * @param nhead            {@code nhead}, dividing d_model
 * @param dimFeedforward   {@code dim_feedforward}
 * @param numEncoderLayers {@code num_encoder_layers} (or {@code num_layers} of a TransformerEncoder; 1 for a layer)
 * @param numDecoderLayers {@code num_decoder_layers} (nn.Transformer only; 0 otherwise)
 * @param dropout          {@code dropout}
 * @param activation       {@code relu} or {@code gelu}
 * @param layerNormEps     {@code layer_norm_eps}
 * @param normFirst        {@code norm_first}
 * @param encoderNorm      whether a TransformerEncoder has its final {@code norm} (nn.Transformer always has)
 * @param precision        float32 or float64
 */
@JsonDeserialize(builder = TorchTransformerConfig.Builder.class)
public record TorchTransformerConfig(TorchModule module, @JsonProperty("d_model") int dModel, int nhead,
                                     @JsonProperty("dim_feedforward") int dimFeedforward,
                                     @JsonProperty("num_encoder_layers") int numEncoderLayers,
                                     @JsonProperty("num_decoder_layers") int numDecoderLayers, double dropout,
                                     String activation, @JsonProperty("layer_norm_eps") double layerNormEps,
                                     @JsonProperty("norm_first") boolean normFirst,
                                     @JsonProperty("encoder_norm") boolean encoderNorm, Precision precision)
        implements ModelConfig {

    /** Validates like the builder does. */
    public TorchTransformerConfig {
        Require.present("module", module);
        Require.present("precision", precision);
        Require.positive("num_encoder_layers", numEncoderLayers);
        if (module == TorchModule.ENCODER_LAYER && numEncoderLayers != 1) {
            throw new IllegalArgumentException("a transformer-encoder-layer has one layer, not num_encoder_layers "
                    + numEncoderLayers + ": use transformer-encoder for a stack");
        }
        if ((module == TorchModule.TRANSFORMER) != (numDecoderLayers > 0)) {
            throw new IllegalArgumentException("num_decoder_layers (" + numDecoderLayers + ") must be above 0 for"
                    + " transformer and 0 for " + module.architecture());
        }
        if (module == TorchModule.ENCODER_LAYER && encoderNorm) {
            throw new IllegalArgumentException("a transformer-encoder-layer has no final norm: set encoder_norm false");
        }
        TransformerConfig.layer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return module.architecture();
    }

    /** @return the config every layer shares */
    @JsonIgnore
    public TransformerLayerConfig layerConfig() {
        return TransformerConfig.layer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, normFirst);
    }

    /** @return PyTorch's defaults for {@code module}; a TransformerEncoder of 6 layers without final norm */
    public static Builder builder(TorchModule module) {
        Builder b = new Builder().module(module);
        return switch (module) {
            case ENCODER_LAYER -> b.numEncoderLayers(1).numDecoderLayers(0);
            case ENCODER -> b.numEncoderLayers(6).numDecoderLayers(0);
            case TRANSFORMER -> b.numEncoderLayers(6).numDecoderLayers(6).encoderNorm(true);
        };
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().module(module).dModel(dModel).nhead(nhead).dimFeedforward(dimFeedforward)
                .numEncoderLayers(numEncoderLayers).numDecoderLayers(numDecoderLayers).dropout(dropout)
                .activation(activation).layerNormEps(layerNormEps).normFirst(normFirst).encoderNorm(encoderNorm)
                .precision(precision);
    }

    /** Reads a config written by {@link #toJson()}. */
    public static TorchTransformerConfig fromJson(String json) {
        return ConfigJson.read(json, TorchTransformerConfig.class);
    }

    /** PyTorch's defaults: d_model 512, nhead 8, dim_feedforward 2048, dropout 0.1, relu, eps 1e-5, post-LN; float32. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private TorchModule module;
        private int dModel = 512;
        private int nhead = 8;
        private int dimFeedforward = 2048;
        private int numEncoderLayers = 6;
        private int numDecoderLayers = 6;
        private double dropout = 0.1;
        private String activation = "relu";
        private double layerNormEps = 1e-5;
        private boolean normFirst;
        private boolean encoderNorm;
        private Precision precision = Precision.FLOAT32;

        public Builder module(TorchModule v) {
            module = v;
            return this;
        }

        @JsonProperty("d_model")
        public Builder dModel(int v) {
            dModel = v;
            return this;
        }

        public Builder nhead(int v) {
            nhead = v;
            return this;
        }

        @JsonProperty("dim_feedforward")
        public Builder dimFeedforward(int v) {
            dimFeedforward = v;
            return this;
        }

        @JsonProperty("num_encoder_layers")
        public Builder numEncoderLayers(int v) {
            numEncoderLayers = v;
            return this;
        }

        @JsonProperty("num_decoder_layers")
        public Builder numDecoderLayers(int v) {
            numDecoderLayers = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        public Builder activation(String v) {
            activation = v;
            return this;
        }

        @JsonProperty("layer_norm_eps")
        public Builder layerNormEps(double v) {
            layerNormEps = v;
            return this;
        }

        @JsonProperty("norm_first")
        public Builder normFirst(boolean v) {
            normFirst = v;
            return this;
        }

        @JsonProperty("encoder_norm")
        public Builder encoderNorm(boolean v) {
            encoderNorm = v;
            return this;
        }

        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        public TorchTransformerConfig build() {
            return new TorchTransformerConfig(module, dModel, nhead, dimFeedforward, numEncoderLayers, numDecoderLayers,
                    dropout, activation, layerNormEps, normFirst, encoderNorm, precision);
        }
    }
}
