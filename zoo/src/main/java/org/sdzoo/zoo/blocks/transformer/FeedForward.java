package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The position-wise feed-forward of PyTorch's Transformer layers,
 * {@code linear2(dropout(activation(linear1(x))))}, with the layer's own names
 * ({@code linear1.*}, {@code linear2.*}).
 *
 * @param linear1 {@code [F, D]}
 * @param linear2 {@code [D, F]}
 * @param config  the layer's options
 */
public record FeedForward(Linear linear1, Linear linear2, TransformerLayerConfig config) {

    public static FeedForward create(Scope layer, TransformerLayerConfig config) {
        return new FeedForward(Linear.create(layer.child("linear1"), config.dModel(), config.dimFeedforward(), true),
                Linear.create(layer.child("linear2"), config.dimFeedforward(), config.dModel(), true), config);
    }

    /** @param x {@code [B, T, D]} @return {@code [B, T, D]}, before the residual's dropout */
    public SDVariable apply(SDVariable x) {
        SDVariable hidden = config.activation().apply(linear1.apply(x));             // [B, T, F]
        return linear2.apply(Dropout.apply(x.getSameDiff(), hidden, config.dropout()));
    }
}
