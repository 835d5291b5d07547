package org.sdzoo.examples.transformer;

import java.io.IOException;
import java.nio.file.Path;
import org.sdzoo.examples.Experiment;
import org.sdzoo.examples.RunRequest;

/**
 * {@code sdzoo bench transformer} ({@link TransformerBench}): issue 15's speed benchmark, the
 * training step, forward pass and greedy decoding at D 128, 3+3 layers, beside PyTorch. The
 * Transformer's trained results come from its examples, so there is nothing to reproduce here.
 */
public final class TransformerExperiment implements Experiment {

    /** The name on the command line. */
    public static final String NAME = "transformer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Transformer speed at issue 15's shapes: training step, forward and greedy decoding beside PyTorch";
    }

    /** @throws IllegalArgumentException always: the Transformer's results are trained by its examples */
    @Override
    public String reproduce(RunRequest request, Integer runs) {
        throw new IllegalArgumentException("'" + NAME + "' is a benchmark only (sdzoo bench " + NAME + "): train the"
                + " Transformer's results with sdzoo train " + TransformerCopyExample.NAME + ", transformer-reverse or"
                + " transformer-multi30k");
    }

    @Override
    public String bench(int iterations, int repeats, boolean measureTorch, Path out) throws IOException {
        return TransformerBench.run(iterations, repeats, measureTorch, out);
    }
}
