package org.sdzoo.zoo.samediff;

import java.lang.reflect.Field;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.ops.impl.shape.Gather;

/**
 * Replaces SameDiff M2.1 ops whose gradient is wrong by subclasses with a correct one.
 *
 * <p>A subclass used directly is not enough: SameDiff builds its gradient graph on a copy of the
 * forward graph, and copies each op by serialising it and instantiating the class that
 * {@link DifferentialFunctionClassHolder} maps to the op's name hash ({@code customOpHashToClass},
 * also used by {@code dup()} and {@code SameDiff.load}). So the mapping itself is re-pointed, once
 * per JVM, by reflection on its private maps; every graph built with {@code sd.gather(...)} then
 * gets the summing gradient, whichever code built it. The forward op is unchanged, so saved
 * models stay readable by plain ND4J.
 *
 * <p>Fixed so far: {@code gather} → {@link SummingGather}.
 */
public final class SameDiffFixes {

    private static boolean installed;

    private SameDiffFixes() {
    }

    /** Installs every fix; calling it again does nothing. Thread-safe. */
    public static synchronized void install() {
        if (!installed) {
            replace(Gather.class, SummingGather.class);
            installed = true;
        }
    }

    /** @return whether {@link #install()} has run in this JVM */
    public static synchronized boolean isInstalled() {
        return installed;
    }

    /** Undoes {@link #install()}, for tests that show the defect itself. */
    static synchronized void uninstall() {
        if (installed) {
            replace(SummingGather.class, Gather.class);
            installed = false;
        }
    }

    private static void replace(Class<? extends DifferentialFunction> from, Class<? extends DifferentialFunction> to) {
        DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
        try {
            Map<Long, Class<?>> byHash = field(holder, "customOpHashToClass");
            int replaced = 0;
            for (var e : byHash.entrySet()) {
                if (e.getValue() == from) {
                    e.setValue(to);
                    replaced++;
                }
            }
            Map<Long, Map<String, Class<?>>> byHashAndName = field(holder, "customOpHashToClasses");
            for (Map<String, Class<?>> names : byHashAndName.values()) {
                for (var e : names.entrySet()) {
                    if (e.getValue() == from) {
                        e.setValue(to);
                        replaced++;
                    }
                }
            }
            if (replaced == 0) {
                throw new IllegalStateException("ND4J's op registry has no entry for " + from.getSimpleName()
                        + ": this ND4J version differs from 1.0.0-M2.1, re-check SameDiffFixes against it");
            }
            Map<String, DifferentialFunction> byName = field(holder, "nodeConverters");
            for (var e : byName.entrySet()) {
                if (e.getValue().getClass() == from) {
                    e.setValue(to.getDeclaredConstructor().newInstance());
                }
            }
            // Op properties are looked up by the op's class name; the subclass has the same fields.
            Map<String, Map<String, Field>> fields = field(holder, "fieldsForFunction");
            Map<String, Field> known = fields.get(from.getName());
            if (known != null) {
                fields.putIfAbsent(to.getName(), known);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot re-point ND4J's " + from.getSimpleName() + " to "
                    + to.getSimpleName() + " (" + e + "): this ND4J version differs from 1.0.0-M2.1", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(owner);
    }
}
