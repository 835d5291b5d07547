package org.sdzoo.examples.transformer;

import org.sdzoo.datasets.sequence.SyntheticSequences;
import org.sdzoo.zoo.models.transformer.TransformerConfig;

/**
 * The Annotated Transformer's copy task: random sequences of length 10 over a vocabulary of 11
 * (8 symbols besides pad, bos and eos), a 2+2-layer Transformer, greedy decoding must copy them
 * exactly.
 */
public final class TransformerCopyExample extends SequenceTaskExample {

    /** The example's name on the command line. */
    public static final String NAME = "transformer-copy";

    public TransformerCopyExample() {
        super(SyntheticSequences.Task.COPY, 3200, 10, 10, 10);
    }

    @Override
    public About about() {
        return new About(NAME, "Transformer copy task (Annotated Transformer): vocabulary 11, length 10, 2+2 layers;"
                + " greedy exact-match rate", TransformerConfig.ARCHITECTURE, "no --data: the sequences are generated");
    }
}
