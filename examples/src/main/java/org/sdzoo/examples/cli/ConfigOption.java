package org.sdzoo.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE.json}: model-config overrides, for the commands that build a new model
 * ({@code train}, {@code reproduce}); {@code fine-tune} keeps the saved model's config and so
 * does not offer it.
 */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "A JSON object of model-config fields to change, e.g. {\"bandwidth\": 0.5}.")
    Path file;
}
