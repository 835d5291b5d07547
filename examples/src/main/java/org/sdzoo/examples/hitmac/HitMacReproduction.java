package org.sdzoo.examples.hitmac;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sdzoo.examples.ResultTable;
import org.sdzoo.examples.RunDirectory;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacCoordinatorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacPretrained;
import org.sdzoo.zoo.models.hitmac.dsn.Coordinator;
import org.sdzoo.zoo.models.hitmac.dsn.DsnSettings;
import org.sdzoo.zoo.models.hitmac.dsn.Episodes;
import org.sdzoo.zoo.models.hitmac.dsn.NetworkPolicies;
import org.sdzoo.zoo.models.hitmac.dsn.RulePolicies;
import org.sdzoo.zoo.models.hitmac.dsn.SensorNetwork;
import org.sdzoo.zoo.plot.SensorNetworkPlot;
import org.sdzoo.zoo.samediff.OpThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authors' evaluation ({@code python main.py --env Pose-v1 --model multi-att-shap --workers 0
 * --load-coordinator-dir ... --load-executor-dir ...}) in the Java sensor network: N seeded test
 * episodes with the published coordinator and executor acting greedily, beside random rotations
 * and the greedy rule on the same episodes (episode e of every policy starts from seed + e and its
 * targets walk the same paths).
 */
public final class HitMacReproduction {

    /** The repository evaluates over as many episodes as asked; 100 is the protocol. */
    public static final int EPISODES = 100;
    /** result.json key of the published policy's mean coverage. */
    public static final String PRETRAINED_KEY = "hitmac_pretrained_mean_coverage";
    static final String EPISODE_PNG = "episode.png";

    private static final Logger LOG = LoggerFactory.getLogger(HitMacReproduction.class);

    private HitMacReproduction() {
    }

    /** One policy's per-episode numbers. */
    record Scores(List<Double> coverage, List<Double> reward) {
        static Scores empty() {
            return new Scores(new ArrayList<>(), new ArrayList<>());
        }

        double mean(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** Population std over episodes, as the repository's {@code np.std}. */
        double std(List<Double> v) {
            double m = mean(v);
            return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / v.size());
        }
    }

    static String run(RunRequest request, Integer runs) throws IOException {
        int episodes = runs != null ? runs : EPISODES;
        if (episodes < 1) {
            throw new IllegalArgumentException("--runs (episodes) must be at least 1 (got " + episodes + ")");
        }
        long seed = request.seed() != null ? request.seed() : 0;
        Path dir = RunDirectory.resolve(request.out(), HitMacExperiment.NAME + "-reproduce");
        RunDirectory.check(dir, false, request.overwrite());
        ZooModel executor = HitMacPretrained.load(HitMacExecutorConfig.ARCHITECTURE, request.dataDir());
        ZooModel coordinator = HitMacPretrained.load(HitMacCoordinatorConfig.ARCHITECTURE, request.dataDir());
        RunDirectory.create(dir, false, request.overwrite());
        DsnSettings rules = DsnSettings.published();

        Scores pretrained;
        // Every call is a batch of 1 to 4 observations: one op thread, no waits for a second one (OpThreads).
        try (OpThreads one = OpThreads.limit(1)) {
            pretrained = play(rules, seed, episodes, "pretrained", NetworkPolicies.coordinator(coordinator),
                    NetworkPolicies.executor(executor), dir.resolve(EPISODE_PNG));
        }
        Scores random = play(rules, seed, episodes, "random", Coordinator.everyTarget(), RulePolicies.randomRotations(), null);
        Scores greedy = play(rules, seed, episodes, "greedy", Coordinator.everyTarget(), RulePolicies.greedy(), null);

        ResultTable table = new ResultTable("HiT-MAC in the Java sensor network (4 cameras, 5 targets): " + episodes
                + " episodes from seed " + seed).header("coverage", "paper");
        row(table, "hitmac_pretrained", pretrained);
        row(table, "random_rotations", random);
        row(table, "greedy_nearest_uncovered", greedy);
        table.note("coverage = the fraction of targets some camera sees, averaged over every executor step"
                        + " (101 coordinator steps x 10 executor steps); *_episode_reward is the repository's test"
                        + " score, the sum of the coordinator steps' rewards (-0.1 for a step that sees no assigned target)")
                .note("paper: no coverage figure was found in the repository's README or in the sources available"
                        + " here; compare with the paper's table for 4 cameras and 5 targets by hand")
                .fact("episodes", episodes).fact("seed", seed)
                .fact("pretrained", HitMacPretrained.card(HitMacExecutorConfig.ARCHITECTURE).origin())
                .fact("episode_png", EPISODE_PNG);
        table.write(dir.resolve(RunDirectory.RESULT_JSON));
        return table.table(dir);
    }

    private static void row(ResultTable table, String policy, Scores s) {
        String key = policy.equals("hitmac_pretrained") ? PRETRAINED_KEY : policy + "_mean_coverage";
        table.row(key, s.mean(s.coverage()), null)
                .row(policy + "_coverage_std", s.std(s.coverage()), null)
                .row(policy + "_episode_reward", s.mean(s.reward()), null);
    }

    private static Scores play(DsnSettings rules, long seed, int episodes, String name, Coordinator coordinator,
                               SensorNetwork.Executor executor, Path picture) throws IOException {
        Scores scores = Scores.empty();
        for (int e = 0; e < episodes; e++) {
            SensorNetwork network = new SensorNetwork(rules, seed + e);
            boolean draw = picture != null && e == 0;
            Episodes.Result r = Episodes.play(network, coordinator, executor, draw);
            scores.coverage().add(r.meanCoverage());
            scores.reward().add(r.reward());
            if (draw) {
                double[] x = new double[rules.cameras()];
                double[] y = new double[rules.cameras()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = network.cameraX(i);
                    y[i] = network.cameraY(i);
                }
                SensorNetworkPlot.write(picture, rules, x, y, r.frames(), String.format(
                        "HiT-MAC pretrained, episode seed %d: mean coverage %.3f", seed, r.meanCoverage()));
            }
            if ((e + 1) % 10 == 0 || e + 1 == episodes) {
                LOG.info("{}: {} of {} episodes, mean coverage so far {}", name, e + 1, episodes,
                        String.format("%.4f", scores.mean(scores.coverage())));
            }
        }
        return scores;
    }
}
