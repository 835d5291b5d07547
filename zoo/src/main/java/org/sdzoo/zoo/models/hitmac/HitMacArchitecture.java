package org.sdzoo.zoo.models.hitmac;

import java.util.Map;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.WeightMapping;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * What the three HiT-MAC architectures share: every parameter is named as in the authors'
 * {@code state_dict} ({@code blocks.nn.Scope}), so a state_dict loads name for name and is
 * checked all at once by {@link WeightMapping}. The subclasses are listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 *
 * @param <C> the config type
 */
public abstract class HitMacArchitecture<C extends ModelConfig> implements Architecture {

    private final String name;
    private final String description;
    private final C defaults;
    private final Function<String, C> fromJson;
    private final Function<C, ZooModel> build;

    HitMacArchitecture(String name, String description, C defaults, Function<String, C> fromJson,
                       Function<C, ZooModel> build) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.fromJson = fromJson;
        this.build = build;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ModelConfig defaultConfig() {
        return defaults;
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return fromJson.apply(json);
    }

    /** @return a fresh model of {@code config} */
    @SuppressWarnings("unchecked")
    public ZooModel create(ModelConfig config) {
        if (!name.equals(config.architecture())) {
            throw new IllegalArgumentException("a " + config.architecture() + " config cannot build a " + name
                    + " model: give a " + name + " config");
        }
        return build.apply((C) config);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = create(config);
        model.copyParametersFrom(saved, "the saved " + name + " graph");
        return model;
    }

    /** Loads the authors' state_dict; {@code extra} must be empty (the networks keep no data). */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no arrays besides its state_dict, got " + extra.keySet()
                    + ": drop them");
        }
        ZooModel model = create(config);
        WeightMapping.builder(name).copyAll(model.parameterNames()).build().apply(model.sameDiff(), stateDict);
        return model;
    }

    /** {@code hitmac-attention}: the layer alone. */
    public static final class Layer extends HitMacArchitecture<HitMacAttentionConfig> {
        public Layer() {
            super(HitMacAttentionConfig.ARCHITECTURE, "HiT-MAC attention layer (tanh Q, K, V; z and a global feature"
                    + " over targets)", HitMacAttentionConfig.builder().build(), HitMacAttentionConfig::fromJson,
                    HitMacNetworks::attention);
        }

        /** The published sizes, with F and dAtt from {@code Q.weight [dAtt, F]} when the state_dict has it. */
        @Override
        public ModelConfig importDefaults(Map<String, INDArray> stateDict) {
            INDArray q = stateDict.get("Q.weight");
            if (q == null || q.rank() != 2) {
                return defaultConfig(); // importTorch names what is missing
            }
            return ((HitMacAttentionConfig) defaultConfig()).toBuilder().inFeatures((int) q.size(1))
                    .dAtt((int) q.size(0)).build();
        }
    }

    /** {@code hitmac-executor}: the published "single-att" executor. */
    public static final class Executor extends HitMacArchitecture<HitMacExecutorConfig> {
        public Executor() {
            super(HitMacExecutorConfig.ARCHITECTURE, "HiT-MAC executor: attention over one camera's targets, a"
                    + " policy over rotations and a value", HitMacExecutorConfig.builder().build(),
                    HitMacExecutorConfig::fromJson, HitMacNetworks::executor);
        }
    }

    /** {@code hitmac-coordinator}: the published "multi-att-shap" coordinator. */
    public static final class Coordinator extends HitMacArchitecture<HitMacCoordinatorConfig> {
        public Coordinator() {
            super(HitMacCoordinatorConfig.ARCHITECTURE, "HiT-MAC coordinator: attention over camera-target pairs,"
                    + " keep/drop per pair and a Shapley-style critic", HitMacCoordinatorConfig.builder().build(),
                    HitMacCoordinatorConfig::fromJson, HitMacNetworks::coordinator);
        }
    }
}
