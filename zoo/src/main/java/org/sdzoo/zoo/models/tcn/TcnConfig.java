package org.sdzoo.zoo.models.tcn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import org.sdzoo.zoo.blocks.conv.TemporalConvNet;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A temporal convolutional network (Bai, Kolter, Koltun 2018; locuslab/TCN) with an optional head.
 *
 * @param inputChannels C_in, the channels of the input {@code [B, C_in, T]} (required)
 * @param channels      C_out of each level, e.g. 8 levels of 30 (required, at least one)
 * @param kernelSize    K of every convolution (locuslab's default 2)
 * @param dropout       drop probability after each convolution, PyTorch's {@code p}
 * @param dilationBase  level i has dilation {@code dilationBase^i} (2 in the paper)
 * @param weightNorm    weight-normalise the two convolutions of each block, as locuslab
 * @param head          what is computed from the features
 * @param outputs       O, the head's width (0 without head)
 * @param horizon       H, the steps a {@link TcnHead#FORECAST} head predicts (1 otherwise)
 * @param seed          seeds the initial parameters
 * @param precision     float32 or float64
 */
@JsonDeserialize(builder = TcnConfig.Builder.class)
public record TcnConfig(int inputChannels, List<Integer> channels, int kernelSize, double dropout, int dilationBase,
                        boolean weightNorm, TcnHead head, int outputs, int horizon, long seed, Precision precision)
        implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "tcn";

    /** Validates like the builder does, so no invalid instance exists. */
    public TcnConfig {
        Require.positive("inputChannels", inputChannels);
        Require.present("channels", channels);
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels is empty: give the width of each level, e.g. [30, 30, 30]");
        }
        for (int i = 0; i < channels.size(); i++) {
            Require.positive("channels[" + i + "]", channels.get(i));
        }
        Require.positive("kernelSize", kernelSize);
        Require.inRange("dropout", dropout, 0, 1);
        Require.positive("dilationBase", dilationBase);
        Require.present("head", head);
        Require.present("precision", precision);
        if (head == TcnHead.NONE && outputs != 0) {
            throw new IllegalArgumentException("outputs (" + outputs + ") needs a head: set head to last-step, per-step"
                    + " or forecast, or outputs to 0");
        }
        if (head != TcnHead.NONE) {
            Require.positive("outputs", outputs);
        }
        Require.positive("horizon", horizon);
        if (head != TcnHead.FORECAST && horizon != 1) {
            throw new IllegalArgumentException("horizon (" + horizon + ") is only used by the forecast head: set head"
                    + " to forecast or horizon to 1");
        }
        TemporalConvNet.receptiveField(kernelSize, dilationBase, channels.size());   // dilations fit an int
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /**
     * @return how many input steps one output step depends on: {@code 1 + 2·(K-1)·Σ base^i}, two
     *         causal convolutions per level
     */
    @JsonIgnore
    public long receptiveField() {
        return TemporalConvNet.receptiveField(kernelSize, dilationBase, channels.size());
    }

    /** @return C_last, the width of the network's features */
    @JsonIgnore
    public int featureChannels() {
        return channels.get(channels.size() - 1);
    }

    @Override
    @JsonIgnore
    public List<String> summaryNotes() {
        return List.of("Receptive field: " + receptiveField() + " steps (kernel " + kernelSize + ", " + channels.size()
                + " levels, dilation base " + dilationBase + ")");
    }

    /** @return a builder with locuslab's defaults; inputChannels and channels must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().inputChannels(inputChannels).channels(channels).kernelSize(kernelSize).dropout(dropout)
                .dilationBase(dilationBase).weightNorm(weightNorm).head(head).outputs(outputs).horizon(horizon)
                .seed(seed).precision(precision);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static TcnConfig fromJson(String json) {
        return ConfigJson.read(json, TcnConfig.class);
    }

    /**
     * Builder with locuslab's {@code TemporalConvNet} defaults (kernel 2, dropout 0.2, base 2,
     * weight norm), no head, seed 1111 (locuslab's scripts), float32. {@link #build()} validates.
     */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private Integer inputChannels;
        private List<Integer> channels;
        private int kernelSize = 2;
        private double dropout = 0.2;
        private int dilationBase = 2;
        private boolean weightNorm = true;
        private TcnHead head = TcnHead.NONE;
        private int outputs = 0;
        private int horizon = 1;
        private long seed = 1111;
        private Precision precision = Precision.FLOAT32;

        public Builder inputChannels(int v) {
            this.inputChannels = v;
            return this;
        }

        public Builder channels(List<Integer> v) {
            this.channels = v;
            return this;
        }

        /** {@code levels} levels of {@code width} channels each, e.g. 8 levels of 25. */
        public Builder levels(int levels, int width) {
            Require.positive("levels", levels);
            this.channels = java.util.Collections.nCopies(levels, width);
            return this;
        }

        public Builder kernelSize(int v) {
            this.kernelSize = v;
            return this;
        }

        public Builder dropout(double v) {
            this.dropout = v;
            return this;
        }

        public Builder dilationBase(int v) {
            this.dilationBase = v;
            return this;
        }

        public Builder weightNorm(boolean v) {
            this.weightNorm = v;
            return this;
        }

        public Builder head(TcnHead v) {
            this.head = v;
            return this;
        }

        public Builder outputs(int v) {
            this.outputs = v;
            return this;
        }

        public Builder horizon(int v) {
            this.horizon = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder precision(Precision v) {
            this.precision = v;
            return this;
        }

        public TcnConfig build() {
            Require.present("inputChannels", inputChannels);
            Require.present("channels", channels);
            return new TcnConfig(inputChannels, channels, kernelSize, dropout, dilationBase, weightNorm, head, outputs,
                    horizon, seed, precision);
        }
    }
}
