package org.sdzoo.examples.hitmac;

import java.io.IOException;
import java.nio.file.Path;
import org.sdzoo.examples.Experiment;
import org.sdzoo.examples.RunRequest;

/** {@code sdzoo reproduce hitmac} ({@link HitMacReproduction}) and {@code sdzoo bench hitmac} ({@link HitMacBench}). */
public final class HitMacExperiment implements Experiment {

    /** The name on the command line. */
    public static final String NAME = "hitmac";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "HiT-MAC's published coordinator + executor in the Java sensor network, beside random and greedy cameras";
    }

    @Override
    public String reproduce(RunRequest request, Integer runs) throws IOException {
        return HitMacReproduction.run(request, runs);
    }

    @Override
    public String bench(int iterations, int repeats, boolean measureTorch, Path out) throws IOException {
        return HitMacBench.run(iterations, repeats, measureTorch, out);
    }
}
