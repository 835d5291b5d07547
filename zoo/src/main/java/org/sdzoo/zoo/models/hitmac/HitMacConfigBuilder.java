package org.sdzoo.zoo.models.hitmac;

import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * The fields every HiT-MAC config shares, with the published models' values as defaults (4
 * features per target, dAtt 128, unscaled as the authors' code, seed 0, float32). Each config's
 * builder extends this and adds its own fields; Jackson reads JSON through the inherited setters.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class HitMacConfigBuilder<B extends HitMacConfigBuilder<B>> {
    int inFeatures = 4;
    int dAtt = 128;
    boolean scaled = false;
    long seed = 0;
    Precision precision = Precision.FLOAT32;

    HitMacConfigBuilder() {
    }

    abstract B self();

    /** @param v F, the features per target (4 in HiT-MAC: camera index, target index, angle, distance) */
    public B inFeatures(int v) {
        this.inFeatures = v;
        return self();
    }

    /** @param v D, the attention width ({@code lstm_out} in the authors' arguments) */
    public B dAtt(int v) {
        this.dAtt = v;
        return self();
    }

    /** @param v whether the scores are scaled by 1/√D; false is the authors' code (see {@code HitMacAttention}) */
    public B scaled(boolean v) {
        this.scaled = v;
        return self();
    }

    /** @param v seeds the initial parameters */
    public B seed(long v) {
        this.seed = v;
        return self();
    }

    /** @param v float32 or float64 */
    public B precision(Precision v) {
        this.precision = v;
        return self();
    }

    /** Copies the shared fields of an existing config. */
    B shared(int inFeatures, int dAtt, boolean scaled, long seed, Precision precision) {
        return inFeatures(inFeatures).dAtt(dAtt).scaled(scaled).seed(seed).precision(precision);
    }

    /** Validates the shared fields, for the configs' compact constructors. */
    static void requireShared(int inFeatures, int dAtt, Precision precision) {
        Require.positive("inFeatures", inFeatures);
        Require.positive("dAtt", dAtt);
        Require.present("precision", precision);
    }
}
