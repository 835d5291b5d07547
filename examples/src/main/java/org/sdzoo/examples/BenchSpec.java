package org.sdzoo.examples;

import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.zoo.ZooModel;

/**
 * What {@code sdzoo bench} times for an example: one or more named variants (e.g. GCN's dense,
 * edge-list and sparse-feature forms), each the trainer's own step and the model's forward pass
 * on one batch, beside PyTorch on the same shapes where there is a PyTorch peer.
 *
 * @param variants what to time, in order; at least one
 */
public record BenchSpec(List<Variant> variants) {

    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException if there is no variant
     */
    public BenchSpec {
        if (variants == null || variants.isEmpty()) {
            throw new IllegalArgumentException("a benchmark needs at least one variant to time");
        }
        variants = List.copyOf(variants);
    }

    /** One variant, unnamed: the shape, model, batch and PyTorch peer of an example with a single benchmark. */
    public BenchSpec(String shape, ZooModel model, MultiDataSet batch, TorchBench torch) {
        this(List.of(new Variant("", shape, () -> new Subject(model, batch), torch, 0)));
    }

    /**
     * @param example the example's name, for the message
     * @param only    the variants asked for by name ({@code --variant}); empty for all
     * @return those variants, in the order declared
     * @throws IllegalArgumentException for a name no variant has, listing the names there are
     */
    public List<Variant> chosen(String example, List<String> only) {
        List<String> names = variants.stream().map(Variant::name).toList();
        for (String name : only) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--variant " + name + ": " + example + "'s benchmark has the"
                        + " variants " + names);
            }
        }
        return only.isEmpty() ? variants : variants.stream().filter(v -> only.contains(v.name())).toList();
    }

    /** @return the first variant's model and batch */
    public Subject first() {
        return variants.get(0).subject().get();
    }

    /**
     * A model and the batch it is timed on.
     *
     * @param model a fresh model
     * @param batch the batch
     */
    public record Subject(ZooModel model, MultiDataSet batch) {
    }

    /**
     * One thing to time.
     *
     * @param name       a short name for the table and {@code bench.json} (e.g. "dense"), "" for the only one
     * @param shape      a description of the shapes, e.g. "2708 nodes, 1433 features, float32"
     * @param subject    builds the model and batch when the variant is timed (so listing examples builds nothing)
     * @param torch      how to measure PyTorch now, and its medians recorded earlier; null when there is no peer
     * @param iterations iterations per timed repeat for this variant, 0 for the command's {@code --iterations}
     *                   (a step of seconds needs 1)
     */
    public record Variant(String name, String shape, Supplier<Subject> subject, TorchBench torch, int iterations) {
    }

    /**
     * PyTorch's side of a benchmark.
     *
     * @param script          a Python resource in the jar; run as {@code script ITERATIONS REPEATS}, its last
     *                        line is a JSON object of median milliseconds (variants sharing a script run it once);
     *                        where it also gives each repeat's mean ms as an array under {@code KEY + "_repeats"}
     *                        ({@link #REPEATS_SUFFIX}), {@code sdzoo bench --all} shows PyTorch's spread
     * @param trainKey        the JSON field of the training step
     * @param forwardKey      the JSON field of the forward pass
     * @param recordedTrainMs the training step's median recorded on the development machine
     * @param recordedForwardMs the forward pass's median recorded there
     * @param recordedNote    what was recorded, e.g. "50x49 keys, 2 threads"
     * @param args            arguments the script takes before {@code ITERATIONS REPEATS}, e.g. a workload's name
     */
    public record TorchBench(String script, String trainKey, String forwardKey, double recordedTrainMs,
                             double recordedForwardMs, String recordedNote, java.util.List<String> args) {

        /** Copies the arguments. */
        public TorchBench {
            args = java.util.List.copyOf(args);
        }

        /** A script that takes only {@code ITERATIONS REPEATS}. */
        public TorchBench(String script, String trainKey, String forwardKey, double recordedTrainMs,
                          double recordedForwardMs, String recordedNote) {
            this(script, trainKey, forwardKey, recordedTrainMs, recordedForwardMs, recordedNote, java.util.List.of());
        }

        /**
         * Where the recorded medians of the large models come from: the last quiet {@code sdzoo bench
         * --all} (results.md), PyTorch 1.13 with Debian's OpenBLAS, same environment as sdzoo.
         */
        public static final String LAST_QUIET_LAUNCH = "2 threads, OMP_WAIT_POLICY=PASSIVE, quiet, bench --all of 2026-12-05";

        /** The suffix of the optional JSON key holding each repeat's ms beside a median's key. */
        public static final String REPEATS_SUFFIX = "_repeats";
    }
}
