package org.sdzoo.zoo.models.hitmac;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * The HiT-MAC coordinator ({@code A3C_Multi}, model "multi-att-shap" of {@code model.py}): an MLP on every camera-target pair, attention over all pairs, a keep/drop policy per pair and the Shapley-style marginal-contribution critic.
 *
 * @param numCameras the cameras (agents)
 * @param numTargets the targets
 * @param inFeatures F, the features per target (4 in HiT-MAC: camera index, target index, angle, distance)
 * @param dAtt D, the attention width ({@code lstm_out} in the authors' arguments)
 * @param scaled whether the scores are scaled by 1/√D; false is the authors' code (see {@code HitMacAttention})
 * @param seed seeds the initial parameters
 * @param precision float32 or float64
 */
@JsonDeserialize(builder = HitMacCoordinatorConfig.Builder.class)
public record HitMacCoordinatorConfig(int numCameras, int numTargets, int inFeatures, int dAtt, boolean scaled, long seed, Precision precision) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "hitmac-coordinator";

    /** Validates like the builder does, so no invalid instance exists. */
    public HitMacCoordinatorConfig {
        Require.positive("numCameras", numCameras);
        Require.positive("numTargets", numTargets);
        HitMacConfigBuilder.requireShared(inFeatures, dAtt, precision);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return a builder with the published coordinator's sizes: 4 cameras, 5 targets, 4 features, dAtt 128, unscaled, float32 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().shared(inFeatures, dAtt, scaled, seed, precision).numCameras(numCameras).numTargets(numTargets);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static HitMacCoordinatorConfig fromJson(String json) {
        return ConfigJson.read(json, HitMacCoordinatorConfig.class);
    }

    /** Builder with defaults (shared ones in {@link HitMacConfigBuilder}); {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder extends HitMacConfigBuilder<Builder> {
        private int numCameras = 4;
        private int numTargets = 5;

        public Builder numCameras(int v) {
            this.numCameras = v;
            return this;
        }

        public Builder numTargets(int v) {
            this.numTargets = v;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        public HitMacCoordinatorConfig build() {
            return new HitMacCoordinatorConfig(numCameras, numTargets, inFeatures, dAtt, scaled, seed, precision);
        }
    }
}
