package org.sdzoo.zoo.models.gcn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.config.Require;

/**
 * A GCN link predictor ({@link LinkPredictor}): a GCN encoder whose last layer is the node
 * embedding (no activation), and a decoder that scores node pairs.
 *
 * @param encoder       the GCN layers; its {@code numClasses} is the embedding width D
 * @param decoder       dot product or MLP
 * @param decoderHidden the MLP decoder's hidden width; absent (null) is D; unused by the dot product
 */
public record GcnLinkConfig(GcnConfig encoder, LinkDecoder decoder, Integer decoderHidden) implements ModelConfig {

    /** The name this architecture is registered and archived under. */
    public static final String ARCHITECTURE = "gcn-link";

    /** Validates every field. */
    public GcnLinkConfig {
        Require.present("encoder", encoder);
        Require.present("decoder", decoder);
        decoderHidden = decoderHidden == null ? encoder.numClasses() : decoderHidden;
        Require.positive("decoderHidden", decoderHidden);
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

    @Override
    @JsonIgnore
    public List<String> summaryNotes() {
        return List.of(decoder == LinkDecoder.DOT ? "pairs scored by the dot product of their embeddings"
                : "pairs scored by an MLP of width " + decoderHidden + " on the product of their embeddings");
    }

    /** Reads a config written by {@link #toJson()}. */
    public static GcnLinkConfig fromJson(String json) {
        return ConfigJson.read(json, GcnLinkConfig.class);
    }
}
