package org.sdzoo.zoo.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * An immutable, validated description of one architecture's hyper-parameters. Every config is a
 * {@code record} with a builder that validates each field, and round-trips exactly through JSON.
 */
public interface ModelConfig {

    /** @return the architecture's registered name, e.g. {@code kernel-regression} */
    String architecture();

    /** @return the numeric precision the model's graph is built in */
    Precision precision();

    /**
     * @return lines {@code summary()} prints below the parameter table, e.g. a TCN's receptive
     *         field; none by default
     */
    @JsonIgnore
    default List<String> summaryNotes() {
        return List.of();
    }

    /** @return this config as pretty-printed JSON; {@code fromJson} of the same class reads it back */
    default String toJson() {
        return ConfigJson.write(this);
    }
}
