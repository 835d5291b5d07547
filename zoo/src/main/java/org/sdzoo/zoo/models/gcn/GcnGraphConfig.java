package org.sdzoo.zoo.models.gcn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A GCN graph classifier ({@link GraphClassifier}): GCN layers, a ReLU, a readout per graph and a
 * linear layer to the classes.
 *
 * @param encoder    the GCN layers; its {@code numClasses} is the width of the node states read out
 * @param readout    how node states become one row per graph (sum, mean or max)
 * @param dropout    the drop probability before the linear classifier
 * @param numClasses C, the graph classes
 */
public record GcnGraphConfig(GcnConfig encoder, Readout readout, double dropout, int numClasses)
        implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "gcn-graph";

    /** Validates every field. */
    public GcnGraphConfig {
        Require.present("encoder", encoder);
        Require.present("readout", readout);
        Require.inRange("dropout", dropout, 0, 1);
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses is " + numClasses + " but a graph classifier needs at least 2"
                    + " classes: set it to the number of graph labels (MUTAG: 2)");
        }
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
