package org.sdzoo.zoo.models.hitmac.dsn;

/** The plane geometry of the sensor network, as pure functions (angles in degrees). */
public final class Bearings {

    private Bearings() {
    }

    /**
     * Brings an angle into [−180, 180] (the repository's {@code get_hori_direction} and
     * {@code set_rotation} add or subtract 360 once; this repeats until it is in range, which
     * gives the same value for every angle they see).
     */
    public static double wrap(double degrees) {
        double a = degrees;
        while (a > 180) {
            a -= 360;
        }
        while (a < -180) {
            a += 360;
        }
        return a;
    }

    /** @return the direction of (tx, ty) seen from (cx, cy), relative to a camera heading {@code rotation}, in [−180, 180] */
    public static double relativeBearing(double cx, double cy, double rotation, double tx, double ty) {
        return wrap(Math.toDegrees(Math.atan2(ty - cy, tx - cx)) - rotation);
    }

    /** @return the Euclidean distance */
    public static double distance(double cx, double cy, double tx, double ty) {
        return Math.hypot(tx - cx, ty - cy);
    }

    /**
     * The repository's {@code angle_reward}: seen when {@code 1 − |bearing| / halfFov > 0} and
     * {@code distance <= visualDistance}.
     */
    public static boolean visible(double relativeBearing, double distance, double halfFieldOfView,
                                  double visualDistance) {
        return 1 - Math.abs(relativeBearing) / halfFieldOfView > 0 && distance <= visualDistance;
    }
}
