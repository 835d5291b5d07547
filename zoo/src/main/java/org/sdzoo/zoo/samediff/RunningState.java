package org.sdzoo.zoo.samediff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays a graph keeps between training steps without training them (batch normalisation's running
 * mean and variance): each is a constant {@code S}, and the graph computes its value after the
 * step as a variable named {@code S}{@value #NEXT_SUFFIX}. A training step asks for every
 * {@link #nextNames next value} beside its loss and {@link #advance copies} them into the
 * constants in place, so the execution plan, which holds the constants' arrays, sees the new
 * values; inference reads the constants only. The constants travel with the graph (archives,
 * checkpoints: {@code ZooModel.copyParametersFrom} copies them with the parameters).
 */
public final class RunningState {

    /** Suffix of the variable holding a state's value after a training step. */
    public static final String NEXT_SUFFIX = "_next";

    private RunningState() {
    }

    /**
     * Declares {@code next} as the value {@code state} takes after each training step.
     *
     * @param state a constant of the graph, e.g. {@code [D]}
     * @param next  a variable of the same shape computed from the step's batch
     */
    public static void declare(SDVariable state, SDVariable next) {
        if (state.getVariableType() != VariableType.CONSTANT) {
            throw new IllegalStateException("running state '" + state.name() + "' must be a constant of the graph,"
                    + " not a " + state.getVariableType() + ": create it with sd.constant");
        }
        next.rename(state.name() + NEXT_SUFFIX);
    }

    /** @return the names of the graph's running states, in graph order; empty for most models */
    public static List<String> names(SameDiff sd) {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.CONSTANT && sd.hasVariable(v.name() + NEXT_SUFFIX)) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** @return the variables a training step must compute to {@link #advance} the states */
    public static List<String> nextNames(SameDiff sd) {
        return names(sd).stream().map(n -> n + NEXT_SUFFIX).toList();
    }

    /**
     * Copies each state's next value, as computed by a training step, into the state.
     *
     * @param outputs the step's outputs, holding every {@link #nextNames next name}
     */
    public static void advance(SameDiff sd, Map<String, INDArray> outputs) {
        advance(sd, names(sd), outputs);
    }

    /**
     * {@link #advance(SameDiff, Map)} for states already looked up by {@link #names}, as a
     * training loop does once rather than scanning the graph's variables every step.
     */
    public static void advance(SameDiff sd, List<String> states, Map<String, INDArray> outputs) {
        for (String name : states) {
            INDArray next = outputs.get(name + NEXT_SUFFIX);
            if (next == null) {
                throw new IllegalStateException("the training step did not compute '" + name + NEXT_SUFFIX
                        + "': ask for RunningState.nextNames beside the loss");
            }
            sd.getArrForVarName(name).assign(next);
        }
    }
}
