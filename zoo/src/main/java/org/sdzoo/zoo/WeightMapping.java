package org.sdzoo.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * How an architecture's PyTorch {@code state_dict} maps onto its SameDiff variables, declared
 * once per architecture: plain copies, transposes, packed tensors split into parts
 * ({@code in_proj_weight [3D, D]} → q, k, v), weight-norm pairs folded into one weight, aliases
 * for tensors a state_dict holds twice, and names read but not loaded.
 *
 * <p>{@link #check} derives the shape PyTorch must have for every name from the variables'
 * shapes and reports every missing, unexpected and mis-shaped name at once
 * ({@link TorchWeights#check}), then every alias whose values differ; {@link #apply} checks and
 * then assigns, casting to each variable's type.
 *
 * <p>Weight norm ({@code torch.nn.utils.weight_norm}, {@code dim=0}): {@link Builder#foldWeightNorm}
 * loads {@code weight = g · v / ‖v‖} (norm over every dimension but the first) into one variable,
 * so the imported model computes what PyTorch's does with a plain weight. An architecture that
 * keeps the reparametrisation for training declares its {@code weight_g} and {@code weight_v}
 * variables as two {@link Builder#copy copies} instead.
 */
public final class WeightMapping {

    /** One declared correspondence between state_dict names and variables. */
    private interface Rule {
        /** @return the state_dict names this rule reads */
        List<String> torchNames();

        /** @return the variables this rule writes */
        List<String> variables();

        /** Adds the PyTorch shape of each of {@link #torchNames()}. */
        void expect(Map<String, long[]> variableShapes, Map<String, long[]> expected);

        /** Writes the variables from a checked state_dict. */
        void load(SameDiff sd, Map<String, INDArray> stateDict);
    }

    private record Copy(String torchName, String variable) implements Rule {
        public List<String> torchNames() {
            return List.of(torchName);
        }

        public List<String> variables() {
            return List.of(variable);
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            expected.put(torchName, shape(shapes, variable));
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
            assign(sd, variable, stateDict.get(torchName));
        }
    }

    private record Transpose(String torchName, String variable) implements Rule {
        public List<String> torchNames() {
            return List.of(torchName);
        }

        public List<String> variables() {
            return List.of(variable);
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            long[] s = shape(shapes, variable);
            if (s.length != 2) {
                throw new IllegalStateException("transposed variable '" + variable + "' has shape "
                        + Arrays.toString(s) + ": only 2-D variables can be declared transposed");
            }
            expected.put(torchName, new long[] {s[1], s[0]});
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
            assign(sd, variable, stateDict.get(torchName).transpose());
        }
    }

    private record Split(String torchName, int axis, List<String> variables) implements Rule {
        public List<String> torchNames() {
            return List.of(torchName);
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            long[] packed = shape(shapes, variables.get(0)).clone();
            if (axis < 0 || axis >= packed.length) {
                throw new IllegalStateException("split of '" + torchName + "' on axis " + axis
                        + " but its parts have rank " + packed.length);
            }
            packed[axis] = 0;
            for (String v : variables) {
                long[] part = shape(shapes, v);
                for (int d = 0; d < packed.length; d++) {
                    if (d != axis && (part.length != packed.length || part[d] != packed[d])) {
                        throw new IllegalStateException("the parts of '" + torchName + "' differ in shape off axis "
                                + axis + ": " + variables);
                    }
                }
                packed[axis] += part[axis];
            }
            expected.put(torchName, packed);
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
            INDArray packed = stateDict.get(torchName);
            long start = 0;
            for (String v : variables) {
                long size = sd.getArrForVarName(v).size(axis);
                INDArrayIndex[] index = new INDArrayIndex[packed.rank()];
                for (int d = 0; d < index.length; d++) {
                    index[d] = d == axis ? NDArrayIndex.interval(start, start + size) : NDArrayIndex.all();
                }
                assign(sd, v, packed.get(index));
                start += size;
            }
        }
    }

    private record WeightNorm(String prefix, String variable) implements Rule {
        public List<String> torchNames() {
            return List.of(prefix + "weight_g", prefix + "weight_v");
        }

        public List<String> variables() {
            return List.of(variable);
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            long[] v = shape(shapes, variable);
            long[] g = new long[v.length];
            Arrays.fill(g, 1);
            g[0] = v[0];
            expected.put(prefix + "weight_g", g);
            expected.put(prefix + "weight_v", v);
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
            assign(sd, variable, foldWeightNorm(stateDict.get(prefix + "weight_g"), stateDict.get(prefix + "weight_v")));
        }
    }

    private record Alias(String torchName, String sameAs) implements Rule {
        public List<String> torchNames() {
            return List.of(torchName);
        }

        public List<String> variables() {
            return List.of();
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            long[] s = expected.get(sameAs);
            if (s == null) {
                throw new IllegalStateException("alias '" + torchName + "' refers to '" + sameAs
                        + "', which no rule before it loads: declare the alias after the name it repeats");
            }
            expected.put(torchName, s);
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
        }
    }

    private record Ignore(String torchName, long[] shape) implements Rule {
        public List<String> torchNames() {
            return List.of(torchName);
        }

        public List<String> variables() {
            return List.of();
        }

        public void expect(Map<String, long[]> shapes, Map<String, long[]> expected) {
            expected.put(torchName, shape);
        }

        public void load(SameDiff sd, Map<String, INDArray> stateDict) {
        }
    }

    private final String architecture;
    private final List<Rule> rules;

    private WeightMapping(String architecture, List<Rule> rules) {
        this.architecture = architecture;
        this.rules = List.copyOf(rules);
    }

    /** @param architecture the name used in error messages, e.g. {@code transformer} */
    public static Builder builder(String architecture) {
        return new Builder(architecture);
    }

    /** Declares the rules; names are checked for duplicates in {@link #build()}. */
    public static final class Builder {
        private final String architecture;
        private final List<Rule> rules = new ArrayList<>();

        private Builder(String architecture) {
            this.architecture = Objects.requireNonNull(architecture, "architecture");
        }

        /** {@code torchName} is loaded as is into {@code variable} (same number of values). */
        public Builder copy(String torchName, String variable) {
            rules.add(new Copy(torchName, variable));
            return this;
        }

        /** A tensor whose name already is its variable's (a block built under a {@code Scope}). */
        public Builder copy(String name) {
            return copy(name, name);
        }

        /**
         * {@link #copy(String)} for each name, e.g. every parameter a model built with
         * {@code blocks.nn.Scope} (whose names are already PyTorch's) except those declared otherwise.
         */
        public Builder copyAll(Iterable<String> names) {
            for (String n : names) {
                copy(n);
            }
            return this;
        }

        /** {@code torchName} {@code [a, b]} is loaded transposed into {@code variable} {@code [b, a]}. */
        public Builder transpose(String torchName, String variable) {
            rules.add(new Transpose(torchName, variable));
            return this;
        }

        /**
         * {@code torchName} is cut along {@code axis} into consecutive parts, each the size of its
         * variable on that axis, e.g. {@code split("self_attn.in_proj_weight", 0, q, k, v)}.
         */
        public Builder split(String torchName, int axis, String... variables) {
            if (variables.length < 2) {
                throw new IllegalArgumentException("split of '" + torchName + "' needs at least two variables");
            }
            rules.add(new Split(torchName, axis, List.of(variables)));
            return this;
        }

        /**
         * {@code prefix + "weight_g"} and {@code prefix + "weight_v"} (weight norm, {@code dim=0})
         * are folded into {@code variable} as {@code g · v / ‖v‖}; e.g.
         * {@code foldWeightNorm("network.0.conv1.", "network.0.conv1.weight")}.
         */
        public Builder foldWeightNorm(String prefix, String variable) {
            rules.add(new WeightNorm(prefix, variable));
            return this;
        }

        /**
         * {@code torchName} holds the same tensor as {@code sameAs} (tied weights saved twice, e.g.
         * a decoder's embedding): it must be present, shaped and valued like {@code sameAs}, and is
         * not loaded again.
         */
        public Builder alias(String torchName, String sameAs) {
            rules.add(new Alias(torchName, sameAs));
            return this;
        }

        /** {@code torchName} of shape {@code shape} must be present but is not loaded (buffers with no use here). */
        public Builder ignore(String torchName, long... shape) {
            rules.add(new Ignore(torchName, shape.clone()));
            return this;
        }

        /** @throws IllegalArgumentException when a PyTorch name or a variable is declared twice */
        public WeightMapping build() {
            List<String> torchNames = new ArrayList<>();
            List<String> variables = new ArrayList<>();
            for (Rule r : rules) {
                torchNames.addAll(r.torchNames());
                variables.addAll(r.variables());
            }
            requireUnique(torchNames, "PyTorch name");
            requireUnique(variables, "variable");
            return new WeightMapping(architecture, rules);
        }

        private void requireUnique(List<String> names, String kind) {
            List<String> seen = new ArrayList<>();
            for (String n : names) {
                if (seen.contains(n)) {
                    throw new IllegalArgumentException("the " + architecture + " weight mapping declares " + kind
                            + " '" + n + "' twice: declare each once");
                }
                seen.add(n);
            }
        }
    }

    /** @return the PyTorch name → shape every state_dict for these variables must have */
    public Map<String, long[]> expected(Map<String, long[]> variableShapes) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (Rule r : rules) {
            r.expect(variableShapes, expected);
        }
        return expected;
    }

    /**
     * Checks {@code stateDict} against variables of the given shapes without building a graph.
     *
     * @throws IllegalArgumentException listing every missing, unexpected and mis-shaped name, then
     *                                  every alias that differs from its original, or naming a NaN
     */
    public void check(Map<String, long[]> variableShapes, Map<String, INDArray> stateDict) {
        TorchWeights.check(architecture, expected(variableShapes), stateDict);
        List<String> problems = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof Alias a && !stateDict.get(a.torchName()).equalsWithEps(stateDict.get(a.sameAs()), 0)) {
                problems.add("'" + a.torchName() + "' should hold the same values as '" + a.sameAs() + "' but differs");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the state_dict does not fit " + architecture + ": "
                    + String.join("; ", problems) + ". Save the tied tensors from one module");
        }
    }

    /** {@link #check Checks} {@code stateDict} against {@code sd}'s variables, then loads it into them. */
    public void apply(SameDiff sd, Map<String, INDArray> stateDict) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String v : variables()) {
            if (!sd.hasVariable(v) || sd.getArrForVarName(v) == null) {
                throw new IllegalStateException("the " + architecture + " weight mapping names variable '" + v
                        + "', which the graph does not have: the mapping and the model disagree");
            }
            shapes.put(v, sd.getArrForVarName(v).shape());
        }
        check(shapes, stateDict);
        for (Rule r : rules) {
            r.load(sd, stateDict);
        }
    }

    /** {@code g · v / ‖v‖} with the norm over every dimension but the first (weight_norm's {@code dim=0}). */
    static INDArray foldWeightNorm(INDArray g, INDArray v) {
        int[] rest = new int[v.rank() - 1];
        for (int i = 0; i < rest.length; i++) {
            rest[i] = i + 1;
        }
        INDArray norms = v.norm2(true, rest);                                  // [out, 1, ...]
        return v.mul(g.reshape(norms.shape()).div(norms));
    }

    private List<String> variables() {
        List<String> names = new ArrayList<>();
        for (Rule r : rules) {
            names.addAll(r.variables());
        }
        return names;
    }

    private static long[] shape(Map<String, long[]> variableShapes, String variable) {
        long[] s = variableShapes.get(variable);
        if (s == null) {
            throw new IllegalStateException("no shape given for variable '" + variable + "'");
        }
        return s;
    }

    private static void assign(SameDiff sd, String variable, INDArray value) {
        INDArray target = sd.getArrForVarName(variable);
        target.assign(value.reshape(target.shape()).castTo(target.dataType()));
    }

    @Override
    public String toString() {
        return architecture + " weight mapping: " + rules;
    }
}
