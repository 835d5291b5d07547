package org.sdzoo.examples.cli;

import picocli.CommandLine.Option;

/** The training budget options shared by {@code train} and {@code fine-tune}; null = the example's default. */
final class TrainingOptions {

    @Option(names = "--epochs", description = "passes over the training data (default: the example's)")
    Integer epochs;

    @Option(names = "--lr", description = "learning rate (default: the example's)")
    Double learningRate;

    @Option(names = "--max-steps", description = "stop after this many updates (default: no limit)")
    Long maxSteps;

    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;
}
