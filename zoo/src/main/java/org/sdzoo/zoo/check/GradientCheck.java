package org.sdzoo.zoo.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * A strict central finite-difference gradient check for a SameDiff graph in double precision.
 * Unlike ND4J's {@code GradCheckUtil}, a gradient of exactly 0 on one side and not the other
 * fails, so a missing backprop path cannot slip through.
 *
 * <p>Loss and gradients are computed in the same phase: a graph with phase-dependent blocks
 * ({@link LearningPhase}, e.g. dropout) runs every evaluation in the training phase (unless the
 * caller feeds the phase) with ND4J's generator re-seeded to the same value first, so each sees
 * the same dropout mask.
 */
public final class GradientCheck {

    static {
        // A check must judge the gradients models train with, so M2.1's ops are fixed here too.
        org.sdzoo.zoo.samediff.SameDiffFixes.install();
    }

    /**
     * The outcome of a check.
     *
     * @param checked          scalars compared
     * @param maxRelativeError the largest relative error seen
     * @param failures         one line per scalar outside tolerance (at most 20)
     */
    public record Result(int checked, double maxRelativeError, List<String> failures) {

        /** @return true when no scalar failed */
        public boolean passed() {
            return failures.isEmpty() && checked > 0;
        }

        @Override
        public String toString() {
            return (passed() ? "passed" : "FAILED") + ": " + checked + " values, max relative error "
                    + maxRelativeError + (failures.isEmpty() ? "" : "; " + String.join("; ", failures));
        }
    }

    /** The seed every evaluation starts from, so random ops draw the same values each time. */
    private static final long SEED = 12345;

    private GradientCheck() {
    }

    /**
     * Compares SameDiff's gradient of the scalar {@code loss} with respect to every variable of the
     * graph against {@code (L(x + ε) - L(x - ε)) / 2ε}.
     *
     * @param placeholders every placeholder the loss needs
     * @param epsilon      the finite-difference step, e.g. 1e-6
     * @param maxRelative  tolerated relative error, e.g. 1e-5
     * @param minAbsolute  absolute differences below this pass regardless, e.g. 1e-8
     */
    public static Result check(SameDiff sd, String loss, Map<String, INDArray> placeholders, double epsilon,
                               double maxRelative, double minAbsolute) {
        List<String> variables = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                if (v.dataType() != DataType.DOUBLE) {
                    throw new IllegalArgumentException("variable '" + v.name() + "' is " + v.dataType()
                            + ": gradient checks need float64 (build the model with precision float64)");
                }
                variables.add(v.name());
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("the graph has no variables to check");
        }
        Map<String, INDArray> feed = new HashMap<>(placeholders);
        LearningPhase.feed(sd, true).forEach(feed::putIfAbsent);
        Nd4j.getRandom().setSeed(SEED);
        Map<String, INDArray> analytic = QuietSameDiff.run(() -> sd.calculateGradients(feed, variables));
        List<String> failures = new ArrayList<>();
        int checked = 0;
        double maxRel = 0;
        for (String name : variables) {
            INDArray param = sd.getArrForVarName(name);
            INDArray grad = analytic.get(name);
            for (long i = 0; i < param.length(); i++) {
                double original = param.getDouble(i);
                param.putScalar(i, original + epsilon);
                double plus = lossValue(sd, loss, feed);
                param.putScalar(i, original - epsilon);
                double minus = lossValue(sd, loss, feed);
                param.putScalar(i, original);
                double numeric = (plus - minus) / (2 * epsilon);
                double a = grad == null ? 0 : grad.getDouble(i);
                checked++;
                if (Math.abs(a - numeric) > minAbsolute) {
                    maxRel = Math.max(maxRel, relativeError(a, numeric));
                }
                if (!agrees(a, numeric, maxRelative, minAbsolute) && failures.size() < 20) {
                    failures.add(name + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
                }
            }
        }
        return new Result(checked, maxRel, failures);
    }

    /** {@link #check} with ε = 1e-6, relative tolerance 1e-5 and absolute floor 1e-8. */
    public static Result check(SameDiff sd, String loss, Map<String, INDArray> placeholders) {
        return check(sd, loss, placeholders, 1e-6, 1e-5, 1e-8);
    }

    /**
     * The pass rule: absolute difference within {@code minAbsolute}, or relative error within
     * {@code maxRelative}. A zero on one side only is a relative error of 1, so it fails.
     */
    static boolean agrees(double analytic, double numeric, double maxRelative, double minAbsolute) {
        return Math.abs(analytic - numeric) <= minAbsolute || relativeError(analytic, numeric) <= maxRelative;
    }

    private static double relativeError(double a, double b) {
        double diff = Math.abs(a - b);
        return diff == 0 ? 0 : diff / Math.max(Math.abs(a), Math.abs(b));
    }

    private static double lossValue(SameDiff sd, String loss, Map<String, INDArray> placeholders) {
        Nd4j.getRandom().setSeed(SEED);
        return sd.output(placeholders, loss).get(loss).getDouble(0);
    }
}
