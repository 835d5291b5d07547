package org.sdzoo.zoo.models.gcn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A GCN graph classifier ({@link GraphClassifier}): GCN layers, a ReLU, a readout per graph and a
 * linear layer to the classes; or, with {@code layerReadouts}, the GIN paper's prediction from every
 * layer (Xu et al. 2019, eq. 4.2): the input features and each layer's node states read out per
 * graph, each through its own linear layer and dropout, the scores summed.
 *
 * @param encoder       the GCN layers; its {@code numClasses} is the width of the node states read out
 * @param readout       how node states become one row per graph (sum, mean or max)
 * @param dropout       the drop probability before the linear classifier (with {@code layerReadouts}:
 *                      on each layer's scores, as the GIN code)
 * @param numClasses    C, the graph classes
 * @param layerReadouts score the graph from every layer (input included) rather than the last only;
 *                      needs dense input features; absent (null) is false
 * @param batchNorm     batch normalisation ({@code BatchNorm}, PyTorch's {@code BatchNorm1d} over
 *                      the batch's nodes) after every GCN layer's convolution, before its activation,
 *                      as the GIN paper's GCN baseline; absent (null) is false
 */
public record GcnGraphConfig(GcnConfig encoder, Readout readout, double dropout, int numClasses,
                             Boolean layerReadouts, Boolean batchNorm) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "gcn-graph";

    /** Validates every field. */
    public GcnGraphConfig {
        layerReadouts = Boolean.TRUE.equals(layerReadouts);    // absent in configs written before the field
        batchNorm = Boolean.TRUE.equals(batchNorm);            // likewise
        Require.present("encoder", encoder);
        Require.present("readout", readout);
        Require.inRange("dropout", dropout, 0, 1);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses is " + numClasses + " but a graph classifier needs at least 2"
                    + " classes: set it to the number of graph labels (MUTAG: 2)");
        }
        if (layerReadouts && encoder.sparseFeatures()) {
            throw new IllegalArgumentException("layerReadouts reads out the input features, which must be dense: set the"
                    + " encoder's sparseFeatures to false or layerReadouts to false");
        }
    }

    /** A classifier from the last layer only ({@code layerReadouts} false). */
    public GcnGraphConfig(GcnConfig encoder, Readout readout, double dropout, int numClasses) {
        this(encoder, readout, dropout, numClasses, false, false);
    }

    /** A classifier without batch normalisation. */
    public GcnGraphConfig(GcnConfig encoder, Readout readout, double dropout, int numClasses, Boolean layerReadouts) {
        this(encoder, readout, dropout, numClasses, layerReadouts, false);
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    @JsonIgnore
    public Precision precision() {
        return encoder.precision();
    }

    /** Reads a config written by {@link #toJson()}. */
    public static GcnGraphConfig fromJson(String json) {
        return ConfigJson.read(json, GcnGraphConfig.class);
    }
}
