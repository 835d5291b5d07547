package org.sdzoo.zoo.models.transformer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.TorchWeights;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The token-to-token Transformer as the archive, the command line and the importer see it;
 * listed in {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 *
 * <p>Imports a {@code state_dict} with {@link Seq2SeqParts}' names (a PyTorch module with
 * attributes {@code src_embed}, {@code tgt_embed}, {@code transformer = nn.Transformer(...,
 * batch_first=True)}, {@code generator}, optionally {@code pos_embed}); the vocabulary sizes, D,
 * the feed-forward width, the layer counts, maxLen (learned positions) and weight tying come from
 * the shapes and names, the rest (heads, activation, norm_first, eps, dropout, padId) from the config.
 */
public final class Seq2SeqArchitecture implements Architecture {

    @Override
    public String name() {
        return TransformerConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "Transformer seq2seq (Vaswani et al. 2017): token embeddings, nn.Transformer encoder-decoder, generator;"
                + " greedy and beam decoding";
    }

    /** @return the Annotated Transformer's copy task (vocabulary 11) at the base sizes */
    @Override
    public ModelConfig defaultConfig() {
        return TransformerConfig.builder().vocabSize(11).build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return TransformerConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = Seq2SeqTransformer.create((TransformerConfig) config);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        TransformerConfig c = inferred((TransformerConfig) config, stateDict);
        ZooModel model = Seq2SeqTransformer.create(c);
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            expected.put(name, model.sameDiff().getArrForVarName(name).shape());
        }
        TorchWeights.check(name(), expected, stateDict);
        for (String name : model.parameterNames()) {
            model.sameDiff().getArrForVarName(name).assign(stateDict.get(name).castTo(model.dataType()));
        }
        return model;
    }

    /** The config with the sizes the state_dict's shapes say. */
    private static TransformerConfig inferred(TransformerConfig config, Map<String, INDArray> sd) {
        INDArray src = TorchModules.require(sd, "src_embed.weight", 2, "[V_src, D]");
        INDArray tgt = TorchModules.require(sd, "tgt_embed.weight", 2, "[V_tgt, D]");
        TransformerConfig.Builder b = config.toBuilder().srcVocabSize((int) src.size(0)).tgtVocabSize((int) tgt.size(0))
                .dModel((int) src.size(1)).tieWeights(!sd.containsKey("generator.weight"))
                .numEncoderLayers(TorchModules.countLayers(sd, "transformer.encoder.layers."))
                .numDecoderLayers(TorchModules.countLayers(sd, "transformer.decoder.layers."))
                .dimFeedforward((int) TorchModules.require(sd, "transformer.encoder.layers.0.linear1.weight", 2,
                        "[F, D]").size(0));
        if (sd.containsKey("pos_embed.weight")) {
            b.positional(PositionalKind.LEARNED).maxLen((int) sd.get("pos_embed.weight").size(0));
        }
        return b.build();
    }
}
