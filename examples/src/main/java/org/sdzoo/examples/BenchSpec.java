package org.sdzoo.examples;

import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.zoo.ZooModel;

/**
 * What {@code sdzoo bench} times for an example: the trainer's own step and the model's forward
 * pass on one batch, beside PyTorch on the same shapes.
 *
 * @param shape a description of the shapes, e.g. "50 queries x 50 keys, float32"
 * @param model a fresh model of the example's default config
 * @param batch the batch both are timed on
 * @param torch how to measure PyTorch now, and its medians recorded on the development machine
 */
public record BenchSpec(String shape, ZooModel model, MultiDataSet batch, TorchBench torch) {

    /**
     * PyTorch's side of a benchmark.
     *
     * @param script          a Python resource in the jar; run as {@code script ITERATIONS REPEATS}, its last
     *                        line is a JSON object of median milliseconds; where it also gives each
     *                        repeat's mean ms as an array under {@code KEY + "_repeats"}
     *                        ({@link #REPEATS_SUFFIX}), {@code sdzoo bench --all} shows PyTorch's spread
     * @param trainKey        the JSON field of the training step
     * @param forwardKey      the JSON field of the forward pass
     * @param recordedTrainMs the training step's median recorded on the development machine
     * @param recordedForwardMs the forward pass's median recorded there
     * @param recordedNote    what was recorded, e.g. "50x49 keys, 2 threads"
     */
    public record TorchBench(String script, String trainKey, String forwardKey, double recordedTrainMs,
                             double recordedForwardMs, String recordedNote) {

        /** The suffix of the optional JSON key holding each repeat's ms beside a median's key. */
        public static final String REPEATS_SUFFIX = "_repeats";
    }
}
