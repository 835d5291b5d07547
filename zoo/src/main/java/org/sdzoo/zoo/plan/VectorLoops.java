package org.sdzoo.zoo.plan;

import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between a loop class written with the JDK's vector API and its scalar twin: the vector
 * one when the JVM runs with {@code --add-modules jdk.incubator.vector}, the CPU has 256-bit vectors
 * (the class's constructor throws {@link IllegalStateException} otherwise: narrower vectors are
 * emulated, slower than the scalar loop) and {@value RowSums#PROPERTY}{@code =off} is not set. The
 * vector class is loaded by name only then, so it never links on a JVM without the module.
 */
final class VectorLoops {

    private static final Logger LOG = LoggerFactory.getLogger(VectorLoops.class);

    private VectorLoops() {
    }

    /**
     * @param what        what the loops are, for the DEBUG line saying which was chosen
     * @param vectorClass the vector implementation's class name, with a no-argument constructor
     * @param scalar      makes the scalar implementation
     * @param describe    names the chosen vector implementation for the DEBUG line
     */
    static <T> T choose(String what, Class<T> type, String vectorClass, Supplier<T> scalar,
            Function<T, String> describe) {
        String why;
        if ("off".equalsIgnoreCase(System.getProperty(RowSums.PROPERTY))) {
            why = "-D" + RowSums.PROPERTY + "=off";
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            why = "the JVM runs without --add-modules jdk.incubator.vector";
        } else {
            try {
                T vector = type.cast(Class.forName(vectorClass).getDeclaredConstructor().newInstance());
                LOG.debug("{}: {}", what, describe.apply(vector));
                return vector;
            } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
                why = e.toString();
            }
        }
        LOG.debug("{}: scalar ({})", what, why);
        return scalar.get();
    }
}
