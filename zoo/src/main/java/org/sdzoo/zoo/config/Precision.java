package org.sdzoo.zoo.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point type a model's parameters and activations use. */
public enum Precision {
    FLOAT32("float32", DataType.FLOAT),
    FLOAT64("float64", DataType.DOUBLE);

    private final String jsonName;
    private final DataType dataType;

    Precision(String jsonName, DataType dataType) {
        this.jsonName = jsonName;
        this.dataType = dataType;
    }

    /** @return ND4J's data type for this precision */
    public DataType dataType() {
        return dataType;
    }

    /** @return the name used in JSON and on the command line, {@code float32} or {@code float64} */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses {@code float32}/{@code float64} (any case); names the accepted values otherwise. */
    @JsonCreator
    public static Precision parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.jsonName.equals(n) || p.name().toLowerCase(Locale.ROOT).equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + name + "' is not supported: use one of "
                + Arrays.stream(values()).map(Precision::jsonName).toList());
    }
}
