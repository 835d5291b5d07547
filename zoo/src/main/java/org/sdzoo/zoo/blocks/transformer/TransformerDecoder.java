package org.sdzoo.zoo.blocks.transformer;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.sdzoo.zoo.blocks.nn.LayerNorm;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * {@code nn.TransformerDecoder}: {@code layers.0 .. layers.(N-1)} then an optional final
 * {@code norm} ({@code decoder.norm} in {@code nn.Transformer}).
 *
 * @param layers the decoder layers
 * @param norm   the final norm, or null
 */
public record TransformerDecoder(List<TransformerDecoderLayer> layers, LayerNorm norm) {

    public TransformerDecoder {
        layers = List.copyOf(layers);
    }

    /** @param scope e.g. {@code decoder}; @param finalNorm whether to add {@code norm} */
    public static TransformerDecoder create(Scope scope, TransformerLayerConfig config, int numLayers, boolean finalNorm) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("a decoder needs numLayers >= 1, got " + numLayers);
        }
        List<TransformerDecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            layers.add(TransformerDecoderLayer.create(scope.child("layers").child(i), config));
        }
        LayerNorm norm = finalNorm ? LayerNorm.create(scope.child("norm"), config.dModel(), config.layerNormEps(), true) : null;
        return new TransformerDecoder(layers, norm);
    }

    /**
     * @param tgt    {@code [B, T, D]}
     * @param memory {@code [B, S, D]}
     * @param masks  additive masks, any null
     * @return {@code [B, T, D]}
     */
    public SDVariable apply(SDVariable tgt, SDVariable memory, DecoderMasks masks) {
        return forward(tgt, memory, masks).output();
    }

    /**
     * {@link #apply} that also returns the last layer's cross-attention weights.
     *
     * @return output {@code [B, T, D]} (after the final norm) and weights {@code [B, H, T, S]}
     */
    public DecoderLayerOutputs forward(SDVariable tgt, SDVariable memory, DecoderMasks masks) {
        DecoderLayerOutputs out = null;
        SDVariable x = tgt;
        for (TransformerDecoderLayer layer : layers) {
            out = layer.forward(x, memory, masks);
            x = out.output();
        }
        return new DecoderLayerOutputs(norm == null ? x : norm.apply(x), out.crossWeights());
    }
}
