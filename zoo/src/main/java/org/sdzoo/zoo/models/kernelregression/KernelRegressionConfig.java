package org.sdzoo.zoo.models.kernelregression;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import org.sdzoo.zoo.blocks.Kernel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * Nadaraya–Watson kernel regression (d2l, "Attention Pooling").
 *
 * @param estimator    average pooling, a fixed kernel, or the Gaussian kernel with learnable {@code w}
 * @param kernel       the fixed kernel of the {@link Estimator#NONPARAMETRIC} estimator;
 *                     {@link Estimator#PARAMETRIC} requires {@link Kernel#GAUSSIAN}
 * @param numFeatures  F, the width of one query/key vector (1 for d2l's 1-D example)
 * @param bandwidth    h of the non-parametric kernel: the kernel sees {@code ‖q - k‖ / h}
 * @param initialW     the starting value of every element of the parametric {@code w}
 * @param precision    float32 or float64
 */
@JsonDeserialize(builder = KernelRegressionConfig.Builder.class)
public record KernelRegressionConfig(Estimator estimator, Kernel kernel, int numFeatures, double bandwidth,
                                     double initialW, Precision precision) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "kernel-regression";

    /** Validates like the builder does, so no invalid instance exists. */
    public KernelRegressionConfig {
        Require.present("estimator", estimator);
        Require.present("kernel", kernel);
        Require.present("precision", precision);
        Require.positive("numFeatures", numFeatures);
        Require.positive("bandwidth", bandwidth);
        Require.finite("initialW", initialW);
        if (estimator == Estimator.PARAMETRIC && kernel != Kernel.GAUSSIAN) {
            throw new IllegalArgumentException("kernel " + kernel + " cannot be used with the PARAMETRIC estimator,"
                    + " whose learnable form is Gaussian: set kernel to GAUSSIAN or estimator to NONPARAMETRIC");
        }
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return true when the model has a trainable parameter */
    @JsonIgnore
    public boolean trainable() {
        return estimator == Estimator.PARAMETRIC;
    }

    /** @return a builder with d2l's defaults: parametric Gaussian, 1 feature, w = 1, float32 */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().estimator(estimator).kernel(kernel).numFeatures(numFeatures).bandwidth(bandwidth)
                .initialW(initialW).precision(precision);
    }

    /** Reads a config written by {@link #toJson()}; missing fields take the builder's defaults. */
    public static KernelRegressionConfig fromJson(String json) {
        return ConfigJson.read(json, KernelRegressionConfig.class);
    }

    /** Builder with defaults; {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private Estimator estimator = Estimator.PARAMETRIC;
        private Kernel kernel = Kernel.GAUSSIAN;
        private int numFeatures = 1;
        private double bandwidth = 1.0;
        private double initialW = 1.0;
        private Precision precision = Precision.FLOAT32;

        public Builder estimator(Estimator v) {
            this.estimator = v;
            return this;
        }

        public Builder kernel(Kernel v) {
            this.kernel = v;
            return this;
        }

        public Builder numFeatures(int v) {
            this.numFeatures = v;
            return this;
        }

        public Builder bandwidth(double v) {
            this.bandwidth = v;
            return this;
        }

        public Builder initialW(double v) {
            this.initialW = v;
            return this;
        }

        public Builder precision(Precision v) {
            this.precision = v;
            return this;
        }

        public KernelRegressionConfig build() {
            return new KernelRegressionConfig(estimator, kernel, numFeatures, bandwidth, initialW, precision);
        }
    }
}
