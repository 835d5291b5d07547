package org.sdzoo.zoo;

import java.util.Arrays;

/**
 * The name and expected shape of a model input or output.
 *
 * @param name   the placeholder or variable name in the graph
 * @param legend the shape in the dimension legend, e.g. {@code [Q, F]}
 * @param shape  the expected shape, {@code -1} where any size is allowed
 */
public record TensorSpec(String name, String legend, long... shape) {

    /** @return true when {@code actual} has this spec's rank and every fixed dimension */
    public boolean matches(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the expected shape with {@code ?} for free dimensions, e.g. {@code [?, 1]} */
    public String expected() {
        return Arrays.toString(Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d)).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.legend.equals(legend) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + legend + " " + expected();
    }
}
