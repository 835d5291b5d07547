package org.sdzoo.examples.tcn;

import org.sdzoo.examples.ExampleData;

/** What the shared TCN example code needs of an example's data beside the batches. */
public interface TcnData extends ExampleData {

    /** @return C_in, the channels of every input {@code [B, C_in, T]} */
    int inputChannels();

    /** @return the run's seed, which also seeds the initial weights */
    long seed();
}
