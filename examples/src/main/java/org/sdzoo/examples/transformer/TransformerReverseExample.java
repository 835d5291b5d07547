package org.sdzoo.examples.transformer;

import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.zoo.models.transformer.TransformerConfig;

/**
 * Reversing random sequences of 4 to 10 symbols (padded batches): harder than copying, because
 * each output position attends to a source position that moves the other way.
 */
public final class TransformerReverseExample extends SequenceTaskExample {

    /** The example's name on the command line. */
    public static final String NAME = "transformer-reverse";

    public TransformerReverseExample() {
        super(SyntheticSequences.Task.REVERSE, 6400, 4, 10, 10);
    }

    @Override
    public About about() {
        return new About(NAME, "Transformer reverse task: vocabulary 11, lengths 4-10, 2+2 layers; greedy exact-match"
                + " rate", TransformerConfig.ARCHITECTURE, "no --data: the sequences are generated");
    }
}
