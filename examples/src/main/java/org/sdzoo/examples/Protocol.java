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
 * @param curve     the name of a per-epoch result series the publication also summarises by the
 *                  epoch whose mean over the runs is best (the GIN paper's cross-validation
 *                  protocol), or empty for none
 */
public record Protocol(int runs, String metric, double published, String source, String curve) {

    /** Validates the fields. */
    public Protocol {
        Require.positive("runs", runs);
        Require.present("metric", metric);
        Require.present("source", source);
        Require.present("curve", curve);
    }

    /** A protocol summarised by its metric alone. */
    public Protocol(int runs, String metric, double published, String source) {
        this(runs, metric, published, source, "");
    }
}
