package org.sdzoo.zoo.blocks.transformer;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.sdzoo.zoo.blocks.nn.LayerNorm;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * {@code nn.TransformerEncoder}: {@code layers.0 .. layers.(N-1)} then an optional final
 * {@code norm} ({@code nn.Transformer} always has one, as {@code encoder.norm}).
 *
 * @param layers the encoder layers
 * @param norm   the final norm, or null
 */
public record TransformerEncoder(List<TransformerEncoderLayer> layers, LayerNorm norm) {

    public TransformerEncoder {
        layers = List.copyOf(layers);
    }

    /** @param scope e.g. {@code encoder}; @param finalNorm whether to add {@code norm} */
    public static TransformerEncoder create(Scope scope, TransformerLayerConfig config, int numLayers, boolean finalNorm) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("an encoder needs numLayers >= 1, got " + numLayers);
        }
        List<TransformerEncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            layers.add(TransformerEncoderLayer.create(scope.child("layers").child(i), config));
        }
        LayerNorm norm = finalNorm ? LayerNorm.create(scope.child("norm"), config.dModel(), config.layerNormEps(), true) : null;
        return new TransformerEncoder(layers, norm);
    }

    /**
     * @param src               {@code [B, S, D]}
     * @param mask              additive {@code [S, S]} or {@code [B·H, S, S]}, or null
     * @param srcKeyPaddingMask additive {@code [B, S]}, or null
     * @return {@code [B, S, D]}, the memory
     */
    public SDVariable apply(SDVariable src, SDVariable mask, SDVariable srcKeyPaddingMask) {
        SDVariable x = src;
        for (TransformerEncoderLayer layer : layers) {
            x = layer.apply(x, mask, srcKeyPaddingMask);
        }
        return norm == null ? x : norm.apply(x);
    }
}
