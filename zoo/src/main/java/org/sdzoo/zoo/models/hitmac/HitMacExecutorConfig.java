package org.sdzoo.zoo.models.hitmac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * The HiT-MAC executor ({@code A3C_Single}, model "single-att" of {@code model.py}): the attention layer on one camera's per-target features, its global feature into a policy over rotations and a value.
 *
 * @param inFeatures F, the features per target (4 in HiT-MAC: camera index, target index, angle, distance)
 * @param dAtt D, the attention width ({@code lstm_out} in the authors' arguments)
 * @param numActions the discrete rotations (3 in HiT-MAC: 0, +5°, −5°)
 * @param scaled whether the scores are scaled by 1/√D; false is the authors' code (see {@code HitMacAttention})
 * @param seed seeds the initial parameters
 * @param precision float32 or float64
 * @param targetMask whether the model takes the optional target mask {@code obsMask} (padded targets);
 *                   false, the default and the original's fixed number of targets, builds the graph
 *                   without the mask's ops (configs written before the field read as false: the same
 *                   outputs for observations without a mask)
 */
@JsonDeserialize(builder = HitMacExecutorConfig.Builder.class)
public record HitMacExecutorConfig(int inFeatures, int dAtt, int numActions, boolean scaled, long seed, Precision precision,
                                   boolean targetMask) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "hitmac-executor";

    /** Validates like the builder does, so no invalid instance exists. */
    public HitMacExecutorConfig {
        Require.positive("numActions", numActions);
        HitMacConfigBuilder.requireShared(inFeatures, dAtt, precision);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return a builder with the published executor's sizes: 4 features, dAtt 128, 3 actions, unscaled, float32 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().shared(inFeatures, dAtt, scaled, seed, precision).numActions(numActions).targetMask(targetMask);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static HitMacExecutorConfig fromJson(String json) {
        return ConfigJson.read(json, HitMacExecutorConfig.class);
    }

    /** Builder with defaults (shared ones in {@link HitMacConfigBuilder}); {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder extends HitMacConfigBuilder<Builder> {
        private int numActions = 3;
        private boolean targetMask = false;

        public Builder numActions(int v) {
            this.numActions = v;
            return this;
        }

        /** @param v whether the model takes the optional target mask {@code obsMask} (default false) */
        public Builder targetMask(boolean v) {
            this.targetMask = v;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public HitMacExecutorConfig build() {
            return new HitMacExecutorConfig(inFeatures, dAtt, numActions, scaled, seed, precision, targetMask);
        }
    }
}
