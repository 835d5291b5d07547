package org.sdzoo.zoo.blocks.transformer;

import java.util.function.Function;
import java.util.function.UnaryOperator;
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
        return sublayers(tgt, x -> selfAttn.apply(x, masks.tgtKeyPaddingMask(), masks.tgtMask()).output(),
                x -> multiheadAttn.apply(x, memory, memory, masks.memoryKeyPaddingMask(), masks.memoryMask()));
    }

    /**
     * One decoding position with cached keys and values (incremental decoding): the layer's
     * output at that position equals {@link #forward}'s at the same position of the whole prefix,
     * without recomputing the earlier positions.
     *
     * @param x            {@code [B, 1, D]}, the layer's input at the position
     * @param cachedKeys   {@code [B, H, C, D/H]}: self-attention keys of earlier positions (see {@code cacheMask})
     * @param cachedValues {@code [B, H, C, D/H]}
     * @param cacheMask    additive {@code [1, C + 1]}: 0 for the cache entries to attend to and for the
     *                     last column (the position itself), masked for unused cache entries
     * @param memoryKeys   {@code [B, H, S, D/H]}, {@code multihead_attn.heads(1, memory)}
     * @param memoryValues {@code [B, H, S, D/H]}, {@code multihead_attn.heads(2, memory)}
     * @param memoryKeyPaddingMask additive {@code [B, S]}, or null
     * @return output {@code [B, 1, D]} and this position's keys and values {@code [B, H, 1, D/H]} to cache
     */
    public DecoderStepOutputs step(SDVariable x, SDVariable cachedKeys, SDVariable cachedValues, SDVariable cacheMask,
                                   SDVariable memoryKeys, SDVariable memoryValues, SDVariable memoryKeyPaddingMask) {
        SameDiff sd = x.getSameDiff();
        SDVariable[] fresh = new SDVariable[2];
        DecoderLayerOutputs out = sublayers(x, in -> {
            fresh[0] = selfAttn.heads(1, in);                                                    // [B, H, 1, D/H]
            fresh[1] = selfAttn.heads(2, in);
            return selfAttn.attend(selfAttn.heads(0, in), sd.concat(2, cachedKeys, fresh[0]),
                    sd.concat(2, cachedValues, fresh[1]), null, cacheMask, in).output();
        }, in -> multiheadAttn.attend(multiheadAttn.heads(0, in), memoryKeys, memoryValues, memoryKeyPaddingMask,
                null, in));
        return new DecoderStepOutputs(out.output(), fresh[0], fresh[1]);
    }

    /** The residuals, norms, dropouts and feed-forward around the two attentions, post-LN or pre-LN. */
    private DecoderLayerOutputs sublayers(SDVariable tgt, UnaryOperator<SDVariable> selfAttention,
                                          Function<SDVariable, MultiHeadOutputs> crossAttention) {
        SameDiff sd = tgt.getSameDiff();
        double p = config.dropout();
        if (config.normFirst()) {
            SDVariable x = tgt.add(Dropout.apply(sd, selfAttention.apply(norm1.apply(tgt)), p));
            MultiHeadOutputs cross = crossAttention.apply(norm2.apply(x));
            x = x.add(Dropout.apply(sd, cross.output(), p));
            return new DecoderLayerOutputs(x.add(Dropout.apply(sd, ff.apply(norm3.apply(x)), p)), cross.weights());
        }
        SDVariable x = norm1.apply(tgt.add(Dropout.apply(sd, selfAttention.apply(tgt), p)));
        MultiHeadOutputs cross = crossAttention.apply(x);
        x = norm2.apply(x.add(Dropout.apply(sd, cross.output(), p)));
        return new DecoderLayerOutputs(norm3.apply(x.add(Dropout.apply(sd, ff.apply(x), p))), cross.weights());
    }
}
