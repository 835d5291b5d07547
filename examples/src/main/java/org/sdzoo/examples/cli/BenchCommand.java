package org.sdzoo.examples.cli;

import java.util.Collections;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.synthetic.NoisySine;
import org.sdzoo.examples.RunFiles;
import org.sdzoo.examples.kernelregression.KernelRegressionBench;
import org.sdzoo.examples.kernelregression.KernelRegressionExample;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;
import org.sdzoo.zoo.task.RegressionTask;
import org.sdzoo.zoo.train.MemorySoak;
import org.sdzoo.zoo.train.Optimizer;
import org.sdzoo.zoo.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sdzoo bench [--model kernel-regression] [--iterations N] [--repeats R] [--out DIR]}, or
 * {@code sdzoo bench --soak [--soak-steps N]} for memory over many training steps.
 */
@Command(name = "bench", description = "Time training steps and forward passes; print medians beside PyTorch's.")
final class BenchCommand extends SdzooCommand {

    @Option(names = "--model", defaultValue = KernelRegressionExample.NAME, paramLabel = "NAME",
            description = "what to time (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--iterations", defaultValue = "1000",
            description = "iterations per repeat, and warm-up (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--repeats", defaultValue = "5", description = "timed repeats (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--no-torch", description = "do not run PyTorch beside sdzoo; compare with the recorded medians")
    boolean noTorch;

    @Option(names = "--soak", description = "instead of timing, run --soak-steps training steps and print the heap,"
            + " JavaCPP's physical and off-heap bytes after a warm-up and at the end (goal: flat within 5%%)")
    boolean soak;

    @Option(names = "--soak-steps", defaultValue = "10000", paramLabel = "N",
            description = "training steps of --soak after its warm-up of 1000 (default: ${DEFAULT-VALUE})")
    int soakSteps;

    @Mixin
    CommonOptions common;

    @Override
    int execute() throws Exception {
        if (!KernelRegressionExample.NAME.equals(model)) {
            throw new IllegalArgumentException("no benchmark for '" + model + "': sdzoo bench knows ["
                    + KernelRegressionExample.NAME + "]");
        }
        if (common.config != null) {
            throw usage("bench times the default config: --config is not used");
        }
        if (soak) {
            print(soak(common.seed == null ? KernelRegressionExample.DEFAULT_SEED : common.seed).table());
            return 0;
        }
        var result = KernelRegressionBench.run(iterations, repeats,
                common.seed == null ? KernelRegressionExample.DEFAULT_SEED : common.seed, !noTorch);
        StringBuilder s = new StringBuilder(result.table());
        if (common.out != null) {
            var file = common.out.resolve("bench.json");
            RunFiles.writeJson(file, result.json());
            s.append("wrote ").append(file).append('\n');
        }
        print(s.toString());
        return 0;
    }

    /**
     * The kernel-regression training step, 100 identical leave-one-out batches an epoch so that the
     * trainer's history (a record an epoch) stays small beside what a step could leak.
     */
    private MemorySoak.Result soak(long seed) {
        var data = NoisySine.generate(NoisySine.D2L_TRAIN_SIZE, NoisySine.D2L_NOISE_STD, seed);
        ZooModel model = KernelRegression.create(KernelRegressionConfig.builder().build(), data.x(), data.y());
        MultiDataSet batch = KernelRegression.leaveOneOutBatch(data.x(), data.y(), model.dataType());
        int copies = 100;
        var epoch = new ArrayMultiDataSetIterator(repeat(batch.getFeatures(), copies),
                repeat(batch.getLabels(), copies), (int) batch.getFeatures(0).size(0), false, seed);
        TrainerConfig config = TrainerConfig.builder().optimizer(Optimizer.SGD)
                .learningRate(KernelRegressionExample.DEFAULT_LEARNING_RATE).seed(seed).build();
        return MemorySoak.run(model, new RegressionTask(KernelRegressionExample.LOSS), epoch, config, 1000,
                soakSteps);
    }

    private static INDArray[] repeat(INDArray[] arrays, int copies) {
        INDArray[] repeated = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            repeated[i] = Nd4j.concat(0, Collections.nCopies(copies, arrays[i]).toArray(INDArray[]::new));
        }
        return repeated;
    }
}
