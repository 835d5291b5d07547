package org.sdzoo.examples;

import java.io.IOException;
import java.util.Map;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.task.Task;

/**
 * A runnable example the command line knows by name ({@code sdzoo train <name>}). Adding an
 * example is one class implementing this and one line in {@link Examples}.
 */
public interface Example {

    /** @return the name on the command line, e.g. {@code kernel-regression} */
    String name();

    /** @return one line for {@code sdzoo list} */
    String description();

    /** @return the architecture the example trains, as registered in {@code Architectures} */
    String architecture();

    /** @return the task the example trains and evaluates with */
    Task task();

    /** Trains the example and writes its files; the result's table is printed by the command line. */
    ExampleResult train(TrainRequest request) throws IOException;

    /**
     * Trains a loaded model further on the user's data ({@code sdzoo fine-tune}).
     *
     * @throws IllegalArgumentException when the example does not support it
     */
    default ExampleResult fineTune(ZooModel loaded, TrainRequest request) throws IOException {
        throw new IllegalArgumentException("fine-tune is not available for " + name() + " yet");
    }

    /**
     * Evaluates a model without outside data, where the model carries its own ({@code sdzoo
     * evaluate} without {@code --data}).
     *
     * @throws IllegalArgumentException when the model needs data to be evaluated on
     */
    default Map<String, Double> evaluateWithoutData(ZooModel model) {
        throw new IllegalArgumentException("a " + architecture() + " model needs data to be evaluated on: give --data");
    }
}
