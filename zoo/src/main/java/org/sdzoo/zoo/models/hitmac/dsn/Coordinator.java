package org.sdzoo.zoo.models.hitmac.dsn;

/** Assigns targets to cameras at every coordinator step. */
@FunctionalInterface
public interface Coordinator {

    /** @return {@code [cameras][targets]}: true where the camera should cover the target */
    boolean[][] assign(SensorNetwork network);

    /** @return a coordinator that assigns every target to every camera (for executors that ignore assignments) */
    static Coordinator everyTarget() {
        return n -> {
            boolean[][] all = new boolean[n.settings().cameras()][n.settings().targets()];
            for (boolean[] row : all) {
                java.util.Arrays.fill(row, true);
            }
            return all;
        };
    }
}
