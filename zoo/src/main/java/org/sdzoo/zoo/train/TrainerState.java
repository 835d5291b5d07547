package org.sdzoo.zoo.train;

import java.util.List;

/**
 * What a checkpoint records of the trainer, beside the model and the optimiser's moments.
 *
 * @param epochsDone completed epochs
 * @param step       updates done
 * @param bestValue  best monitored value so far (NaN before the first)
 * @param bestEpoch  its epoch
 * @param badEpochs  epochs since the last improvement
 * @param seconds    training time so far
 * @param history    the records so far
 * @param config     the trainer config of the run
 */
record TrainerState(int epochsDone, long step, double bestValue, int bestEpoch, int badEpochs, double seconds,
                    List<EpochRecord> history, TrainerConfig config) {
}
