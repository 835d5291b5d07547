package org.sdzoo.zoo.models.hitmac.dsn;

/** The baselines that need no network. */
public final class RulePolicies {

    /** Executor action indices, as {@link SensorNetwork#rotate}. */
    static final int STAY = 0;
    static final int TURN_LEFT = 1;
    static final int TURN_RIGHT = 2;

    private RulePolicies() {
    }

    /** @return every camera takes one of the three rotations uniformly at random, from the network's seeded stream */
    public static SensorNetwork.Executor randomRotations() {
        return (network, goals) -> {
            int[] actions = new int[network.settings().cameras()];
            for (int i = 0; i < actions.length; i++) {
                actions[i] = network.random().nextInt(3);
            }
            return actions;
        };
    }

    /**
     * The greedy rule: every camera turns toward the nearest target within its visual distance
     * that no other camera sees (so a camera keeps a target it alone covers when that one is the
     * nearest), and stays put when there is none. It turns 5° when the target is more than 2.5°
     * off its heading, so it never oscillates around it. Assignments are ignored.
     */
    public static SensorNetwork.Executor greedy() {
        return (network, goals) -> {
            int[] actions = new int[network.settings().cameras()];
            for (int i = 0; i < actions.length; i++) {
                int nearest = nearestUncovered(network, i);
                actions[i] = nearest < 0 ? STAY : toward(network.bearing(i, nearest), network.settings().rotationStep());
            }
            return actions;
        };
    }

    /** @return the nearest target in range that no other camera sees, or −1 */
    static int nearestUncovered(SensorNetwork network, int camera) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < network.settings().targets(); j++) {
            double d = network.distance(camera, j);
            if (d <= network.settings().visualDistance() && d < bestDistance && !network.seenByAnyExcept(j, camera)) {
                best = j;
                bestDistance = d;
            }
        }
        return best;
    }

    /** @return the action that brings a relative bearing closest to 0 */
    static int toward(double bearing, double step) {
        if (Math.abs(bearing) <= step / 2) {
            return STAY;
        }
        return bearing > 0 ? TURN_LEFT : TURN_RIGHT;
    }
}
