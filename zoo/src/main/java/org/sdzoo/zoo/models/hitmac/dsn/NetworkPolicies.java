package org.sdzoo.zoo.models.hitmac.dsn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacPolicy;

/**
 * The HiT-MAC networks as the repository runs them at test time ({@code action_test}): the
 * coordinator keeps a camera-target pair where "keep" is the more probable of its two actions,
 * the executor takes its most probable rotation for the targets assigned to the camera, and a
 * camera with no target assigned turns at random ({@code get_baseline_action}).
 */
public final class NetworkPolicies {

    private NetworkPolicies() {
    }

    /** @param coordinator a {@code hitmac-coordinator} model for this network's cameras and targets */
    public static Coordinator coordinator(ZooModel coordinator) {
        return network -> {
            double[][][] obs = network.coordinatorObservation();
            int cameras = obs.length;
            int targets = obs[0].length;
            INDArray batch = Nd4j.create(obs).reshape(1, (long) cameras * targets, SensorNetwork.FEATURES)   // [1, P, F]
                    .castTo(coordinator.dataType());
            INDArray probabilities = HitMacPolicy.act(coordinator, batch).probabilities();               // [1, P, 2]
            boolean[][] goals = new boolean[cameras][targets];
            for (int i = 0; i < cameras; i++) {
                for (int j = 0; j < targets; j++) {
                    int p = i * targets + j;
                    goals[i][j] = probabilities.getDouble(0, p, 1) > probabilities.getDouble(0, p, 0);
                }
            }
            return goals;
        };
    }

    /** @param executor a {@code hitmac-executor} model; all cameras with targets go in one batch */
    public static SensorNetwork.Executor executor(ZooModel executor) {
        return (network, goals) -> {
            int cameras = network.settings().cameras();
            int[] actions = new int[cameras];
            int[] row = new int[cameras];
            int rows = 0;
            for (int i = 0; i < cameras; i++) {
                row[i] = hasGoal(goals[i]) ? rows++ : -1;
            }
            INDArray probabilities = null;
            if (rows > 0) {
                double[][][] obs = new double[rows][][];
                for (int i = 0; i < cameras; i++) {
                    if (row[i] >= 0) {
                        obs[row[i]] = network.executorObservation(i, goals[i]);
                    }
                }
                probabilities = HitMacPolicy.act(executor, Nd4j.create(obs).castTo(executor.dataType()))
                        .probabilities();                                                             // [B, 3]
            }
            for (int i = 0; i < cameras; i++) {
                actions[i] = row[i] < 0 ? network.random().nextInt(3) : argmax(probabilities, row[i]);
            }
            return actions;
        };
    }

    static boolean hasGoal(boolean[] goals) {
        for (boolean g : goals) {
            if (g) {
                return true;
            }
        }
        return false;
    }

    /** @return the first index of the row's maximum, as {@code torch.max} */
    static int argmax(INDArray probabilities, int row) {
        int best = 0;
        for (int a = 1; a < probabilities.size(1); a++) {
            if (probabilities.getDouble(row, a) > probabilities.getDouble(row, best)) {
                best = a;
            }
        }
        return best;
    }
}
