package org.sdzoo.zoo.models.gcn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.List;
import org.sdzoo.zoo.blocks.graph.GcnNorm;
import org.sdzoo.zoo.blocks.graph.Normalization;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A graph convolutional network (Kipf and Welling 2017): graph convolutions of widths
 * {@code inputFeatures → hiddenSizes… → numClasses}, the activation and dropout between them.
 *
 * @param inputFeatures      F, the width of a node's features (required: no default)
 * @param numClasses         C, the number of classes, the width of the last layer (required)
 * @param hiddenSizes        the widths of the hidden layers, in order; empty gives one layer
 * @param dropout            the drop probability before every layer but the first (Kipf: 0.5)
 * @param inputDropout       whether dropout also hits the input features (Kipf's TensorFlow code and
 *                           PyG's example do; pygcn does not); sparse features drop their nonzeros
 * @param activation         the non-linearity after every layer but the last
 * @param bias               whether each layer adds a bias
 * @param normalization      how the adjacency is normalised ({@link Normalization})
 * @param selfLoops          whether {@code Â = A + I}
 * @param improved           whether {@code Â = A + 2I} (needs selfLoops)
 * @param propagation        dense {@code P} or edge list; same numbers, different costs
 * @param sparseFeatures     whether the model takes its features in CSR form and multiplies them
 *                           without densifying (Cora: 1.3% nonzero)
 * @param normalizeFeatures  whether the model row-normalises the features first (each row sums to 1,
 *                           empty rows stay 0), Kipf's preprocessing
 * @param precision          float32 or float64
 */
@JsonDeserialize(builder = GcnConfig.Builder.class)
public record GcnConfig(int inputFeatures, int numClasses, List<Integer> hiddenSizes, double dropout,
                        boolean inputDropout, Activation activation, boolean bias, Normalization normalization,
                        boolean selfLoops, boolean improved, PropagationForm propagation, boolean sparseFeatures,
                        boolean normalizeFeatures, Precision precision) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "gcn";

    /** Validates like the builder does, so no invalid instance exists. */
    public GcnConfig {
        if (inputFeatures == 0) {
            throw new IllegalArgumentException("inputFeatures is missing: set it to the width of a node's features"
                    + " (Cora: 1433)");
        }
        if (numClasses == 0) {
            throw new IllegalArgumentException("numClasses is missing: set it to the number of node classes (Cora: 7)");
        }
        Require.positive("inputFeatures", inputFeatures);
        Require.positive("numClasses", numClasses);
        Require.present("hiddenSizes", hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            Require.positive("hiddenSizes[" + i + "]", Require.present("hiddenSizes[" + i + "]", hiddenSizes.get(i)));
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        Require.inRange("dropout", dropout, 0, 1);
        Require.present("activation", activation);
        Require.present("normalization", normalization);
        Require.present("propagation", propagation);
        Require.present("precision", precision);
        if (improved && !selfLoops) {
            throw new IllegalArgumentException("improved (Â = A + 2I) needs selfLoops: set selfLoops to true or"
                    + " improved to false");
        }
    }

    @Override
    @JsonIgnore
    public String architecture() {
        return ARCHITECTURE;
    }

    /** @return the widths of every layer's output: hiddenSizes then numClasses */
    @JsonIgnore
    public List<Integer> layerSizes() {
        var sizes = new java.util.ArrayList<>(hiddenSizes);
        sizes.add(numClasses);
        return List.copyOf(sizes);
    }

    /** @return the self-loop and normalisation settings for {@link GcnNorm} */
    @JsonIgnore
    public GcnNorm.Settings normSettings() {
        return new GcnNorm.Settings(normalization, selfLoops, improved);
    }

    /**
     * @return a builder with Kipf's defaults (hidden [16], dropout 0.5 on inputs and hidden states,
     *         ReLU, bias, symmetric normalisation with self loops, edge-list propagation, dense
     *         row-normalised features, float32); inputFeatures and numClasses must be set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        return new Builder().inputFeatures(inputFeatures).numClasses(numClasses).hiddenSizes(hiddenSizes)
                .dropout(dropout).inputDropout(inputDropout).activation(activation).bias(bias)
                .normalization(normalization).selfLoops(selfLoops).improved(improved).propagation(propagation)
                .sparseFeatures(sparseFeatures).normalizeFeatures(normalizeFeatures).precision(precision);
    }

    /** Reads a config written by {@link #toJson()}; missing optional fields take the builder's defaults. */
    public static GcnConfig fromJson(String json) {
        return ConfigJson.read(json, GcnConfig.class);
    }

    /** Builder with Kipf's defaults; {@link #build()} validates every field. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private int inputFeatures;
        private int numClasses;
        private List<Integer> hiddenSizes = List.of(16);
        private double dropout = 0.5;
        private boolean inputDropout = true;
        private Activation activation = Activation.RELU;
        private boolean bias = true;
        private Normalization normalization = Normalization.SYMMETRIC;
        private boolean selfLoops = true;
        private boolean improved;
        private PropagationForm propagation = PropagationForm.EDGE_LIST;
        private boolean sparseFeatures;
        private boolean normalizeFeatures = true;
        private Precision precision = Precision.FLOAT32;

        public Builder inputFeatures(int v) {
            this.inputFeatures = v;
            return this;
        }

        public Builder numClasses(int v) {
            this.numClasses = v;
            return this;
        }

        public Builder hiddenSizes(List<Integer> v) {
            this.hiddenSizes = v;
            return this;
        }

        public Builder dropout(double v) {
            this.dropout = v;
            return this;
        }

        public Builder inputDropout(boolean v) {
            this.inputDropout = v;
            return this;
        }

        public Builder activation(Activation v) {
            this.activation = v;
            return this;
        }

        public Builder bias(boolean v) {
            this.bias = v;
            return this;
        }

        public Builder normalization(Normalization v) {
            this.normalization = v;
            return this;
        }

        public Builder selfLoops(boolean v) {
            this.selfLoops = v;
            return this;
        }

        public Builder improved(boolean v) {
            this.improved = v;
            return this;
        }

        public Builder propagation(PropagationForm v) {
            this.propagation = v;
            return this;
        }

        public Builder sparseFeatures(boolean v) {
            this.sparseFeatures = v;
            return this;
        }

        public Builder normalizeFeatures(boolean v) {
            this.normalizeFeatures = v;
            return this;
        }

        public Builder precision(Precision v) {
            this.precision = v;
            return this;
        }

        public GcnConfig build() {
            return new GcnConfig(inputFeatures, numClasses, hiddenSizes, dropout, inputDropout, activation, bias,
                    normalization, selfLoops, improved, propagation, sparseFeatures, normalizeFeatures, precision);
        }
    }
}
