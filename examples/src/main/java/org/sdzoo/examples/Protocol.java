package org.sdzoo.examples;

import org.sdzoo.zoo.config.Require;

/**
 * A published experiment {@code sdzoo reproduce} repeats: {@code runs} trainings with seeds
 * {@code seed, seed + 1, ...}, each measured by the result-table row {@code metric}, summarised as
 * mean ± standard deviation beside the published figure.
 *
 * @param runs      how many seeds the publication averages over
 * @param metric    the name of the result-table row to collect
 * @param published the published figure
 * @param source    where the figure comes from, e.g. "d2l's code in PyTorch 1.13, torch seed 0"
 */
public record Protocol(int runs, String metric, double published, String source) {

    /** Validates the fields. */
    public Protocol {
        Require.positive("runs", runs);
        Require.present("metric", metric);
        Require.present("source", source);
    }
}
