package org.sdzoo.zoo.blocks.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.attention.MultiHeadAttention;
import org.sdzoo.zoo.blocks.attention.MultiHeadOutputs;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.LayerNorm;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * {@code nn.TransformerDecoderLayer(batch_first=True)}: masked self-attention, cross-attention to
 * the encoder's memory, feed-forward, each with a residual and a layer norm (after it, or before
 * with {@code normFirst}). Parameters: {@code self_attn.*}, {@code multihead_attn.*},
 * {@code linear1.*}, {@code linear2.*}, {@code norm1.*}, {@code norm2.*}, {@code norm3.*}.
 *
 * @param config        the layer's options
 * @param selfAttn      {@code self_attn}
 * @param multiheadAttn {@code multihead_attn}, the cross-attention
 * @param ff            {@code linear1}, {@code linear2}
 * @param norm1         after (or before) self-attention
 * @param norm2         after (or before) cross-attention
 * @param norm3         after (or before) the feed-forward
 */
public record TransformerDecoderLayer(TransformerLayerConfig config, MultiHeadAttention selfAttn,
                                      MultiHeadAttention multiheadAttn, FeedForward ff,
                                      LayerNorm norm1, LayerNorm norm2, LayerNorm norm3) {

    /** @param layer the layer's scope, e.g. {@code decoder.layers.0} */
    public static TransformerDecoderLayer create(Scope layer, TransformerLayerConfig config) {
        return new TransformerDecoderLayer(config,
                MultiHeadAttention.create(layer.child("self_attn"), config.dModel(), config.numHeads(), config.dropout()),
                MultiHeadAttention.create(layer.child("multihead_attn"), config.dModel(), config.numHeads(),
                        config.dropout()),
                FeedForward.create(layer, config),
                LayerNorm.create(layer.child("norm1"), config.dModel(), config.layerNormEps(), true),
                LayerNorm.create(layer.child("norm2"), config.dModel(), config.layerNormEps(), true),
                LayerNorm.create(layer.child("norm3"), config.dModel(), config.layerNormEps(), true));
    }

    /**
     * @param tgt                  {@code [B, T, D]}
     * @param memory               {@code [B, S, D]}, the encoder's output
     * @param masks                the target and memory masks (additive, any may be null)
     * @return {@code [B, T, D]}
     */
    public SDVariable apply(SDVariable tgt, SDVariable memory, DecoderMasks masks) {
        return forward(tgt, memory, masks).output();
    }

    /**
     * {@link #apply} that also returns the cross-attention weights, e.g. for a heatmap.
     *
     * @return output {@code [B, T, D]} and cross-attention weights {@code [B, H, T, S]}
     */
    public DecoderLayerOutputs forward(SDVariable tgt, SDVariable memory, DecoderMasks masks) {
        SameDiff sd = tgt.getSameDiff();
        double p = config.dropout();
        if (config.normFirst()) {
            SDVariable x = tgt.add(Dropout.apply(sd, selfAttention(norm1.apply(tgt), masks), p));
            MultiHeadOutputs cross = crossAttention(norm2.apply(x), memory, masks);
            x = x.add(Dropout.apply(sd, cross.output(), p));
            return new DecoderLayerOutputs(x.add(Dropout.apply(sd, ff.apply(norm3.apply(x)), p)), cross.weights());
        }
        SDVariable x = norm1.apply(tgt.add(Dropout.apply(sd, selfAttention(tgt, masks), p)));
        MultiHeadOutputs cross = crossAttention(x, memory, masks);
        x = norm2.apply(x.add(Dropout.apply(sd, cross.output(), p)));
        return new DecoderLayerOutputs(norm3.apply(x.add(Dropout.apply(sd, ff.apply(x), p))), cross.weights());
    }

    private SDVariable selfAttention(SDVariable x, DecoderMasks masks) {
        return selfAttn.apply(x, masks.tgtKeyPaddingMask(), masks.tgtMask()).output();
    }

    private MultiHeadOutputs crossAttention(SDVariable x, SDVariable memory, DecoderMasks masks) {
        return multiheadAttn.apply(x, memory, memory, masks.memoryKeyPaddingMask(), masks.memoryMask());
    }
}
