package org.sdzoo.examples;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** An example's data as the shared drivers need it; an example's own record adds what its table and plots need. */
public interface ExampleData {

    /** @return the training batches, in an order that is a function of (seed, epoch) so a resumed run repeats it */
    MultiDataSetIterator train(long seed);

    /** @return the batches {@code sdzoo evaluate --data} scores a trained model on */
    MultiDataSetIterator evaluation();

    /**
     * @return the batches the trainer validates on after every epoch (early stopping watches them),
     *         or {@code null} when the example has no validation split
     */
    default MultiDataSetIterator validation() {
        return null;
    }

    /** @return a short description for logs and the archive, e.g. {@code NoisySine(50, 0.5, seed 42)} */
    String description();

    /** @return the files the data was read from (their SHA-256 goes into the archive); empty for generated data */
    List<Path> files();

    /** @return files saved inside {@code model.sdz} beside the model (a vocabulary), by name; none by default */
    default java.util.Map<String, byte[]> archiveExtras() {
        return java.util.Map.of();
    }
}
