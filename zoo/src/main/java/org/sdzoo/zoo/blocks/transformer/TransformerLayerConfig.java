package org.sdzoo.zoo.blocks.transformer;

import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.blocks.nn.LayerNorm;

/**
 * The sizes and options of one encoder or decoder layer, under PyTorch's meaning
 * ({@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation,
 * layer_norm_eps, batch_first=True, norm_first)}).
 *
 * @param dModel         D
 * @param numHeads       H ({@code nhead}), dividing D
 * @param dimFeedforward the feed-forward width ({@code dim_feedforward})
 * @param dropout        PyTorch's p, for attention weights, the feed-forward and both residuals
 * @param activation     RELU or GELU
 * @param layerNormEps   {@code layer_norm_eps}
 * @param normFirst      pre-LN ({@code norm_first=True}) instead of post-LN
 */
public record TransformerLayerConfig(long dModel, int numHeads, long dimFeedforward, double dropout,
                                     Activation activation, double layerNormEps, boolean normFirst) {

    public TransformerLayerConfig {
        if (dModel < 1 || numHeads < 1 || dimFeedforward < 1) {
            throw new IllegalArgumentException("dModel (" + dModel + "), numHeads (" + numHeads + ") and dimFeedforward ("
                    + dimFeedforward + ") must be >= 1");
        }
        if (dModel % numHeads != 0) {
            throw new IllegalArgumentException("dModel (" + dModel + ") must be divisible by numHeads (" + numHeads
                    + "): choose numHeads among the divisors of dModel");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout (" + dropout + ") must be in [0, 1), PyTorch's p");
        }
        if (activation != Activation.RELU && activation != Activation.GELU) {
            throw new IllegalArgumentException("activation (" + activation + ") must be relu or gelu, as PyTorch's"
                    + " Transformer layers accept");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layerNormEps (" + layerNormEps + ") must be > 0, e.g. 1e-5");
        }
    }

    /** PyTorch's defaults for the rest: dim_feedforward 2048, dropout 0.1, relu, eps 1e-5, post-LN. */
    public static Builder builder(long dModel, int numHeads) {
        return new Builder(dModel, numHeads);
    }

    /** Starts from PyTorch's defaults; {@link #build()} validates. */
    public static final class Builder {
        private final long dModel;
        private final int numHeads;
        private long dimFeedforward = 2048;
        private double dropout = 0.1;
        private Activation activation = Activation.RELU;
        private double layerNormEps = LayerNorm.DEFAULT_EPS;
        private boolean normFirst;

        private Builder(long dModel, int numHeads) {
            this.dModel = dModel;
            this.numHeads = numHeads;
        }

        public Builder dimFeedforward(long v) {
            dimFeedforward = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public Builder layerNormEps(double v) {
            layerNormEps = v;
            return this;
        }

        public Builder normFirst(boolean v) {
            normFirst = v;
            return this;
        }

        public TransformerLayerConfig build() {
            return new TransformerLayerConfig(dModel, numHeads, dimFeedforward, dropout, activation, layerNormEps, normFirst);
        }
    }
}
