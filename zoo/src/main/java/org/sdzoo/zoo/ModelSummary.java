package org.sdzoo.zoo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sdzoo.zoo.config.ModelConfig;

/** Renders a model as a table, like Keras' {@code model.summary()}. */
final class ModelSummary {

    private ModelSummary() {
    }

    /**
     * @param parameters each trainable parameter's shape by name, in display order
     */
    static String of(ModelConfig config, List<TensorSpec> inputs, List<TensorSpec> optionalInputs,
                     List<TensorSpec> outputs, Map<String, long[]> parameters) {
        StringBuilder s = new StringBuilder();
        String rule = "-".repeat(72) + "\n";
        s.append("Model: ").append(config.architecture()).append(" (").append(config.precision().jsonName())
                .append(")\n").append(rule);
        s.append(String.format("%-28s %-22s %-12s %8s%n", "block / parameter", "shape", "", "params"));
        s.append(rule);
        for (TensorSpec in : inputs) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "input " + in.name(), in.expected(), in.legend(), ""));
        }
        for (TensorSpec in : optionalInputs) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "input " + in.name() + " (optional)", in.expected(),
                    in.legend(), ""));
        }
        long total = 0;
        for (var p : parameters.entrySet()) {
            long length = Arrays.stream(p.getValue()).reduce(1, (a, b) -> a * b);
            total += length;
            s.append(String.format("%-28s %-22s %-12s %8d%n", p.getKey(), Arrays.toString(p.getValue()), "", length));
        }
        for (TensorSpec out : outputs) {
            s.append(String.format("%-28s %-22s %-12s %8s%n", "output " + out.name(), out.expected(), out.legend(), ""));
        }
        s.append(rule).append(String.format("Trainable parameters: %,d%n", total));
        config.summaryNotes().forEach(line -> s.append(line).append('\n'));
        return s.toString();
    }
}
