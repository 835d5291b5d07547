package org.sdzoo.examples.hitmac;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.ArrayMultiDataSetIterator;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.examples.DataSource;
import org.sdzoo.examples.Example;
import org.sdzoo.examples.ExampleData;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunContext;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacNetworks;
import org.sdzoo.zoo.models.hitmac.dsn.Coordinator;
import org.sdzoo.zoo.models.hitmac.dsn.DsnSettings;
import org.sdzoo.zoo.models.hitmac.dsn.Episodes;
import org.sdzoo.zoo.models.hitmac.dsn.NetworkPolicies;
import org.sdzoo.zoo.models.hitmac.dsn.RulePolicies;
import org.sdzoo.zoo.models.hitmac.dsn.SensorNetwork;
import org.sdzoo.zoo.samediff.OpThreads;
import org.sdzoo.zoo.task.ClassificationTask;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * Trains a HiT-MAC executor in Java by imitation: the greedy rule ({@link RulePolicies#greedy})
 * plays episodes of the sensor network with every target assigned to every camera, and the
 * executor learns its turns from what each camera observes (a 3-class classification of the
 * executor's {@code logits}). The result is the coverage the trained executor reaches on held-out
 * episodes, beside random rotations and the greedy teacher on the same episodes.
 */
public final class HitMacImitationExample implements Example<HitMacImitationExample.Data> {

    /** The example's name on the command line. */
    public static final String NAME = "hitmac-executor-greedy";
    /** Demonstration episodes (each short: {@link #COORDINATOR_STEPS} coordinator steps). */
    static final int DEMO_EPISODES = 6;
    static final int EVAL_EPISODES = 5;
    static final int COORDINATOR_STEPS = 20;
    /** Held-out episodes use seeds from here on, apart from the demonstrations'. */
    static final long EVAL_SEED_OFFSET = 1_000_000;
    static final int BATCH = 64;

    /**
     * @param obs     {@code [N, 5, 4]} executor observations (all targets assigned)
     * @param actions {@code [N]} the greedy rule's action ids (0 stay, 1 +5°, 2 −5°)
     * @param seed    the demonstrations' seed
     */
    public record Data(INDArray obs, INDArray actions, long seed) implements ExampleData {

        @Override
        public MultiDataSetIterator train(long seed) {
            return new ArrayMultiDataSetIterator(new INDArray[] {obs}, new INDArray[] {actions}, BATCH, true, seed);
        }

        @Override
        public MultiDataSetIterator evaluation() {
            return DataIterators.fullBatch(new INDArray[] {obs}, new INDArray[] {actions});
        }

        @Override
        public String description() {
            return "greedy demonstrations in the HiT-MAC sensor network (" + DEMO_EPISODES + " episodes of "
                    + (COORDINATOR_STEPS + 1) + " coordinator steps, seed " + seed + ", " + obs.size(0) + " camera steps)";
        }

        @Override
        public List<Path> files() {
            return List.of();
        }
    }

    @Override
    public About about() {
        return new About(NAME, "HiT-MAC executor trained in Java to imitate the greedy rule; coverage beside random"
                + " and greedy", HitMacExecutorConfig.ARCHITECTURE, "no --data: demonstrations are generated");
    }

    @Override
    public Task task() {
        return new ClassificationTask(3);
    }

    /**
     * Adam 1e-3, 6 epochs of batches of 64, seed 1 (the loss levels off by then). The critic is
     * frozen: imitation gives it no target.
     */
    @Override
    public TrainerConfig trainerDefaults() {
        return TrainerConfig.builder().learningRate(1e-3).epochs(6).seed(1).freeze("critic\\..*").build();
    }

    @Override
    public Data data(DataSource source) {
        if (source.isUserData()) {
            throw new IllegalArgumentException(NAME + " generates its demonstrations in the sensor network: drop --data");
        }
        DsnSettings rules = DsnSettings.published().withCoordinatorSteps(COORDINATOR_STEPS);
        List<double[][]> obs = new ArrayList<>();
        List<Integer> actions = new ArrayList<>();
        SensorNetwork.Executor greedy = RulePolicies.greedy();
        SensorNetwork.Executor recording = (network, goals) -> {
            int[] a = greedy.actions(network, goals);
            for (int i = 0; i < a.length; i++) {
                obs.add(network.executorObservation(i, goals[i]));
                actions.add(a[i]);
            }
            return a;
        };
        for (int e = 0; e < DEMO_EPISODES; e++) {
            Episodes.play(new SensorNetwork(rules, source.seed() + e), Coordinator.everyTarget(), recording, false);
        }
        INDArray x = Nd4j.create(obs.toArray(double[][][]::new)).castTo(DataType.FLOAT);                  // [N, 5, 4]
        INDArray y = Nd4j.createFromArray(actions.stream().mapToDouble(Integer::doubleValue).toArray())
                .castTo(DataType.FLOAT);                                                                  // [N]
        return new Data(x, y, source.seed());
    }

    @Override
    public ModelConfig config(Data data, Path configFile) throws IOException {
        HitMacExecutorConfig base = HitMacExecutorConfig.builder().seed(data.seed()).build();
        return configFile == null ? base : ConfigJson.override(base, configFile);
    }

    @Override
    public ZooModel model(ModelConfig config, Data data) {
        return HitMacNetworks.executor((HitMacExecutorConfig) config);
    }

    /** Coverage on held-out episodes: the trained executor, random rotations and the greedy teacher. */
    @Override
    public ResultTable results(ZooModel trained, TrainingResult training, Data data, RunContext run) {
        DsnSettings rules = DsnSettings.published().withCoordinatorSteps(COORDINATOR_STEPS);
        long first = data.seed() + EVAL_SEED_OFFSET;
        double ours;
        // batches of 1 to 4 cameras: one op thread, no waits for a second one (OpThreads)
        try (OpThreads one = OpThreads.limit(1)) {
            ours = coverage(rules, first, NetworkPolicies.executor(trained));
        }
        double random = coverage(rules, first, RulePolicies.randomRotations());
        double greedy = coverage(rules, first, RulePolicies.greedy());
        return new ResultTable(NAME + ": mean coverage over " + EVAL_EPISODES + " held-out episodes")
                .header("coverage", "")
                .row("trained_executor_mean_coverage", ours, null)
                .row("random_rotations_mean_coverage", random, null)
                .row("greedy_teacher_mean_coverage", greedy, null)
                .note("every target assigned to every camera; episodes of " + (COORDINATOR_STEPS + 1)
                        + " coordinator steps x 10 executor steps, seeds " + first + ".." + (first + EVAL_EPISODES - 1))
                .fact("beats_random", ours > random);
    }

    private static double coverage(DsnSettings rules, long first, SensorNetwork.Executor executor) {
        double[] c = new double[EVAL_EPISODES];
        for (int e = 0; e < EVAL_EPISODES; e++) {
            c[e] = Episodes.play(new SensorNetwork(rules, first + e), Coordinator.everyTarget(), executor, false)
                    .meanCoverage();
        }
        return Arrays.stream(c).average().orElseThrow();
    }
}
