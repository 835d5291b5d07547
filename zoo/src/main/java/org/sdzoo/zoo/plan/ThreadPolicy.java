package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.TransformOp;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * Chooses, at planning, the op threads each step of a large plan runs on: element-wise steps on
 * arrays of at most {@link #below()} elements run on one thread, every other step on the count
 * the run found (the session's). An op that opens a parallel region waits for all its threads:
 * on a quiet machine a 50 × 50 {@code add} takes 7.0 µs on 2 threads and 1.1 µs on one, and when
 * other processes keep the cores busy each wait lasts a scheduler slice (a Transformer step was
 * 17 times slower on 2 threads than on one, speed.md). Matrix products, convolutions and large
 * arrays keep every thread, where the work pays for the wait.
 *
 * <p>Candidates are ops whose output elements are each computed alone (legacy transform, scalar
 * and broadcast ops, and the custom element-wise ops listed here), whose bits cannot depend on
 * how the elements are split between threads, and the custom row-wise ops and reductions listed
 * ({@code log_softmax} over Cora's {@code [2708, 7]} took 318 µs a call on two threads, 156 on
 * one), whose partial sums could be split differently. Each candidate is run again on one thread
 * at planning and kept there only if its outputs are bit for bit those of the run's count; the
 * split depends on the shapes only, which a plan fixes. {@code -D}{@value #PROPERTY}{@code =off}
 * turns the policy off; {@code -D}{@value #BELOW_PROPERTY}{@code =N} sets the size.
 */
final class ThreadPolicy {

    /** The system property that turns the per-step thread policy off ({@code off}). */
    static final String PROPERTY = "sdzoo.plan.threads";
    /** The system property giving the largest array (elements) of a step put on one thread. */
    static final String BELOW_PROPERTY = "sdzoo.plan.threads.below";
    /** A step's thread count meaning: the count the run found. */
    static final int RUN_THREADS = 0;
    /**
     * Up to where one thread was measured no slower than two for element-wise ops on a quiet
     * machine (speed.md, {@code ThreadPolicyBench}).
     */
    private static final long BELOW_DEFAULT = 1 << 16;

    /**
     * Custom (declarable) ops computing each output element from the same position of their inputs,
     * then row-wise ops and reductions (one thread only where the bits stay).
     */
    private static final Set<String> ONE_THREAD_CANDIDATES = Set.of("add", "subtract", "multiply", "divide", "realdiv",
            "reversesubtract", "reversedivide", "squaredsubtract", "maximum", "minimum", "floordiv", "floormod",
            "relu_bp", "thresholdedrelu_bp", "relu6_bp", "sigmoid_bp", "tanh_bp", "softsign_bp", "elu_bp",
            "lrelu_bp", "selu_bp", "cube_bp", "hardsigmoid_bp", "hardtanh_bp", "rationaltanh_bp",
            "rectifiedtanh_bp", "softplus_bp", "gelu_bp", "mish_bp", "swish_bp", "_powderivative", "pow",
            "sqrt", "rsqrt", "square", "relu", "relu6", "thresholdedrelu", "cast", "ones_as", "zeros_as",
            "where_np", "select", "not_equals", "equals", "greater", "less", "greater_equal", "less_equal",
            "log_softmax", "log_softmax_bp", "softmax", "softmax_bp", "reduce_sum", "reduce_sum_bp", "reduce_mean",
            "reduce_mean_bp", "onehot");

    private final boolean on;
    private final long below;
    private final int runThreads;
    private int single;

    private ThreadPolicy(boolean on, long below, int runThreads) {
        this.on = on;
        this.below = below;
        this.runThreads = runThreads;
    }

    /** @return the policy the system properties ask for, for a plan built on the current op thread count */
    static ThreadPolicy fromProperties() {
        return new ThreadPolicy(enabled(), below(), OpThreads.ompThreads());
    }

    /** @return whether {@value #PROPERTY} leaves the policy on (the default) */
    static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** @return {@value #BELOW_PROPERTY}, else {@value #BELOW_DEFAULT} */
    static long below() {
        return Long.getLong(BELOW_PROPERTY, BELOW_DEFAULT);
    }

    /**
     * Sets {@code step.threads} for a step just run on the run's count at planning; a candidate
     * is run again on one thread, keeping its outputs' bits (restored when they differ).
     *
     * @param values the plan's arrays by slot, holding the step's inputs and outputs
     */
    void assign(PlanStep step, INDArray[] values) {
        step.threads = RUN_THREADS;
        if (!on || runThreads <= 1 || !candidate(step) || largest(step, values) > below) {
            return;
        }
        INDArray[] before = new INDArray[step.outputs.length];
        for (int i = 0; i < before.length; i++) {
            INDArray out = values[step.outputs[i]];
            if (out == null || out.isEmpty()) {
                return;
            }
            for (int in : step.inputs) {
                if (values[in] == null || values[in].isEmpty() || values[in].data().address() == out.data().address()) {
                    return; // in place: a second run would read its own output
                }
            }
            before[i] = out.dup();
        }
        try (OpThreads one = OpThreads.limit(1)) {
            step.run(values);
        }
        for (int i = 0; i < before.length; i++) {
            INDArray out = values[step.outputs[i]];
            if (!Arrays.equals(bits(before[i]), bits(out))) {
                for (int k = 0; k < before.length; k++) {
                    values[step.outputs[k]].assign(before[k]);
                }
                return;
            }
        }
        step.threads = 1;
        single++;
    }

    /** @return the steps put on one thread so far */
    int singleThreadSteps() {
        return single;
    }

    private static boolean candidate(PlanStep step) {
        if (step.seededRandom || step.valueDependent || step.context == null) {
            return false;
        }
        if (step.kind == PlanStep.Kind.LEGACY) {
            return step.op instanceof TransformOp || step.op instanceof ScalarOp || step.op instanceof BroadcastOp;
        }
        return step.kind == PlanStep.Kind.CUSTOM && ONE_THREAD_CANDIDATES.contains(step.op.opName());
    }

    private static long largest(PlanStep step, INDArray[] values) {
        long largest = 0;
        for (int[] slots : new int[][] {step.inputs, step.outputs}) {
            for (int s : slots) {
                largest = Math.max(largest, values[s] == null ? 0 : values[s].length());
            }
        }
        return largest;
    }

    private static byte[] bits(INDArray a) {
        INDArray c = a.dup('c');
        return c.data().asBytes();
    }
}
