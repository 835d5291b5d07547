package org.sdzoo.zoo.models.transformer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How a sequence model adds positions to its token embeddings. */
public enum PositionalKind {
    /** The constant sine/cosine table of "Attention is all you need" and the Annotated Transformer. */
    SINUSOIDAL("sinusoidal"),
    /** A trainable {@code [maxLen, D]} table (BERT, GPT). */
    LEARNED("learned");

    private final String jsonName;

    PositionalKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in JSON, {@code sinusoidal} or {@code learned} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses {@code sinusoidal}/{@code learned} (any case); names the accepted values otherwise. */
    @JsonCreator
    public static PositionalKind parse(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("positional '" + name
                        + "' is not known: use sinusoidal or learned"));
    }
}
