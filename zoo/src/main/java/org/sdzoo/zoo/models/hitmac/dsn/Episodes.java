package org.sdzoo.zoo.models.hitmac.dsn;

import java.util.ArrayList;
import java.util.List;

/** Runs whole episodes of the sensor network with a coordinator and an executor. */
public final class Episodes {

    private Episodes() {
    }

    /**
     * Where everything was after one executor step, for pictures.
     *
     * @param rotations {@code [cameras]} headings in degrees
     * @param targetX   {@code [targets]}
     * @param targetY   {@code [targets]}
     * @param goals     {@code [cameras][targets]} the assignment in force
     */
    public record Frame(double[] rotations, double[] targetX, double[] targetY, boolean[][] goals) {
    }

    /**
     * @param meanCoverage the coverage rate averaged over every executor step of the episode
     * @param reward       the repository's episode reward: the sum of the coordinator steps' rewards
     * @param frames       one frame per executor step when asked for, else empty
     */
    public record Result(double meanCoverage, double reward, List<Frame> frames) {
    }

    /**
     * Resets {@code network} and plays one episode.
     *
     * @param record whether to keep a {@link Frame} per executor step
     */
    public static Result play(SensorNetwork network, Coordinator coordinator, SensorNetwork.Executor executor,
                              boolean record) {
        network.reset();
        List<Frame> frames = new ArrayList<>();
        double coverage = 0;
        double reward = 0;
        int steps = 0;
        boolean done = false;
        while (!done) {
            boolean[][] goals = coordinator.assign(network);
            SensorNetwork.StepOutcome outcome = network.step(goals, executor,
                    record ? () -> frames.add(frame(network, goals)) : null);
            coverage += outcome.coverage();
            reward += outcome.reward();
            steps++;
            done = outcome.done();
        }
        return new Result(coverage / steps, reward, List.copyOf(frames));
    }

    /** @return the network's current state as a frame */
    public static Frame frame(SensorNetwork network, boolean[][] goals) {
        DsnSettings s = network.settings();
        double[] rotations = new double[s.cameras()];
        for (int i = 0; i < rotations.length; i++) {
            rotations[i] = network.rotation(i);
        }
        double[] x = new double[s.targets()];
        double[] y = new double[s.targets()];
        for (int j = 0; j < x.length; j++) {
            x[j] = network.targetX(j);
            y[j] = network.targetY(j);
        }
        return new Frame(rotations, x, y, goals);
    }
}
