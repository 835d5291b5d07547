package org.sdzoo.zoo.models.tcn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** What a TCN computes from the network's features {@code [B, C_last, T]}. */
public enum TcnHead {
    /** No head: the output is the features {@code [B, C_last, T]}. */
    NONE("none"),
    /**
     * A linear layer on the last step, {@code [B, O]}: locuslab's adding problem (O = 1,
     * regression) and sequential MNIST (O = 10 logits).
     */
    LAST_STEP("last-step"),
    /**
     * A linear layer on every step, {@code [B, T, O]}: copy memory (O = 10 logits per step),
     * polyphonic music (O = 88), sequence labelling with label masks.
     */
    PER_STEP("per-step"),
    /** A linear layer on the last step to {@code horizon × O} values, {@code [B, H, O]}: multi-step forecasting. */
    FORECAST("forecast");

    private final String jsonName;

    TcnHead(String jsonName) {
        this.jsonName = jsonName;
    }

    /** @return the name in JSON and on the command line, e.g. {@code last-step} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses {@code none}, {@code last-step}, {@code per-step}, {@code forecast} (any case, '_' for '-'). */
    @JsonCreator
    public static TcnHead parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (TcnHead h : values()) {
            if (h.jsonName.equals(n)) {
                return h;
            }
        }
        throw new IllegalArgumentException("TCN head '" + name + "' is not known: use one of "
                + Arrays.stream(values()).map(TcnHead::jsonName).toList());
    }
}
