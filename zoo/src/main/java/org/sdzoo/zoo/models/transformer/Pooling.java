package org.sdzoo.zoo.models.transformer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How an encoder-only classifier turns its {@code [B, L, D]} output into one vector per sequence. */
public enum Pooling {
    /** The mean over the positions that are not padding (Sentence-BERT, ViT's GAP variant). */
    MEAN("mean"),
    /** The first position, a {@code [CLS]} token the data puts there (BERT, ViT). */
    FIRST("first");

    private final String jsonName;

    Pooling(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name used in JSON, {@code mean} or {@code first} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses {@code mean}/{@code first} (any case); names the accepted values otherwise. */
    @JsonCreator
    public static Pooling parse(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pooling '" + name + "' is not known: use mean or first"));
    }
}
