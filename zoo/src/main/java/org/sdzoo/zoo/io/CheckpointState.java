package org.sdzoo.zoo.io;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a checkpoint holds beyond the model, so that training can resume exactly.
 *
 * @param trainerStateJson the trainer's own state (epoch, step, early-stopping counters, history)
 * @param updaterState     optimiser moments by name, e.g. {@code w/m} and {@code w/v} for Adam
 */
public record CheckpointState(String trainerStateJson, Map<String, INDArray> updaterState) {

    /** Copies the map. */
    public CheckpointState {
        updaterState = Map.copyOf(updaterState);
    }
}
