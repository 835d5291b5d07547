package org.sdzoo.zoo.models.hitmac.dsn;

import java.util.List;
import org.sdzoo.zoo.config.Require;

/**
 * The rules of HiT-MAC's 2-D directional sensor network ({@code ENV/DigitalPose2D} and its
 * {@code PoseEnvLarge_multi.json} in XuJing1022/HiT-MAC). Lengths are in the environment's units,
 * angles in degrees.
 *
 * @param cameras            how many cameras (the first {@code cameras} rows of {@code cameraAreas} are used)
 * @param targets            how many moving targets
 * @param coordinatorSteps   {@code max_steps}: the episode ends when more than this many coordinator steps were
 *                           taken, so an episode has {@code coordinatorSteps + 1} of them (the repository's
 *                           {@code count_steps > max_steps})
 * @param executorSteps      executor steps per coordinator step ({@code keep = 10}): the coordinator
 *                           re-assigns targets this often
 * @param visualDistance     a target farther than this is not seen
 * @param halfFieldOfView    a target is seen when its bearing relative to the camera's heading is strictly
 *                           inside ±this (the repository's {@code 1 - |angle| / 45 > 0})
 * @param rotationStep       one rotation action turns a camera by this ({@code rotation_scale})
 * @param area               {@code reset_area}: targets stay inside [−area, area]² and their goals are drawn there
 * @param startRange         targets start at integer points of [−startRange, startRange)² ({@code safe_start} ± 1000)
 * @param cameraAreas        {@code cam_area}: rows {xMin, xMax, yMin, yMax}; camera locations are integers drawn in
 *                           these boxes, the boxes handed to the cameras in a shuffled order every reset
 * @param minSpeed           a target's speed is an integer drawn in [minSpeed, maxSpeed) when it picks a goal
 * @param maxSpeed           see minSpeed
 * @param moveTime           a target moves speed × (1 + 0.2 u) × moveTime per move, u uniform in [0, 1)
 * @param goalPatience       a target picks a new goal after this many moves without reaching it ({@code max_len})
 * @param distanceScale      the distance feature is distance / this (2000 in the repository)
 */
public record DsnSettings(int cameras, int targets, int coordinatorSteps, int executorSteps, double visualDistance,
                          double halfFieldOfView, double rotationStep, double area, int startRange,
                          List<int[]> cameraAreas, int minSpeed, int maxSpeed, double moveTime, int goalPatience,
                          double distanceScale) {

    /** Validates every field. */
    public DsnSettings {
        Require.positive("cameras", cameras);
        Require.positive("targets", targets);
        Require.positive("coordinatorSteps", coordinatorSteps);
        Require.positive("executorSteps", executorSteps);
        Require.present("cameraAreas", cameraAreas);
        if (cameraAreas.size() < cameras) {
            throw new IllegalArgumentException("cameraAreas has " + cameraAreas.size() + " boxes for " + cameras
                    + " cameras: give at least one box per camera");
        }
        if (!(visualDistance > 0 && halfFieldOfView > 0 && halfFieldOfView <= 180 && rotationStep > 0 && area > 0
                && startRange > 0 && startRange <= area && minSpeed > 0 && maxSpeed > minSpeed && moveTime > 0
                && goalPatience > 0 && distanceScale > 0)) {
            throw new IllegalArgumentException("DsnSettings needs positive distances, speeds and scales, a half field"
                    + " of view in (0, 180], startRange <= area and minSpeed < maxSpeed");
        }
        cameraAreas = List.copyOf(cameraAreas);
    }

    /** @return the repository's setting: 4 cameras, 5 targets, 100 (+1) coordinator steps of 10 executor steps */
    public static DsnSettings published() {
        return new DsnSettings(4, 5, 100, 10, 800, 45, 5, 1250, 1000,
                List.of(new int[] {250, 750, 250, 750}, new int[] {250, 750, -750, -250},
                        new int[] {-1250, -750, -250, 250}, new int[] {-750, -250, 250, 750},
                        new int[] {750, 1250, -250, 250}, new int[] {-750, -250, -750, -250}),
                50, 100, 0.13, 100, 2000);
    }

    /** @return the same rules with another number of coordinator steps per episode (tests, quick runs) */
    public DsnSettings withCoordinatorSteps(int steps) {
        return new DsnSettings(cameras, targets, steps, executorSteps, visualDistance, halfFieldOfView, rotationStep,
                area, startRange, cameraAreas, minSpeed, maxSpeed, moveTime, goalPatience, distanceScale);
    }
}
