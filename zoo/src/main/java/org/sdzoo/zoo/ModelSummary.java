package org.sdzoo.zoo;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Renders a model as a table, like Keras' {@code model.summary()}. */
final class ModelSummary {

    private ModelSummary() {
    }

    static String of(ZooModel model) {
        StringBuilder s = new StringBuilder();
        String rule = "-".repeat(72) + "\n";
        s.append("Model: ").append(model.config().architecture()).append(" (").append(model.config().precision().jsonName())
                .append(")\n").append(rule);
        s.append(String.format("%-28s %-22s %-12s %8s%n", "block / parameter", "shape", "", "params"));
        s.append(rule);
        for (TensorSpec in : model.inputs()) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "input " + in.name(), in.expected(), in.legend(), ""));
        }
        for (TensorSpec in : model.optionalInputs()) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "input " + in.name() + " (optional)", in.expected(),
                    in.legend(), ""));
        }
        for (String name : model.parameterNames()) {
            INDArray a = model.sameDiff().getArrForVarName(name);
            s.append(String.format("%-28s %-22s %-12s %8d%n", name, Arrays.toString(a.shape()), "", a.length()));
        }
        for (TensorSpec out : model.outputs()) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "output " + out.name(), out.expected(), out.legend(), ""));
        }
        s.append(rule).append(String.format("Trainable parameters: %,d%n", model.parameterCount()));
        return s.toString();
    }
}
