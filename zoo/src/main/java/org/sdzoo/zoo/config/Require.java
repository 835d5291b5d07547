package org.sdzoo.zoo.config;

/**
 * Validation helpers for config builders. Each failure is an {@link IllegalArgumentException}
 * whose one sentence names the field, the bad value and the fix.
 */
public final class Require {

    private Require() {
    }

    /** Requires {@code value > 0}. */
    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive but was " + value + ": set it to 1 or more");
        }
        return value;
    }

    /** Requires {@code value > 0} and finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive finite number but was " + value
                    + ": set it above 0");
        }
        return value;
    }

    /** Requires {@code value >= 0} and finite. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be 0 or more but was " + value
                    + ": use 0 to turn it off");
        }
        return value;
    }

    /** Requires {@code value >= 0}. */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be 0 or more but was " + value
                    + ": use 0 to turn it off");
        }
        return value;
    }

    /** Requires a finite value. */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number but was " + value);
        }
        return value;
    }

    /** Requires {@code low <= value < high}. */
    public static double inRange(String field, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new IllegalArgumentException(field + " must be in [" + low + ", " + high + ") but was " + value);
        }
        return value;
    }

    /** Requires a non-null value. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing: set it in the builder or the JSON");
        }
        return value;
    }
}
