package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A published experiment that is not a training run, which {@code sdzoo reproduce} and
 * {@code sdzoo bench} run by name beside the examples (HiT-MAC: evaluating the authors' trained
 * models in an environment). Listed in {@code META-INF/services/org.sdzoo.examples.Experiment}.
 */
public interface Experiment {

    /** @return the name on the command line */
    String name();

    /** @return one line for help and errors */
    String description();

    /**
     * {@code sdzoo reproduce NAME}: runs the experiment, writes {@code result.json} and its pictures.
     *
     * @param runs how many episodes or seeds, or null for the published protocol's
     * @return the text printed
     */
    String reproduce(RunRequest request, Integer runs) throws IOException;

    /**
     * {@code sdzoo bench NAME}: times the experiment's models beside PyTorch.
     *
     * @param out a directory for {@code bench.json}, or null
     * @return the text printed
     */
    String bench(int iterations, int repeats, boolean measureTorch, Path out) throws IOException;
}
