package org.sdzoo.zoo.models.gcn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a link predictor scores a node pair from the two nodes' embeddings. */
public enum LinkDecoder {
    /** {@code z_u · z_v} (GAE, PyG's {@code InnerProductDecoder}): no parameters. */
    DOT("dot"),
    /** {@code Linear(ReLU(Linear(z_u ⊙ z_v)))} (PyG's OGB link-prediction {@code LinkPredictor}). */
    MLP("mlp");

    private final String jsonName;

    LinkDecoder(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in JSON, {@code dot} or {@code mlp} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses {@code dot}/{@code mlp} (any case); names the accepted values otherwise. */
    @JsonCreator
    public static LinkDecoder parse(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("decoder '" + name + "' is not known: use dot or mlp"));
    }
}
