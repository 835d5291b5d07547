package org.sdzoo.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.DataChecks;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.plan.PlannedGraph;
import org.sdzoo.zoo.samediff.RunningState;

/**
 * A model of the zoo: a SameDiff graph built from an immutable config, with named inputs and
 * outputs. Inputs are checked in Java (names, shapes, NaN) before SameDiff runs, so a caller's
 * mistake is a sentence, not a native stack trace.
 *
 * <p>Parameters change in training; the graph's structure and the config never do.
 */
public final class ZooModel {

    static {
        // Every model's gradients, however its graph was built or loaded, get M2.1's ops fixed.
        org.sdzoo.zoo.samediff.SameDiffFixes.install();
        org.sdzoo.zoo.samediff.NdEnvironment.apply();
    }

    private final ModelConfig config;
    private final SameDiff sameDiff;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> optionalInputs;
    private final List<TensorSpec> outputs;
    private final List<String> outputNames;
    private final UnaryOperator<Map<String, INDArray>> defaults;
    private final PlannedGraph forward;
    /** forward passes to other outputs (an evaluation's loss and prediction), by output list */
    private final Map<List<String>, PlannedGraph> passes = new ConcurrentHashMap<>();
    private final UnaryOperator<Map<String, INDArray>> prepare;

    /**
     * @param inputs         required inputs, in the order of a {@code MultiDataSet}'s features
     * @param optionalInputs inputs {@code defaults} fills in when absent; they follow the
     *                       required ones in a {@code MultiDataSet}'s features
     * @param outputs        outputs, the primary prediction first
     * @param defaults       given the validated inputs, returns them with the optional ones added
     */
    public ZooModel(ModelConfig config, SameDiff sameDiff, List<TensorSpec> inputs, List<TensorSpec> optionalInputs,
                    List<TensorSpec> outputs, UnaryOperator<Map<String, INDArray>> defaults) {
        this(config, sameDiff, inputs, optionalInputs, outputs, UnaryOperator.identity(), defaults);
    }

    /**
     * As the other constructor, with {@code prepare} applied to the caller's arrays before they
     * are checked: for inputs whose meaning depends on their type, such as PyTorch's attention
     * masks (bool True = masked, or an additive float with -inf), which it turns into the
     * additive, finite form the graph takes.
     */
    public ZooModel(ModelConfig config, SameDiff sameDiff, List<TensorSpec> inputs, List<TensorSpec> optionalInputs,
                    List<TensorSpec> outputs, UnaryOperator<Map<String, INDArray>> prepare,
                    UnaryOperator<Map<String, INDArray>> defaults) {
        this.prepare = prepare;
        this.config = config;
        this.sameDiff = sameDiff;
        this.inputs = List.copyOf(inputs);
        this.optionalInputs = List.copyOf(optionalInputs);
        this.outputs = List.copyOf(outputs);
        this.defaults = defaults;
        if (outputs.isEmpty()) {
            throw new IllegalStateException("a model needs at least one output");
        }
        this.outputNames = outputs.stream().map(TensorSpec::name).toList();
        this.forward = PlannedGraph.forOutputs(sameDiff, outputNames);
    }

    /** @return the config this model was built from */
    public ModelConfig config() {
        return config;
    }

    /** @return the underlying graph, for inspection or for adding a task's loss */
    public SameDiff sameDiff() {
        return sameDiff;
    }

    /** @return the required inputs, in {@code MultiDataSet} feature order */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** @return inputs with defaults, which follow the required ones in feature order */
    public List<TensorSpec> optionalInputs() {
        return optionalInputs;
    }

    /** @return the outputs, the primary prediction first */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    /** @return the graph variable of the primary prediction */
    public SDVariable primaryOutput() {
        return sameDiff.getVariable(outputs.get(0).name());
    }

    /** @return the model's floating-point type */
    public DataType dataType() {
        return config.precision().dataType();
    }

    /** @return names of the trainable parameters, sorted */
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (SDVariable v : sameDiff.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        names.sort(String::compareTo);
        return names;
    }

    /** @return the number of trainable scalars */
    public long parameterCount() {
        long total = 0;
        for (String name : parameterNames()) {
            total += sameDiff.getArrForVarName(name).length();
        }
        return total;
    }

    /**
     * Runs the model on named inputs.
     *
     * @param given inputs by name; optional inputs may be left out
     * @return every output by name (see {@link #outputs()} for their shapes), arrays of the
     *         caller's own: a later call does not change them
     */
    public Map<String, INDArray> predict(Map<String, INDArray> given) {
        return predict(given, outputNames);
    }

    /**
     * Runs the model on named inputs and returns only the outputs asked for: the others are not
     * copied out of the plan, and steps that only they need are not run. On calls of a few hundred
     * microseconds (HiT-MAC's networks at batch 4) each copied output costs an allocation, about
     * as much as a small op, so a caller that reads two of three outputs should ask for two.
     *
     * @param given   inputs by name; optional inputs may be left out
     * @param wanted  names of outputs (see {@link #outputs()} for their shapes), in the order
     *                the returned map lists them
     * @return the wanted outputs by name, arrays of the caller's own: a later call does not
     *         change them
     * @throws IllegalArgumentException when {@code wanted} is empty or names something that is
     *                                  not an output
     */
    public Map<String, INDArray> predict(Map<String, INDArray> given, List<String> wanted) {
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no output asked for: name one or more of " + outputNames);
        }
        for (String name : wanted) {
            if (!outputNames.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not an output of this " + config.architecture()
                        + " model: ask for one of " + outputNames);
            }
        }
        Map<String, INDArray> placeholders = placeholders(given);
        // Through the execution plan where it applies, else SameDiff's session (PlannedGraph says which).
        PlannedGraph.Result result = (wanted.equals(outputNames) ? forward : forwardTo(wanted)).run(placeholders);
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (String n : wanted) {
            INDArray value = result.outputs().get(n);
            // a plan's arrays are overwritten by its next run; the caller keeps these
            ordered.put(n, result.planned() ? value.dup() : value);
        }
        return ordered;
    }

    /**
     * The forward pass (inference phase) to any of the graph's variables, such as a task's loss
     * beside the prediction, through an execution plan where one applies: made once per list of
     * names and kept, so its plans are reused. Its arrays are overwritten by its next run.
     *
     * @param names the variables to compute, in the order a {@link PlannedGraph.Result} lists them
     */
    public PlannedGraph forwardTo(List<String> names) {
        return passes.computeIfAbsent(List.copyOf(names), n -> PlannedGraph.forOutputs(sameDiff, n));
    }

    /** Runs a model with one required input and returns its primary output. */
    public INDArray predict(INDArray input) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("this " + config.architecture() + " model takes " + inputs.size()
                    + " inputs " + inputs + ": call predict(Map) with each by name");
        }
        return predict(Map.of(inputs.get(0).name(), input)).get(outputs.get(0).name());
    }

    /**
     * Runs the model on a batch's features (required inputs, then optional ones, and features
     * masks, as {@link #placeholders(MultiDataSet)} maps them).
     *
     * @return the primary output, an array of the caller's own
     */
    public INDArray predict(MultiDataSet batch) {
        PlannedGraph.Result result = forward.run(placeholders(batch));
        INDArray value = result.outputs().get(outputNames.get(0));
        return result.planned() ? value.dup() : value;
    }

    /** The suffix of the optional input that takes a features mask: {@code tokens} → {@code tokensMask}. */
    public static final String MASK_SUFFIX = "Mask";

    /**
     * Maps a batch's features (required inputs, then optional ones) and features masks to
     * placeholders: the mask of feature {@code i} feeds the optional input named after input
     * {@code i} with {@value #MASK_SUFFIX} appended. Labels are the task's.
     *
     * @throws IllegalArgumentException when the data has a features mask the model takes no input for
     */
    public Map<String, INDArray> placeholders(MultiDataSet batch) {
        INDArray[] features = batch.getFeatures();
        INDArray[] masks = batch.getFeaturesMaskArrays();
        if (masks == null || Arrays.stream(masks).allMatch(java.util.Objects::isNull)) {
            return placeholders(features);
        }
        Map<String, INDArray> named = new LinkedHashMap<>(byName(features));
        List<TensorSpec> all = allInputs();
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] == null) {
                continue;
            }
            String input = i < all.size() ? all.get(i).name() : "feature " + i;
            String maskInput = input + MASK_SUFFIX;
            if (optionalInputs.stream().noneMatch(s -> s.name().equals(maskInput))) {
                throw new IllegalArgumentException("the data has a features mask for '" + input + "' but this "
                        + config.architecture() + " model takes no '" + maskInput + "' input: drop the mask");
            }
            named.put(maskInput, masks[i]);
        }
        return placeholders(named);
    }

    private List<TensorSpec> allInputs() {
        List<TensorSpec> all = new ArrayList<>(inputs);
        all.addAll(optionalInputs);
        return all;
    }

    private Map<String, INDArray> byName(INDArray[] features) {
        List<TensorSpec> all = allInputs();
        if (features.length < inputs.size() || features.length > all.size()) {
            throw new IllegalArgumentException("the data has " + features.length + " feature arrays but this "
                    + config.architecture() + " model takes " + inputs + (optionalInputs.isEmpty() ? ""
                    : " and optionally " + optionalInputs) + ": build the data with the features in that order");
        }
        Map<String, INDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            named.put(all.get(i).name(), features[i]);
        }
        return named;
    }

    /**
     * Maps a {@code MultiDataSet}'s features (required inputs, then optional ones) to placeholders.
     */
    public Map<String, INDArray> placeholders(INDArray[] features) {
        return placeholders(byName(features));
    }

    /**
     * Validates named inputs and completes them with defaults: the exact map fed to SameDiff.
     *
     * @throws IllegalArgumentException naming the input, its shape and the expected one
     */
    public Map<String, INDArray> placeholders(Map<String, INDArray> raw) {
        Map<String, INDArray> given = prepare.apply(raw);
        Map<String, INDArray> checked = new LinkedHashMap<>();
        for (TensorSpec spec : inputs) {
            INDArray a = given.get(spec.name());
            if (a == null) {
                throw new IllegalArgumentException("input '" + spec.name() + "' " + spec.legend() + " is missing: this "
                        + config.architecture() + " model takes " + inputs);
            }
            checked.put(spec.name(), checked(spec, a));
        }
        for (TensorSpec spec : optionalInputs) {
            INDArray a = given.get(spec.name());
            if (a != null) {
                checked.put(spec.name(), checked(spec, a));
            }
        }
        for (String name : given.keySet()) {
            if (!checked.containsKey(name)) {
                throw new IllegalArgumentException("input '" + name + "' is not an input of this "
                        + config.architecture() + " model: it takes " + inputs
                        + (optionalInputs.isEmpty() ? "" : " and optionally " + optionalInputs));
            }
        }
        return defaults.apply(checked);
    }

    private INDArray checked(TensorSpec spec, INDArray a) {
        DataChecks.requireNonEmpty(a, "input '" + spec.name() + "'");
        if (!spec.matches(a.shape())) {
            throw new IllegalArgumentException("input '" + spec.name() + "' has shape " + Arrays.toString(a.shape())
                    + " but " + spec.legend() + " = " + spec.expected() + " was expected: reshape it"
                    + (a.rank() == 1 && spec.shape().length == 2 ? " (a column of one feature is [n, 1])" : ""));
        }
        INDArray cast = a.dataType() == dataType() ? a : a.castTo(dataType());
        DataChecks.requireFinite(cast, "input '" + spec.name() + "'");
        return cast;
    }

    /**
     * Copies every trainable parameter, and every {@link RunningState} (batch normalisation's running
     * statistics), from {@code source}, which must have the same names and shapes; all mismatches
     * are reported at once.
     */
    public void copyParametersFrom(SameDiff source, String sourceDescription) {
        List<String> problems = new ArrayList<>();
        List<String> copied = new ArrayList<>(parameterNames());
        copied.addAll(RunningState.names(sameDiff));
        for (String name : copied) {
            SDVariable from = source.hasVariable(name) ? source.getVariable(name) : null;
            INDArray target = sameDiff.getArrForVarName(name);
            INDArray value = from == null ? null : from.getArr();
            if (value == null) {
                problems.add("parameter '" + name + "' is missing");
            } else if (!Arrays.equals(value.shape(), target.shape())) {
                problems.add("parameter '" + name + "' has shape " + Arrays.toString(value.shape()) + " but "
                        + Arrays.toString(target.shape()) + " was expected");
            } else {
                target.assign(value.castTo(target.dataType()));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(sourceDescription + " does not match its config: "
                    + String.join("; ", problems));
        }
    }

    /** @return a table of the inputs, outputs and parameters with their shapes and counts */
    public String summary() {
        Map<String, long[]> parameters = new LinkedHashMap<>();
        parameterNames().forEach(n -> parameters.put(n, sameDiff.getArrForVarName(n).shape()));
        return ModelSummary.of(config, inputs, optionalInputs, outputs, parameters);
    }

    @Override
    public String toString() {
        return config.architecture() + " (" + parameterCount() + " parameters)";
    }
}
