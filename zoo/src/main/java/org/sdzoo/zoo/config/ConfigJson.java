package org.sdzoo.zoo.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The one JSON mapper of sdzoo, and the translation of Jackson's failures into one sentence that
 * names the field and the fix.
 */
public final class ConfigJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigJson() {
    }

    /** @return the shared mapper (configured once; do not reconfigure) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes any config, record or map as pretty JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads JSON into {@code type}, whose builder validates. Unknown fields, wrong types and
     * invalid values become an {@link IllegalArgumentException} naming the field.
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "' in "
                    + type.getSimpleName() + " JSON: the known fields are " + known, e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(iae.getMessage(), e);
            }
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage(), e);
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException("field '" + fieldPath(e) + "' in " + type.getSimpleName()
                    + " JSON has the value " + e.getValue() + ", which is not a valid " + e.getTargetType().getSimpleName(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + " JSON: " + message(e) + firstLocation(e), e);
        }
    }

    /**
     * Applies the fields of {@code overridesJson} on top of {@code base} and validates the result,
     * as {@code --config file.json} does on the command line.
     */
    @SuppressWarnings("unchecked")
    public static <T> T override(T base, String overridesJson) {
        try {
            ObjectNode merged = (ObjectNode) MAPPER.readTree(write(base));
            JsonNode overrides = MAPPER.readTree(overridesJson);
            if (overrides == null || !overrides.isObject()) {
                // The suggestion is one of the base's own fields at its current value, so it is accepted.
                var fields = merged.fields();
                var first = fields.hasNext() ? fields.next() : null;
                throw new IllegalArgumentException("the override JSON must be an object of fields to change, such as "
                        + (first == null ? "{}" : "{\"" + first.getKey() + "\": " + first.getValue() + "}"));
            }
            merged.setAll((ObjectNode) overrides);
            return read(MAPPER.writeValueAsString(merged), (Class<T>) base.getClass());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid override JSON: " + message(e) + firstLocation(e), e);
        }
    }

    /**
     * {@link #override} with the fields of a JSON file, as {@code --config file.json} does; errors
     * name the file.
     *
     * @throws IOException when the file cannot be read
     */
    public static <T> T override(T base, Path overridesFile) throws IOException {
        String json = Files.readString(overridesFile);
        try {
            return override(base, json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(overridesFile + ": " + e.getMessage(), e);
        }
    }

    private static String fieldPath(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            return m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "?";
    }

    /** Jackson's message without its "(start marker at [Source: …])" aside; the location follows separately. */
    private static String message(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", "");
    }

    private static String firstLocation(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
