package org.sdzoo.zoo.models.transformer;

import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * PyTorch's Transformer modules as architectures ({@link Layer}, {@link Encoder},
 * {@link Transformer}), each listed in {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 * {@code importTorch} takes the module's {@code state_dict} as PyTorch names it; d_model,
 * dim_feedforward, the layer counts and the encoder's final norm come from the shapes and names,
 * {@code nhead}, {@code activation}, {@code norm_first}, {@code layer_norm_eps} and dropout from
 * the config.
 */
public abstract class TorchTransformerArchitecture implements Architecture {

    private final TorchModule module;

    TorchTransformerArchitecture(TorchModule module) {
        this.module = module;
    }

    /** {@code nn.TransformerEncoderLayer}. */
    public static final class Layer extends TorchTransformerArchitecture {
        public Layer() {
            super(TorchModule.ENCODER_LAYER);
        }
    }

    /** {@code nn.TransformerEncoder}. */
    public static final class Encoder extends TorchTransformerArchitecture {
        public Encoder() {
            super(TorchModule.ENCODER);
        }
    }

    /** {@code nn.Transformer}. */
    public static final class Transformer extends TorchTransformerArchitecture {
        public Transformer() {
            super(TorchModule.TRANSFORMER);
        }
    }

    @Override
    public String name() {
        return module.architecture();
    }

    @Override
    public String description() {
        return switch (module) {
            case ENCODER_LAYER -> "torch.nn.TransformerEncoderLayer (batch_first): self-attention and feed-forward,"
                    + " post-LN or pre-LN";
            case ENCODER -> "torch.nn.TransformerEncoder (batch_first): a stack of encoder layers, optional final norm";
            case TRANSFORMER -> "torch.nn.Transformer (batch_first): encoder-decoder on [B, S, D] and [B, T, D] with"
                    + " PyTorch's masks";
        };
    }

    @Override
    public ModelConfig defaultConfig() {
        return TorchTransformerConfig.builder(module).build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return TorchTransformerConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = TorchTransformer.create((TorchTransformerConfig) config, 0);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    /** The defaults with d_model and dim_feedforward from the first layer's {@code linear1.weight}, when present. */
    @Override
    public ModelConfig importDefaults(Map<String, INDArray> stateDict) {
        INDArray linear1 = stateDict.get(firstLayer() + "linear1.weight");
        if (linear1 == null || linear1.rank() != 2) {
            return defaultConfig(); // importTorch names what is missing
        }
        return ((TorchTransformerConfig) defaultConfig()).toBuilder().dModel((int) linear1.size(1))
                .dimFeedforward((int) linear1.size(0)).build();
    }

    private String firstLayer() {
        return switch (module) {
            case ENCODER_LAYER -> "";
            case ENCODER -> "layers.0.";
            case TRANSFORMER -> "encoder.layers.0.";
        };
    }

    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        TorchTransformerConfig c = (TorchTransformerConfig) config;
        if (c.module() != module) {
            throw new IllegalArgumentException("the config describes a " + c.module().architecture() + ", not a "
                    + name() + ": import with --arch " + c.module().architecture());
        }
        String first = firstLayer();
        INDArray linear1 = TorchModules.require(stateDict, first + "linear1.weight", 2, "[dim_feedforward, d_model]");
        TorchTransformerConfig.Builder b = c.toBuilder().dModel((int) linear1.size(1))
                .dimFeedforward((int) linear1.size(0));
        if (module == TorchModule.ENCODER) {
            b.numEncoderLayers(TorchModules.countLayers(stateDict, "layers.")).encoderNorm(
                    stateDict.containsKey("norm.weight"));
        } else if (module == TorchModule.TRANSFORMER) {
            b.numEncoderLayers(TorchModules.countLayers(stateDict, "encoder.layers."))
                    .numDecoderLayers(TorchModules.countLayers(stateDict, "decoder.layers."));
        }
        ZooModel model = TorchTransformer.create(b.build(), 0);
        return TorchModules.load(name(), model, stateDict);
    }
}
