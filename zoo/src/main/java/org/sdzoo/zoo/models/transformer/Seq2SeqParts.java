package org.sdzoo.zoo.models.transformer;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.sdzoo.zoo.blocks.nn.Embedding;
import org.sdzoo.zoo.blocks.nn.Init;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.blocks.transformer.DecoderLayerOutputs;
import org.sdzoo.zoo.blocks.transformer.DecoderMasks;
import org.sdzoo.zoo.blocks.transformer.TransformerDecoder;
import org.sdzoo.zoo.blocks.transformer.TransformerEncoder;
import org.sdzoo.zoo.blocks.transformer.TransformerLayerConfig;

/**
 * The parameters of a {@link TransformerConfig} model and the two halves of its forward pass, so
 * the training graph (encode then decode) and the decoding graph (encode once, decode step by
 * step from a fed memory) are built by the same code with the same names.
 *
 * <p>Parameter names: {@code src_embed.weight [V_src, D]}, {@code tgt_embed.weight [V_tgt, D]},
 * {@code pos_embed.weight [maxLen, D]} (learned positions only; sinusoidal ones are a constant),
 * {@code transformer.encoder.*} and {@code transformer.decoder.*} as {@code nn.Transformer}
 * (final norms included), {@code generator.weight [V_tgt, D]} (absent when tied to
 * {@code tgt_embed.weight}) and {@code generator.bias [V_tgt]}.
 *
 * @param config    the model's config
 * @param srcEmbed  {@code src_embed}
 * @param tgtEmbed  {@code tgt_embed}
 * @param positions the embeddings' scale √D, positions (a constant or {@code pos_embed.weight}) and dropout
 * @param encoder   {@code transformer.encoder}
 * @param decoder   {@code transformer.decoder}
 * @param generator {@code generator}, D → V_tgt
 */
record Seq2SeqParts(TransformerConfig config, Embedding srcEmbed, Embedding tgtEmbed, SequenceInput positions,
                    TransformerEncoder encoder, TransformerDecoder decoder, Linear generator) {

    /**
     * Creates every parameter with {@code nn.Transformer}'s and the Annotated Transformer's
     * initialisation: Xavier-uniform for every matrix (embeddings included, which are then scaled
     * by √D), zero attention biases, layer norms at 1 and 0.
     */
    static Seq2SeqParts create(SameDiff sd, TransformerConfig config) {
        DataType type = config.precision().dataType();
        Scope root = Scope.root(sd, config.seed(), type);
        int d = config.dModel();
        Embedding src = embedding(root.child("src_embed"), config.srcVocabSize(), d);
        Embedding tgt = embedding(root.child("tgt_embed"), config.tgtVocabSize(), d);
        SequenceInput positions = SequenceInput.create(root, config.positional(), config.maxLen(), d, Math.sqrt(d),
                config.dropout());
        TransformerLayerConfig layer = config.layerConfig();
        Scope transformer = root.child("transformer");
        TransformerEncoder encoder = TransformerEncoder.create(transformer.child("encoder"), layer,
                config.numEncoderLayers(), true);
        TransformerDecoder decoder = TransformerDecoder.create(transformer.child("decoder"), layer,
                config.numDecoderLayers(), true);
        Scope gen = root.child("generator");
        Linear generator = config.tieWeights()
                ? new Linear(tgt.weight(), gen.param("bias", Init.zeros(type, config.tgtVocabSize())), d,
                        config.tgtVocabSize())
                : Linear.create(gen, d, config.tgtVocabSize(), true);
        xavier(sd, config.seed());
        return new Seq2SeqParts(config, src, tgt, positions, encoder, decoder, generator);
    }

    static Embedding embedding(Scope scope, int vocab, int d) {
        return new Embedding(scope.param("weight", Init.zeros(scope.dataType(), vocab, d)), vocab, d);
    }

    /** Xavier-uniform on every matrix, as {@code nn.Transformer._reset_parameters} and the Annotated Transformer. */
    static void xavier(SameDiff sd, long seed) {
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE && v.getArr().rank() == 2) {
                v.getArr().assign(Init.forParameter(seed, v.name()).xavierUniform(v.dataType(), 1, v.getArr().shape()));
            }
        }
    }

    /**
     * @param srcIds      {@code [B, S]} token ids (any numeric type)
     * @param srcPosition {@code [S]} integer positions 0..S-1
     * @param srcPadding  additive {@code [B, S]}, {@code MASKED_SCORE} at padding
     * @return the memory {@code [B, S, D]}
     */
    SDVariable encode(SDVariable srcIds, SDVariable srcPosition, SDVariable srcPadding) {
        return encoder.apply(positions.apply(srcEmbed.apply(srcIds.castTo(DataType.INT64)), srcPosition), null,
                srcPadding);
    }

    /**
     * @param tgtIds      {@code [B, T]} target ids, shifted right (BOS first)
     * @param tgtPosition {@code [T]} integer positions 0..T-1
     * @param causal      additive {@code [T, T]}
     * @param memory      {@code [B, S, D]}
     * @param srcPadding  additive {@code [B, S]}
     * @return the decoder's output {@code [B, T, D]} before the generator, and the last layer's
     *         cross-attention weights {@code [B, H, T, S]}
     */
    DecoderLayerOutputs decode(SDVariable tgtIds, SDVariable tgtPosition, SDVariable causal, SDVariable memory,
                      SDVariable srcPadding) {
        return decoder.forward(embedTarget(tgtIds, tgtPosition), memory, new DecoderMasks(causal, null, null, srcPadding));
    }

    /**
     * @param tgtIds      {@code [B, T]} target ids (any numeric type)
     * @param tgtPosition {@code [T]} integer positions
     * @return the decoder's input {@code [B, T, D]}: embeddings scaled by √D plus positions, dropped out
     */
    SDVariable embedTarget(SDVariable tgtIds, SDVariable tgtPosition) {
        return positions.apply(tgtEmbed.apply(tgtIds.castTo(DataType.INT64)), tgtPosition);
    }
}
