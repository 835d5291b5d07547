package org.sdzoo.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * A runnable example the command line knows by name ({@code sdzoo train <name>}): its data,
 * config, model, task, trainer defaults and result table. {@link ExampleRunner} does the rest
 * (output directory, overrides, listeners, checkpoints, resume, {@code model.sdz}, {@code loss.png},
 * {@code result.json}, the console table), as do {@code fine-tune}, {@code evaluate},
 * {@code reproduce} and {@code bench}.
 *
 * <p>An implementation has a public no-argument constructor and is listed in
 * {@code META-INF/services/org.sdzoo.examples.Example}, where {@link Examples} finds it.
 *
 * @param <D> the example's data
 */
public interface Example<D extends ExampleData> {

    /**
     * What the command line shows of an example.
     *
     * @param name         the name on the command line, e.g. {@code kernel-regression}
     * @param description  one line for {@code sdzoo list}
     * @param architecture the architecture the example trains, as registered in {@code Architectures}
     * @param dataFormats  what {@code --data} accepts, as a phrase for help and errors, e.g. "a CSV file ..."
     */
    record About(String name, String description, String architecture, String dataFormats) {
    }

    /** @return the example's name, description, architecture and data formats */
    About about();

    /** @return the name on the command line */
    default String name() {
        return about().name();
    }

    /** @return one line for {@code sdzoo list} */
    default String description() {
        return about().description();
    }

    /** @return the architecture the example trains */
    default String architecture() {
        return about().architecture();
    }

    /** @return what {@code --data} accepts */
    default String dataFormats() {
        return about().dataFormats();
    }

    /**
     * @return the data options ({@code --length}, {@code --samples}, {@code --window}, {@code --horizon},
     *         {@code --time}) the example reads from {@link DataSource#options()}; the runner refuses the others
     */
    default java.util.List<String> dataOptions() {
        return java.util.List.of();
    }

    /**
     * @return whether the example trains on the user's {@code --data}, which makes it the one
     *         {@code fine-tune}, {@code evaluate} and {@code train ARCHITECTURE} pick for its architecture
     */
    default boolean takesUserData() {
        return false;
    }

    /** @return the task the example trains and evaluates with */
    Task task();

    /** @return the trainer settings of the reference (paper or code) the example follows; the seed is the default seed */
    TrainerConfig trainerDefaults();

    /**
     * Reads or makes the data: the example's own when {@code source.file()} is {@code null},
     * else the user's file. Called before anything is written.
     *
     * @throws IllegalArgumentException naming the flag or file that is wrong
     */
    D data(DataSource source) throws IOException;

    /**
     * @param configFile JSON overrides given with {@code --config}, or {@code null}
     * @return the model config for {@code data}
     */
    ModelConfig config(D data, Path configFile) throws IOException;

    /**
     * Prepares the data for a model of {@code config} when the batches depend on it (a GCN's
     * feature form: dense or CSR), so that a {@code --config} override, a resumed checkpoint or a
     * loaded model is fed what it takes. The runner calls it before any batch is made.
     *
     * @return {@code data} itself by default
     */
    default D forConfig(D data, ModelConfig config) {
        return data;
    }

    /** @return a fresh model of {@code config} for {@code data} */
    ZooModel model(ModelConfig config, D data);

    /**
     * Measures the trained model, writes the example's own plots into {@code run}, and returns
     * the table printed and written to {@code result.json}.
     */
    ResultTable results(ZooModel trained, TrainingResult training, D data, RunContext run) throws IOException;

    /**
     * Refuses a checkpoint that was trained on other data, before it is resumed.
     *
     * @throws IllegalArgumentException saying what differs and which flags to repeat
     */
    default void checkResume(ZooModel checkpoint, D data) {
    }

    /**
     * @return the model {@code fine-tune} trains: {@code loaded} itself, or a model for the new
     *         data that starts from its parameters (a model whose data is part of the graph)
     */
    default ZooModel forFineTune(ZooModel loaded, D data) {
        return loaded;
    }

    /**
     * Evaluates a model without outside data, where the model carries its own ({@code sdzoo
     * evaluate} without {@code --data}).
     *
     * @throws IllegalArgumentException when the model needs data to be evaluated on
     */
    default Map<String, Double> evaluateWithoutData(ZooModel model) {
        throw new IllegalArgumentException("a " + architecture() + " model needs data to be evaluated on: give --data ("
                + dataFormats() + ")");
    }

    /** @return the published protocol {@code sdzoo reproduce} runs, if the example has one */
    default Optional<Protocol> protocol() {
        return Optional.empty();
    }

    /** @return what {@code sdzoo bench} times with data of {@code seed}, if the example can be benchmarked */
    default Optional<BenchSpec> bench(long seed) throws IOException {
        return Optional.empty();
    }
}
