package org.sdzoo.zoo.samediff;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that defines whether a graph runs in training or inference: a scalar BOOL
 * placeholder named {@value #NAME}. SameDiff M2.1 fills a placeholder of that name, when the
 * caller does not, with true in {@code fit}, {@code calculateGradients} and
 * {@code calculateGradientsAndOutputs} and with false in {@code output}; a value the caller feeds
 * is used as given (see LearningPhaseTest). Phase-dependent blocks (dropout) read it, so
 * {@code predict} and evaluation are deterministic while training steps are not.
 */
public final class LearningPhase {

    /** The placeholder's name, which SameDiff recognises by its suffix. */
    public static final String NAME = "keras_learning_phase";

    private LearningPhase() {
    }

    /**
     * @return the graph's learning-phase placeholder, a BOOL scalar, created on first use at the
     *         root of the graph whatever name scope is open
     */
    public static SDVariable of(SameDiff sd) {
        if (sd.hasVariable(NAME)) {
            return sd.getVariable(NAME);
        }
        SDVariable phase = sd.placeHolder(NAME, DataType.BOOL);
        if (!phase.name().equals(NAME)) {
            // Created inside a block's name scope ("encoder/keras_learning_phase"): every block
            // must share one phase, so it lives at the root.
            phase.rename(NAME);
        }
        return phase;
    }

    /**
     * @return the phase as 1 (training) or 0 (inference) in {@code type}, a scalar to gate with
     */
    public static SDVariable asNumber(SameDiff sd, DataType type) {
        return of(sd).castTo(type);
    }

    /** @return true when some block of {@code sd} depends on the learning phase */
    public static boolean isUsedBy(SameDiff sd) {
        return sd.hasVariable(NAME);
    }

    /**
     * The placeholder to feed for an explicit phase, or nothing when the graph has none (SameDiff
     * refuses a placeholder the graph lacks).
     *
     * @return {@value #NAME} → a BOOL scalar, or an empty map
     */
    public static Map<String, INDArray> feed(SameDiff sd, boolean training) {
        return isUsedBy(sd) ? Map.of(NAME, Nd4j.scalar(training)) : Map.of();
    }
}
