package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.WeightMapping;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.testing.Fixtures;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * Each block against {@code torch.nn} in float64 (fixtures/blocks/make_fixture.py): the torch
 * state_dict is loaded through a {@link WeightMapping} of the block's own variable names, and outputs and the gradients of
 * {@code sum(output · probe)} must agree to 1e-10; the same graph passes the strict
 * finite-difference check.
 */
class NnBlocksParityTest {

    private static final double TOLERANCE = 1e-10;
    private static final Set<String> CASE_DATA = Set.of("input", "output", "probe");
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = Fixtures.read("/fixtures/blocks/blocks.npz");
    }

    private static INDArray get(String key) {
        return Fixtures.get(fixture, key);
    }

    /**
     * Builds {@code block} on the case's input (a variable "input" when floating point, else a
     * constant), loads the torch parameters by name, and compares output and every gradient.
     */
    private static void parity(String prefix, String tag, Function<Scope, Function<SDVariable, SDVariable>> block) {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 7, DataType.DOUBLE);
        Function<SDVariable, SDVariable> f = block.apply(root.child(prefix));
        INDArray input = get(key(prefix, tag, "input"));
        SDVariable x = input.dataType().isFPType() ? sd.var("input", input.dup()) : sd.constant("input", input.dup());
        SDVariable y = f.apply(x);
        y.mul(sd.constant(get(key(prefix, tag, "probe")))).sum().rename("loss");
        List<String> names = new ArrayList<>();
        WeightMapping.Builder mapping = WeightMapping.builder(prefix);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
                if (!v.name().equals("input")) {
                    mapping.copy(v.name());                    // the state_dict name is the variable's name
                }
            }
        }
        mapping.build().apply(sd, stateDict(prefix));
        INDArray output = sd.output(Map.of(), y.name()).get(y.name());
        assertClose(get(key(prefix, tag, "output")), output, prefix + " " + tag + " output");
        Map<String, INDArray> grads = QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), names));
        for (String name : names) {
            String leaf = name.equals("input") ? "input" : name.substring(prefix.length() + 1);
            assertClose(get(key(prefix, tag, "grad." + leaf)), grads.get(name), prefix + " " + tag + " d/d" + name);
        }
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), prefix + " " + tag + ": " + r);
    }

    /** The module's state_dict: the fixture's {@code <prefix>.<name>} entries, without the case data. */
    private static Map<String, INDArray> stateDict(String prefix) {
        Map<String, INDArray> stateDict = new HashMap<>();
        for (var e : fixture.entrySet()) {
            String rest = e.getKey().startsWith(prefix + ".") ? e.getKey().substring(prefix.length() + 1) : null;
            if (rest != null && !rest.contains(".") && !CASE_DATA.contains(rest)) {
                stateDict.put(e.getKey(), e.getValue());
            }
        }
        return stateDict;
    }

    private static String key(String prefix, String tag, String leaf) {
        return prefix + (tag.isEmpty() ? "" : "." + tag) + "." + leaf;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertNotNull(actual, what + " is missing");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup().data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], TOLERANCE * Math.max(1, Math.abs(e[i])), what + "[" + i + "]");
        }
    }

    @Test
    void linearOnMatricesAndSequences() {
        parity("linear", "x2", s -> Linear.create(s, 4, 3, true)::apply);
        parity("linear", "x3", s -> Linear.create(s, 4, 3, true)::apply);
        parity("linear_nobias", "x2", s -> Linear.create(s, 4, 2, false)::apply);
    }

    @Test
    void layerNormOverTheLastDimension() {
        parity("layer_norm", "x2", s -> LayerNorm.create(s, 4)::apply);
        parity("layer_norm", "x3", s -> LayerNorm.create(s, 4)::apply);
    }

    @Test
    void embeddingWithRepeatedIds() {
        parity("embedding", "ids", s -> Embedding.create(s, 6, 3)::apply);
    }

    @Test
    void everyActivation() {
        for (Activation a : Activation.values()) {
            parity("act." + a.torchName(), "", s -> a::apply);
        }
    }
}
