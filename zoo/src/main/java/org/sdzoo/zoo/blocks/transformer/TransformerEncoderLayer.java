package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.attention.MultiHeadAttention;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.LayerNorm;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * {@code nn.TransformerEncoderLayer(batch_first=True)}. Post-LN (default):
 * {@code x1 = norm1(x + drop(self_attn(x))); out = norm2(x1 + drop(ff(x1)))}; pre-LN
 * ({@code normFirst}): {@code x1 = x + drop(self_attn(norm1(x))); out = x1 + drop(ff(norm2(x1)))}.
 * Parameters: {@code self_attn.*}, {@code linear1.*}, {@code linear2.*}, {@code norm1.*},
 * {@code norm2.*}.
 *
 * @param config   the layer's options
 * @param selfAttn {@code self_attn}
 * @param ff       {@code linear1}, {@code linear2}
 * @param norm1    {@code norm1}
 * @param norm2    {@code norm2}
 */
public record TransformerEncoderLayer(TransformerLayerConfig config, MultiHeadAttention selfAttn, FeedForward ff,
                                      LayerNorm norm1, LayerNorm norm2) {

    /** @param layer the layer's scope, e.g. {@code encoder.layers.0} */
    public static TransformerEncoderLayer create(Scope layer, TransformerLayerConfig config) {
        return new TransformerEncoderLayer(config,
                MultiHeadAttention.create(layer.child("self_attn"), config.dModel(), config.numHeads(), config.dropout()),
                FeedForward.create(layer, config),
                LayerNorm.create(layer.child("norm1"), config.dModel(), config.layerNormEps(), true),
                LayerNorm.create(layer.child("norm2"), config.dModel(), config.layerNormEps(), true));
    }

    /**
     * @param src               {@code [B, S, D]}
     * @param srcMask           additive {@code [S, S]} or {@code [B·H, S, S]}, or null
     * @param srcKeyPaddingMask additive {@code [B, S]}, or null
     * @return {@code [B, S, D]}
     */
    public SDVariable apply(SDVariable src, SDVariable srcMask, SDVariable srcKeyPaddingMask) {
        SameDiff sd = src.getSameDiff();
        double p = config.dropout();
        if (config.normFirst()) {
            SDVariable n1 = norm1.apply(src);
            SDVariable x1 = src.add(Dropout.apply(sd, selfAttn.apply(n1, srcKeyPaddingMask, srcMask).output(), p));
            return x1.add(Dropout.apply(sd, ff.apply(norm2.apply(x1)), p));
        }
        SDVariable x1 = norm1.apply(src.add(Dropout.apply(sd, selfAttn.apply(src, srcKeyPaddingMask, srcMask).output(), p)));
        return norm2.apply(x1.add(Dropout.apply(sd, ff.apply(x1), p)));
    }
}
