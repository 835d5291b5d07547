package org.sdzoo.zoo.models.transformer;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The encoder-only Transformer classifier as the archive, the command line and the importer see
 * it; listed in {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 *
 * <p>Imports the {@code state_dict} of a PyTorch module with {@link TransformerClassifier}'s
 * names: {@code embed = nn.Embedding(V, D)} or {@code input_proj = nn.Linear(F, D)}, optionally
 * {@code pos_embed = nn.Embedding(maxLen, D)}, {@code encoder = nn.TransformerEncoder(layer, N,
 * norm)} of {@code batch_first=True} layers, {@code classifier = nn.Linear(D, C)}. V or F, D, C,
 * N, the feed-forward width, maxLen (learned positions) and the final norm come from the shapes
 * and names; heads, activation, normFirst, eps, dropout, pooling and padId from the config.
 */
public final class TransformerClassifierArchitecture implements Architecture {

    @Override
    public String name() {
        return TransformerClassifierConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "Encoder-only Transformer classifier: token embeddings or projected features, nn.TransformerEncoder,"
                + " mean or first-position pooling, linear classifier";
    }

    /** @return MNIST as 28 rows of 28 pixels, 10 classes, at the builder's sizes */
    @Override
    public ModelConfig defaultConfig() {
        return TransformerClassifierConfig.builder().inputFeatures(28).numClasses(10).build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return TransformerClassifierConfig.fromJson(json);
    }

    @Override
    public ModelConfig importDefaults(Map<String, INDArray> stateDict) {
        return inferred(TransformerClassifierConfig.builder().inputFeatures(1).numClasses(1).build(), stateDict);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = TransformerClassifier.create((TransformerClassifierConfig) config);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        return TorchModules.load(name(), TransformerClassifier.create(
                inferred((TransformerClassifierConfig) config, stateDict)), stateDict);
    }

    /** The config with the sizes the state_dict's shapes say. */
    private static TransformerClassifierConfig inferred(TransformerClassifierConfig config, Map<String, INDArray> sd) {
        INDArray classifier = TorchModules.require(sd, "classifier.weight", 2, "[C, D]");
        TransformerClassifierConfig.Builder b = config.toBuilder().numClasses((int) classifier.size(0))
                .dModel((int) classifier.size(1)).numLayers(TorchModules.countLayers(sd, "encoder.layers."))
                .finalNorm(sd.containsKey("encoder.norm.weight"))
                .dimFeedforward((int) TorchModules.require(sd, "encoder.layers.0.linear1.weight", 2, "[F, D]").size(0));
        if (sd.containsKey("embed.weight")) {
            b.vocabSize((int) TorchModules.require(sd, "embed.weight", 2, "[V, D]").size(0)).inputFeatures(0);
        } else {
            b.inputFeatures((int) TorchModules.require(sd, "input_proj.weight", 2, "[D, F] (or embed.weight [V, D] for"
                    + " token inputs)").size(1)).vocabSize(0);
        }
        if (sd.containsKey("pos_embed.weight")) {
            b.positional(PositionalKind.LEARNED).maxLen((int) sd.get("pos_embed.weight").size(0));
        }
        return b.build();
    }
}
