package org.sdzoo.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacPretrained;

/**
 * {@code --model pretrained:NAME}: a published model loaded by name where a command takes a model
 * archive (the HiT-MAC authors' {@code hitmac-executor} and {@code hitmac-coordinator}, found as
 * {@link HitMacPretrained} says: in {@code $SDZOO_PRETRAINED_DIR/hitmac}, {@code pretrained/hitmac}
 * beside {@code $SDZOO_DATA_DIR}, or {@code ~/.sdzoo/pretrained/hitmac}).
 */
final class PretrainedModels {

    /** The prefix that names a published model instead of a file. */
    static final String PREFIX = "pretrained:";

    private PretrainedModels() {
    }

    /** @return the name after {@value #PREFIX}, when {@code spec} has it */
    static Optional<String> name(String spec) {
        return spec.startsWith(PREFIX) ? Optional.of(spec.substring(PREFIX.length())) : Optional.empty();
    }

    /**
     * @throws IllegalArgumentException for an unknown name (listing the known ones), or when its
     *                                  weights are not found (saying where they were looked for)
     */
    static ZooModel load(String name) throws IOException {
        // beside a data directory set in the environment, as reproduce --data-dir looks
        Path dataDir = System.getenv(DataDirectory.ENV_VAR) == null ? null : DataDirectory.resolve(null);
        return HitMacPretrained.load(name, dataDir);
    }

    /** @return the model card of a published model */
    static String card(String name) {
        return HitMacPretrained.card(name).text();
    }

    /** @return what {@code --model} accepts besides a file, for errors */
    static String help() {
        return "or " + PREFIX + "NAME for a published model (" + String.join(", ", HitMacPretrained.names()) + ")";
    }
}
