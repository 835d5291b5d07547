package org.sdzoo.zoo.models.hitmac.dsn;

import java.util.Random;

/**
 * How a target moves: the repository's {@code GoalNavAgent}. It walks toward a goal drawn in the
 * area at a speed drawn when the goal is; it draws a new goal and speed when it is within 5 of the
 * goal, when it moved less than 10 since one of its last two positions (which a target slower than
 * about 77 does at every move, so slow targets wander), or after {@code goalPatience} moves.
 */
final class TargetWalker {

    private static final double REACHED = 5;
    private static final double STUCK = 10;
    /** What the repository assumes a target moved before it has two positions. */
    private static final double FIRST_MOVE = 30;

    private final DsnSettings settings;
    private final Random random;
    private double goalX;
    private double goalY;
    private int speed;
    private int moves;
    private double[] lastButOne;
    private double[] last;

    TargetWalker(DsnSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    void reset() {
        moves = 0;
        newGoal();
        lastButOne = null;
        last = null;
    }

    /** @return {speed, unit x, unit y} toward the goal from (x, y), after the repository's goal rules */
    double[] act(double x, double y) {
        moves++;
        double moved;
        if (last == null) {
            lastButOne = new double[] {x, y};
            last = new double[] {x, y};
            moved = FIRST_MOVE;
        } else {
            moved = Math.min(Math.hypot(lastButOne[0] - x, lastButOne[1] - y), Math.hypot(last[0] - x, last[1] - y));
            lastButOne = last;
            last = new double[] {x, y};
        }
        if (Math.hypot(x - goalX, y - goalY) < REACHED || moved < STUCK || moves > settings.goalPatience()) {
            newGoal();
            moves = 0;
        }
        double dx = goalX - x;
        double dy = goalY - y;
        double norm = Math.hypot(dx, dy);
        double velocity = speed * (1 + 0.2 * random.nextDouble());
        return norm == 0 ? new double[] {velocity, 0, 0} : new double[] {velocity, dx / norm, dy / norm};
    }

    private void newGoal() {
        int a = (int) settings.area();
        goalX = randint(random, -a, a);
        goalY = randint(random, -a, a);
        speed = randint(random, settings.minSpeed(), settings.maxSpeed());
    }

    /** NumPy's {@code randint(low, high)}: an integer in [low, high). */
    static int randint(Random random, int low, int high) {
        return low + random.nextInt(high - low);
    }
}
