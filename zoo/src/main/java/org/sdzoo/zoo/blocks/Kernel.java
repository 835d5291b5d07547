package org.sdzoo.zoo.blocks;

import java.util.function.DoubleUnaryOperator;

/**
 * The kernels of d2l's attention-pooling chapter, as pure functions of a (bandwidth-scaled)
 * distance {@code u}. The graph uses the same formulas; these plain versions document them and
 * serve as the reference in tests.
 */
public enum Kernel {
    /** {@code exp(-u² / 2)}. */
    GAUSSIAN(u -> Math.exp(-u * u / 2)),
    /** {@code 1 if |u| < 1 else 0}. */
    BOXCAR(u -> Math.abs(u) < 1.0 ? 1.0 : 0.0),
    /** {@code 1}: every key weighs the same, so the estimate is the mean of the targets. */
    CONSTANT(u -> 1.0),
    /** {@code max(1 - |u|, 0)} (d2l's "Epanechikov"). */
    EPANECHNIKOV(u -> Math.max(1.0 - Math.abs(u), 0.0));

    private final DoubleUnaryOperator function;

    Kernel(DoubleUnaryOperator function) {
        this.function = function;
    }

    /** @return the kernel's value at distance {@code u} */
    public double apply(double u) {
        return function.applyAsDouble(u);
    }
}
