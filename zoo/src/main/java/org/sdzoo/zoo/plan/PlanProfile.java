package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Time spent per op kind inside execution plans, for profiling a model's step: on when the JVM
 * runs with {@code -D}{@value #PROPERTY}{@code =true} (off, it costs nothing). Kernel steps
 * computed in Java ({@link StepRewrites}) are listed as {@code <op> (java)}. With
 * {@code -D}{@value #PROPERTY}{@code =shapes} each op kind is split by its input shapes, to find
 * which graph pieces the time of a kind comes from; with {@code =steps} the time is listed per
 * step instead (its name, op kind and output shape), to find which of several ops of one kind
 * costs.
 */
public final class PlanProfile {

    /** The system property that turns the profile on ({@code true}). */
    public static final String PROPERTY = "sdzoo.plan.profile";

    static final boolean ON = "true".equalsIgnoreCase(System.getProperty(PROPERTY))
            || "shapes".equalsIgnoreCase(System.getProperty(PROPERTY))
            || "steps".equalsIgnoreCase(System.getProperty(PROPERTY));
    private static final boolean SHAPES = "shapes".equalsIgnoreCase(System.getProperty(PROPERTY));
    private static final boolean STEPS = "steps".equalsIgnoreCase(System.getProperty(PROPERTY));

    /** @return whether the JVM runs with the profile on */
    public static boolean enabled() {
        return ON;
    }

    /**
     * @param limit the most expensive entries to list
     * @return the totals since the last drain as a table (microseconds per call, calls, share of
     *         the listed time), and starts again
     */
    public static String drainTable(int limit) {
        Map<String, long[]> totals = drain();
        double all = totals.values().stream().mapToLong(t -> t[0]).sum();
        StringBuilder b = new StringBuilder(String.format("op time inside execution plans (-D%s), the %d costliest of %d:%n",
                PROPERTY, Math.min(limit, totals.size()), totals.size()));
        totals.entrySet().stream().limit(limit).forEach(e -> b.append(String.format("  %-64s %10.1f us/call %9d calls %5.1f %%%n",
                e.getKey(), e.getValue()[0] / 1e3 / Math.max(1, e.getValue()[1]), e.getValue()[1], 100 * e.getValue()[0] / all)));
        return b.toString();
    }

    /** per op kind: {nanoseconds, calls} */
    private static final Map<String, long[]> TOTALS = new ConcurrentHashMap<>();

    private PlanProfile() {
    }

    /** @param values the plan's arrays by slot, for the input and output shapes */
    static void add(PlanStep step, INDArray[] values, long nanos) {
        String key = step.op.opName() + (step.kind == PlanStep.Kind.KERNEL ? " (java)" : "");
        if (STEPS) {
            INDArray out = step.outputs.length == 0 || step.outputs[0] < 0 ? null : values[step.outputs[0]];
            key = step.name + " " + key + " " + (out == null ? "" : Arrays.toString(out.shape()))
                    + (step.valueDependent ? " (shapes checked each run)" : "")
                    + ((step.kind == PlanStep.Kind.CUSTOM || step.kind == PlanStep.Kind.LEGACY) && !step.callsDirectly()
                    ? " (executioner)" : step.kind == PlanStep.Kind.VIEW ? " (view)" : "");
        } else if (SHAPES) {
            StringBuilder b = new StringBuilder(key);
            for (int in : step.inputs) {
                b.append(' ').append(values[in] == null ? "?" : Arrays.toString(values[in].shape()));
            }
            key = b.toString();
        }
        long[] t = TOTALS.computeIfAbsent(key, k -> new long[2]);
        synchronized (t) {
            t[0] += nanos;
            t[1]++;
        }
    }

    /**
     * Returns the totals since the last call and starts again.
     *
     * @return per op kind, {total nanoseconds, calls}, the most expensive first (empty when the profile is off)
     */
    public static Map<String, long[]> drain() {
        Map<String, long[]> sorted = new LinkedHashMap<>();
        TOTALS.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> sorted.put(e.getKey(), e.getValue().clone()));
        TOTALS.clear();
        return sorted;
    }
}
