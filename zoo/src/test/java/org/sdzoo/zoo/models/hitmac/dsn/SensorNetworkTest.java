package org.sdzoo.zoo.models.hitmac.dsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensorNetworkTest {

    private static final DsnSettings RULES = DsnSettings.published();

    /** Camera 0 at the origin facing +x; the others far away facing away, every target parked in a far corner. */
    private static SensorNetwork alone() {
        SensorNetwork n = new SensorNetwork(RULES, 1);
        n.placeCamera(0, 0, 0, 0);
        for (int i = 1; i < RULES.cameras(); i++) {
            n.placeCamera(i, 5000, 5000, 0);
        }
        for (int j = 0; j < RULES.targets(); j++) {
            n.placeTarget(j, -1200, -1200);
        }
        return n;
    }

    @Test
    void coveredWhenWithinVisualDistanceInclusive() {
        SensorNetwork n = alone();
        n.placeTarget(0, 800, 0);
        assertTrue(n.sees(0, 0), "800 away, straight ahead");
        n.placeTarget(0, 800.001, 0);
        assertFalse(n.sees(0, 0), "just beyond 800");
        assertEquals(0.0, n.coverage());
        n.placeTarget(0, 400, 300);
        assertEquals(500, n.distance(0, 0), 1e-9);
        assertTrue(n.sees(0, 0));
        assertEquals(1.0 / RULES.targets(), n.coverage(), 1e-12);
    }

    @Test
    void fieldOfViewIsStrictlyInsidePlusMinus45() {
        SensorNetwork n = alone();
        n.placeTarget(0, 100, 100);                       // bearing exactly 45
        assertEquals(45, n.bearing(0, 0), 1e-9);
        assertFalse(n.sees(0, 0), "1 - 45/45 = 0 is not > 0");
        n.placeTarget(0, 100, 99);                        // just inside
        assertTrue(n.sees(0, 0));
        n.placeTarget(0, 100, -99);
        assertTrue(n.sees(0, 0));
        n.placeTarget(0, 100, -101);
        assertFalse(n.sees(0, 0));
        n.placeTarget(0, -100, 0);                        // behind
        assertEquals(180, Math.abs(n.bearing(0, 0)), 1e-9);
        assertFalse(n.sees(0, 0));
    }

    @Test
    void bearingIsRelativeToTheHeadingAndWrapped() {
        SensorNetwork n = alone();
        n.placeCamera(0, 0, 0, 170);
        n.placeTarget(0, -100, -10);                      // atan2 ≈ -174.3, minus 170 = -344.3 → 15.7
        assertEquals(Math.toDegrees(Math.atan2(-10, -100)) - 170 + 360, n.bearing(0, 0), 1e-9);
        assertTrue(n.sees(0, 0));
        assertEquals(-170, Bearings.wrap(190), 1e-12);
        assertEquals(170, Bearings.wrap(-190), 1e-12);
        assertEquals(180, Bearings.wrap(180), 1e-12);
    }

    @Test
    void rotationsTurnByFiveDegreesAndWrap() {
        SensorNetwork n = alone();
        n.placeCamera(0, 0, 0, 178);
        n.rotate(0, 1);
        assertEquals(-177, n.rotation(0), 1e-12, "+5 past 180 wraps");
        n.rotate(0, 2);
        assertEquals(178, n.rotation(0), 1e-12);
        n.rotate(0, 0);
        assertEquals(178, n.rotation(0), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.rotate(0, 3));
        assertTrue(e.getMessage().contains("not one of 0 (stay)"), e.getMessage());
    }

    @Test
    void targetsStayInTheAreaAndMoveAtMostTheirTopSpeed() {
        SensorNetwork n = new SensorNetwork(RULES, 7);
        double maxStep = RULES.maxSpeed() * 1.2 * RULES.moveTime();
        for (int t = 0; t < 3000; t++) {
            double[] x = new double[RULES.targets()];
            double[] y = new double[RULES.targets()];
            for (int j = 0; j < x.length; j++) {
                x[j] = n.targetX(j);
                y[j] = n.targetY(j);
            }
            n.moveTargets();
            for (int j = 0; j < x.length; j++) {
                assertTrue(Math.abs(n.targetX(j)) <= RULES.area() && Math.abs(n.targetY(j)) <= RULES.area());
                double step = Math.hypot(n.targetX(j) - x[j], n.targetY(j) - y[j]);
                assertTrue(step <= maxStep + 1e-9 && step >= RULES.minSpeed() * RULES.moveTime() - 1e-9,
                        "a move of " + step);
            }
        }
    }

    @Test
    void resetDrawsIntegerStartsInsideTheBoxes() {
        SensorNetwork n = new SensorNetwork(RULES, 3);
        Set<String> boxesUsed = new HashSet<>();
        for (int e = 0; e < 20; e++) {
            n.reset();
            for (int j = 0; j < RULES.targets(); j++) {
                assertTrue(n.targetX(j) >= -1000 && n.targetX(j) < 1000 && n.targetX(j) == Math.rint(n.targetX(j)));
                assertTrue(n.targetY(j) >= -1000 && n.targetY(j) < 1000);
            }
            for (int i = 0; i < RULES.cameras(); i++) {
                int box = boxOf(n.cameraX(i), n.cameraY(i));
                assertTrue(box >= 0 && box < RULES.cameras(), "camera " + i + " outside the first four boxes");
                boxesUsed.add(i + ":" + box);
                assertTrue(n.rotation(i) >= -180 && n.rotation(i) < 180 && n.rotation(i) == Math.rint(n.rotation(i)));
            }
        }
        assertTrue(boxesUsed.size() > RULES.cameras(), "the boxes are shuffled among the cameras");
    }

    private static int boxOf(double x, double y) {
        for (int b = 0; b < RULES.cameraAreas().size(); b++) {
            int[] a = RULES.cameraAreas().get(b);
            if (x >= a[0] && x < a[1] && y >= a[2] && y < a[3]) {
                return b;
            }
        }
        return -1;
    }

    @Test
    void featuresAreIndexBearingAndDistanceScaled() {
        SensorNetwork n = alone();
        n.placeCamera(2, 0, 0, 90);
        n.placeTarget(3, 0, 1000);
        double[][][] obs = n.coordinatorObservation();
        assertArrayEquals(new double[] {2 / 4.0, 3 / 5.0, 0, 0.5}, obs[2][3], 1e-12);
        n.placeTarget(3, 1000, 0);
        assertArrayEquals(new double[] {2 / 4.0, 3 / 5.0, -0.5, 0.5}, n.coordinatorObservation()[2][3], 1e-12);
    }

    @Test
    void executorSeesItsAssignedTargetsInRowsThenZeros() {
        SensorNetwork n = alone();
        n.placeTarget(1, 0, 400);
        n.placeTarget(4, 400, 0);
        double[][] obs = n.executorObservation(0, new boolean[] {false, true, false, false, true});
        assertArrayEquals(new double[] {0, 0, 0.5, 0.2}, obs[0], 1e-12);
        assertArrayEquals(new double[] {0, 1 / 5.0, 0, 0.2}, obs[1], 1e-12, "the row index, not the target's");
        for (int r = 2; r < RULES.targets(); r++) {
            assertArrayEquals(new double[4], obs[r]);
        }
    }

    @Test
    void anEpisodeHasMaxStepsPlusOneCoordinatorStepsOfTenExecutorSteps() {
        SensorNetwork n = new SensorNetwork(RULES.withCoordinatorSteps(3), 5);
        int[] executorCalls = {0};
        Episodes.Result r = Episodes.play(n, Coordinator.everyTarget(), (net, g) -> {
            executorCalls[0]++;
            return new int[RULES.cameras()];
        }, true);
        assertEquals(4 * RULES.executorSteps(), executorCalls[0]);
        assertEquals(4 * RULES.executorSteps(), r.frames().size());
        assertTrue(r.meanCoverage() >= 0 && r.meanCoverage() <= 1);
    }

    @Test
    void rewardIsCoverageOrMinusOneTenthWhenNoAssignedTargetIsSeen() {
        SensorNetwork n = alone();
        n.placeTarget(0, 400, 0);
        SensorNetwork.StepOutcome kept = n.step(Coordinator.everyTarget().assign(n), (net, g) -> new int[4], null);
        assertTrue(kept.coverage() > 0);
        assertEquals(kept.coverage(), kept.reward(), 1e-12);
        SensorNetwork m = alone();
        m.placeTarget(0, 400, 0);
        SensorNetwork.StepOutcome dropped = m.step(new boolean[4][5], (net, g) -> new int[4], null);
        assertEquals(SensorNetwork.NOTHING_CAPTURED, dropped.reward(), 1e-12);
    }

    @Test
    void sameSeedSameEpisodeOtherSeedOtherEpisode() {
        DsnSettings quick = RULES.withCoordinatorSteps(5);
        Episodes.Result a = Episodes.play(new SensorNetwork(quick, 11), Coordinator.everyTarget(),
                RulePolicies.randomRotations(), false);
        Episodes.Result b = Episodes.play(new SensorNetwork(quick, 11), Coordinator.everyTarget(),
                RulePolicies.randomRotations(), false);
        Episodes.Result c = Episodes.play(new SensorNetwork(quick, 12), Coordinator.everyTarget(),
                RulePolicies.randomRotations(), false);
        assertEquals(a.meanCoverage(), b.meanCoverage());
        assertEquals(a.reward(), b.reward());
        assertNotEquals(a.reward(), c.reward());
    }

    @Test
    void greedyTurnsTowardTheNearestTargetNoOtherCameraSees() {
        SensorNetwork n = alone();
        n.placeTarget(0, 0, 300);          // bearing +90, nearest
        n.placeTarget(1, 0, -600);         // bearing -90
        assertEquals(RulePolicies.TURN_LEFT, RulePolicies.greedy().actions(n, null)[0]);
        n.placeCamera(1, 0, 600, -90);     // camera 1 now sees target 0
        assertTrue(n.sees(1, 0));
        assertEquals(RulePolicies.TURN_RIGHT, RulePolicies.greedy().actions(n, null)[0]);
        assertEquals(RulePolicies.STAY, RulePolicies.toward(2.4, 5));
    }

    @Test
    void wrongAssignmentShapeIsRefused() {
        SensorNetwork n = alone();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> n.step(new boolean[3][5], RulePolicies.greedy(), null));
        assertTrue(e.getMessage().contains("[cameras][targets] = [4][5]"), e.getMessage());
    }
}
