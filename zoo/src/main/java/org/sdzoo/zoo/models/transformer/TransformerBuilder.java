package org.sdzoo.zoo.models.transformer;

import org.sdzoo.zoo.config.Precision;

/**
 * The settings every Transformer config of the zoo shares (sizes, dropout, activation, norm
 * placement, positions, padding, seed, precision) and their builder methods, so each config's
 * builder adds only its own fields.
 *
 * @param <B> the concrete builder, returned by every method for chaining
 */
abstract class TransformerBuilder<B extends TransformerBuilder<B>> {
    int dModel;
    int numHeads;
    int dimFeedforward;
    double dropout = 0.1;
    String activation = "relu";
    boolean normFirst;
    double layerNormEps = 1e-5;
    int maxLen = 512;
    PositionalKind positional = PositionalKind.SINUSOIDAL;
    int padId;
    long seed = 42;
    Precision precision = Precision.FLOAT32;

    /** Starts from these sizes, dropout 0.1, ReLU, post-LN, eps 1e-5, sinusoidal positions up to 512, pad 0, seed 42, float32. */
    TransformerBuilder(int dModel, int numHeads, int dimFeedforward) {
        this.dModel = dModel;
        this.numHeads = numHeads;
        this.dimFeedforward = dimFeedforward;
    }

    /** @return this builder as its own type */
    abstract B self();

    public B dModel(int v) {
        dModel = v;
        return self();
    }

    public B numHeads(int v) {
        numHeads = v;
        return self();
    }

    public B dimFeedforward(int v) {
        dimFeedforward = v;
        return self();
    }

    public B dropout(double v) {
        dropout = v;
        return self();
    }

    public B activation(String v) {
        activation = v;
        return self();
    }

    public B normFirst(boolean v) {
        normFirst = v;
        return self();
    }

    public B layerNormEps(double v) {
        layerNormEps = v;
        return self();
    }

    public B maxLen(int v) {
        maxLen = v;
        return self();
    }

    public B positional(PositionalKind v) {
        positional = v;
        return self();
    }

    public B padId(int v) {
        padId = v;
        return self();
    }

    public B seed(long v) {
        seed = v;
        return self();
    }

    public B precision(Precision v) {
        precision = v;
        return self();
    }
}
