package org.sdzoo.zoo.models.hitmac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;

/**
 * The HiT-MAC attention layer alone ({@code AttentionLayer} of {@code perception.py}), see {@code blocks.attention.HitMacAttention}.
 *
 * @param inFeatures F, the features per target (4 in HiT-MAC: camera index, target index, angle, distance)
 * @param dAtt D, the attention width ({@code lstm_out} in the authors' arguments)
 * @param scaled whether the scores are scaled by 1/√D; false is the authors' code (see {@code HitMacAttention})
 * @param seed seeds the initial parameters
 * @param precision float32 or float64
 * @param targetMask whether the model takes the optional target mask {@code xMask} (padded targets);
 *                   false, the default, builds the graph without the mask's ops (configs written
 *                   before the field read as false: the same outputs for inputs without a mask)
 */
@JsonDeserialize(builder = HitMacAttentionConfig.Builder.class)
public record HitMacAttentionConfig(int inFeatures, int dAtt, boolean scaled, long seed, Precision precision,
                                    boolean targetMask) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "hitmac-attention";

    /** Validates like the builder does, so no invalid instance exists. */
    public HitMacAttentionConfig {
        HitMacConfigBuilder.requireShared(inFeatures, dAtt, precision);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return a builder with the published models' sizes: 4 features, dAtt 128, unscaled, float32 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().shared(inFeatures, dAtt, scaled, seed, precision).targetMask(targetMask);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static HitMacAttentionConfig fromJson(String json) {
        return ConfigJson.read(json, HitMacAttentionConfig.class);
    }

    /** Builder with defaults (shared ones in {@link HitMacConfigBuilder}); {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder extends HitMacConfigBuilder<Builder> {
        private boolean targetMask = false;

        /** @param v whether the model takes the optional target mask {@code xMask} (default false) */
        public Builder targetMask(boolean v) {
            this.targetMask = v;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public HitMacAttentionConfig build() {
            return new HitMacAttentionConfig(inFeatures, dAtt, scaled, seed, precision, targetMask);
        }
    }
}
