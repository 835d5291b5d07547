package org.sdzoo.zoo.models.hitmac.dsn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A pure-Java port of HiT-MAC's 2-D directional sensor network ({@code ENV/DigitalPose2D}, the
 * environment the published coordinator and executor were evaluated in): fixed cameras that
 * rotate, targets that walk, and the coverage rate as the reward. Seeded: the same seed gives the
 * same episodes (the repository's NumPy streams cannot be reproduced, so episodes differ from
 * Python's, but every rule is the same).
 *
 * <p>One {@link #step coordinator step}: the targets move once, then {@code executorSteps} times
 * every camera turns by −5°, 0 or +5° as the executor decides for the targets the coordinator
 * assigned it, the targets move, and the coverage is measured. The step's reward is the mean over
 * those executor steps of the coverage rate, or −0.1 for an executor step in which no camera sees
 * a target assigned to it (the repository's {@code multi_reward}).
 *
 * <p>Not thread-safe; one instance per episode stream.
 */
public final class SensorNetwork {

    /** Rotation directions by executor action index, as the repository's {@code discrete_actions}. */
    private static final int[] DIRECTIONS = {0, 1, -1};
    /** The reward of an executor step in which no camera sees any target assigned to it. */
    public static final double NOTHING_CAPTURED = -0.1;
    /** Per camera-target features: camera index, target index, bearing, distance. */
    public static final int FEATURES = 4;
    /** A target inside the area finds a move within a few redraws; this many means it is outside. */
    private static final int MAX_REDRAWS = 10_000;

    private final DsnSettings settings;
    private final Random random;
    private final Random policyRandom;
    private final TargetWalker[] walkers;
    private final double[] cameraX;
    private final double[] cameraY;
    private final double[] rotation;
    private final double[] targetX;
    private final double[] targetY;
    private int stepsTaken;

    /** Creates the network and draws the first episode ({@link #reset}). */
    public SensorNetwork(DsnSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed);
        // A separate stream for the policies' draws: the targets walk the same paths whatever the cameras do.
        this.policyRandom = new Random(seed ^ 0x5DEECE66DL);
        this.walkers = new TargetWalker[settings.targets()];
        for (int j = 0; j < walkers.length; j++) {
            walkers[j] = new TargetWalker(settings, random);
        }
        cameraX = new double[settings.cameras()];
        cameraY = new double[settings.cameras()];
        rotation = new double[settings.cameras()];
        targetX = new double[settings.targets()];
        targetY = new double[settings.targets()];
        reset();
    }

    /**
     * Starts an episode: targets at integer points of [−1000, 1000)², camera boxes handed out in a
     * shuffled order with an integer location in each, every camera facing an integer heading in
     * [−180, 180). (The repository adds that draw to the previous heading; as headings stay
     * integers, the result is the same uniform heading modulo 360.)
     */
    public void reset() {
        int r = settings.startRange();
        for (int j = 0; j < settings.targets(); j++) {
            targetX[j] = TargetWalker.randint(random, -r, r);
            targetY[j] = TargetWalker.randint(random, -r, r);
        }
        for (TargetWalker walker : walkers) {
            walker.reset();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < settings.cameras(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int i = 0; i < settings.cameras(); i++) {
            int[] box = settings.cameraAreas().get(i);
            int camera = order.get(i);
            cameraX[camera] = TargetWalker.randint(random, box[0], box[1]);
            cameraY[camera] = TargetWalker.randint(random, box[2], box[3]);
        }
        for (int i = 0; i < settings.cameras(); i++) {
            rotation[i] = TargetWalker.randint(random, -180, 180);
        }
        stepsTaken = 0;
    }

    /** Puts a camera somewhere (tests of single rules). */
    void placeCamera(int camera, double x, double y, double heading) {
        cameraX[camera] = x;
        cameraY[camera] = y;
        rotation[camera] = Bearings.wrap(heading);
    }

    /** Puts a target somewhere (tests of single rules). */
    void placeTarget(int target, double x, double y) {
        targetX[target] = x;
        targetY[target] = y;
    }

    /** @return the rules */
    public DsnSettings settings() {
        return settings;
    }

    /**
     * @return the seeded stream policies draw from (random rotations); separate from the targets'
     *         stream, so every policy sees the same target paths for a seed
     */
    public Random random() {
        return policyRandom;
    }

    public double cameraX(int camera) {
        return cameraX[camera];
    }

    public double cameraY(int camera) {
        return cameraY[camera];
    }

    /** @return the camera's heading in degrees, in [−180, 180] */
    public double rotation(int camera) {
        return rotation[camera];
    }

    public double targetX(int target) {
        return targetX[target];
    }

    public double targetY(int target) {
        return targetY[target];
    }

    /** @return the target's direction relative to the camera's heading, degrees in [−180, 180] */
    public double bearing(int camera, int target) {
        return Bearings.relativeBearing(cameraX[camera], cameraY[camera], rotation[camera], targetX[target],
                targetY[target]);
    }

    public double distance(int camera, int target) {
        return Bearings.distance(cameraX[camera], cameraY[camera], targetX[target], targetY[target]);
    }

    /** @return whether the camera sees the target: within the visual distance and strictly inside ±45° */
    public boolean sees(int camera, int target) {
        return Bearings.visible(bearing(camera, target), distance(camera, target), settings.halfFieldOfView(),
                settings.visualDistance());
    }

    /** @return the coverage rate: the fraction of targets at least one camera sees */
    public double coverage() {
        int covered = 0;
        for (int j = 0; j < settings.targets(); j++) {
            if (seenByAnyExcept(j, -1)) {
                covered++;
            }
        }
        return covered / (double) settings.targets();
    }

    /** @return whether a camera other than {@code except} (−1: any camera) sees the target */
    public boolean seenByAnyExcept(int target, int except) {
        for (int i = 0; i < settings.cameras(); i++) {
            if (i != except && sees(i, target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The coordinator's observation, as the repository's {@code preprocess_pose}: for camera i
     * and target j, {@code [i / cameras, j / targets, bearing / 180, distance / 2000]}.
     *
     * @return {@code [cameras][targets][4]}
     */
    public double[][][] coordinatorObservation() {
        double[][][] obs = new double[settings.cameras()][settings.targets()][];
        for (int i = 0; i < settings.cameras(); i++) {
            for (int j = 0; j < settings.targets(); j++) {
                obs[i][j] = features(i, j, j);
            }
        }
        return obs;
    }

    /**
     * One camera's executor observation, as the repository's {@code get_baseline_action}: a row
     * per assigned target in target order, {@code [i / cameras, k / targets, bearing / 180,
     * distance / 2000]} with k the row (not the target's index), then rows of zeros up to
     * {@code targets} rows, which the executor sees unmasked, as in the repository.
     *
     * @param goals {@code [targets]} the coordinator's assignment of this camera
     * @return {@code [targets][4]}
     */
    public double[][] executorObservation(int camera, boolean[] goals) {
        double[][] obs = new double[settings.targets()][FEATURES];
        int row = 0;
        for (int j = 0; j < settings.targets(); j++) {
            if (goals[j]) {
                obs[row] = features(camera, j, row);
                row++;
            }
        }
        return obs;
    }

    private double[] features(int camera, int target, int row) {
        return new double[] {camera / (double) settings.cameras(), row / (double) settings.targets(),
                bearing(camera, target) / 180, distance(camera, target) / settings.distanceScale()};
    }

    /**
     * Turns a camera by one action.
     *
     * @param action 0 (stay), 1 (+5°) or 2 (−5°), the executor's action indices
     */
    public void rotate(int camera, int action) {
        if (action < 0 || action >= DIRECTIONS.length) {
            throw new IllegalArgumentException("rotation action " + action + " of camera " + camera
                    + " is not one of 0 (stay), 1 (+" + settings.rotationStep() + "°) or 2 (−" + settings.rotationStep() + "°)");
        }
        rotation[camera] = Bearings.wrap(rotation[camera] + DIRECTIONS[action] * settings.rotationStep());
    }

    /** Moves every target once ({@code target_move}); a move that would leave the area is redrawn. */
    public void moveTargets() {
        double a = settings.area();
        for (int j = 0; j < settings.targets(); j++) {
            double[] act = walkers[j].act(targetX[j], targetY[j]);
            double dx = act[0] * act[1] * settings.moveTime();
            double dy = act[0] * act[2] * settings.moveTime();
            int redraws = 0;
            while (targetX[j] + dx < -a || targetX[j] + dx > a || targetY[j] + dy < -a || targetY[j] + dy > a) {
                if (++redraws > MAX_REDRAWS) {
                    throw new IllegalStateException("target " + j + " at (" + targetX[j] + ", " + targetY[j]
                            + ") finds no move that stays in the area: it must start inside [-" + a + ", " + a + "]²");
                }
                act = walkers[j].act(targetX[j], targetY[j]);
                dx = act[0] * act[1] * settings.moveTime();
                dy = act[0] * act[2] * settings.moveTime();
            }
            targetX[j] += dx;
            targetY[j] += dy;
        }
    }

    /** @return whether some camera sees a target assigned to it */
    boolean capturesAGoal(boolean[][] goals) {
        for (int i = 0; i < settings.cameras(); i++) {
            for (int j = 0; j < settings.targets(); j++) {
                if (goals[i][j] && sees(i, j)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One coordinator step (see the class comment).
     *
     * @param goals    {@code [cameras][targets]} the coordinator's assignment
     * @param executor turns the cameras at every executor step
     * @param observer called after every executor step (e.g. to record a trace); may be null
     */
    public StepOutcome step(boolean[][] goals, Executor executor, Runnable observer) {
        checkGoals(goals);
        moveTargets();
        double reward = 0;
        double coverage = 0;
        for (int k = 0; k < settings.executorSteps(); k++) {
            int[] actions = executor.actions(this, goals);
            if (actions.length != settings.cameras()) {
                throw new IllegalStateException("the executor gave " + actions.length + " actions for "
                        + settings.cameras() + " cameras");
            }
            for (int i = 0; i < actions.length; i++) {
                rotate(i, actions[i]);
            }
            moveTargets();
            double c = coverage();
            coverage += c;
            reward += capturesAGoal(goals) ? c : NOTHING_CAPTURED;
            if (observer != null) {
                observer.run();
            }
        }
        stepsTaken++;
        int n = settings.executorSteps();
        return new StepOutcome(reward / n, coverage / n, stepsTaken > settings.coordinatorSteps());
    }

    private void checkGoals(boolean[][] goals) {
        if (goals.length != settings.cameras() || Arrays.stream(goals).anyMatch(g -> g.length != settings.targets())) {
            throw new IllegalArgumentException("the assignment must be [cameras][targets] = [" + settings.cameras()
                    + "][" + settings.targets() + "]: one keep flag per camera-target pair");
        }
    }

    /**
     * What a coordinator step gave.
     *
     * @param reward   the repository's reward: the mean over the executor steps of the coverage rate (−0.1 for a
     *                 step that sees no assigned target)
     * @param coverage the mean coverage rate over the executor steps
     * @param done     whether the episode is over
     */
    public record StepOutcome(double reward, double coverage, boolean done) {
    }

    /** Turns the cameras: one action per camera at every executor step. */
    @FunctionalInterface
    public interface Executor {
        /**
         * @param goals {@code [cameras][targets]} the coordinator's current assignment
         * @return {@code [cameras]} actions: 0 stay, 1 turn +5°, 2 turn −5°
         */
        int[] actions(SensorNetwork network, boolean[][] goals);
    }
}
