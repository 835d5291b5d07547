package org.sdzoo.zoo.blocks.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.WeightMapping;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * fixtures/attention/attention.npz (written by its make_fixture.py): per case, the torch
 * state_dict under {@code <case>.param.}, inputs, masks, outputs, probes and gradients.
 */
public final class AttentionFixture {

    /** Parity tolerance in float64, relative to max(1, |expected|). */
    public static final double TOLERANCE = 1e-10;

    private static Map<String, INDArray> arrays;

    private AttentionFixture() {
    }

    private static synchronized Map<String, INDArray> arrays() {
        if (arrays == null) {
            try {
                arrays = NumpyFiles.readNpz(Path.of(AttentionFixture.class
                        .getResource("/fixtures/attention/attention.npz").toURI()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the attention fixture", e);
            }
        }
        return arrays;
    }

    /** @return {@code <case>.<key>} */
    public static INDArray get(String testCase, String key) {
        INDArray a = arrays().get(testCase + "." + key);
        assertNotNull(a, "fixture has no '" + testCase + "." + key + "': regenerate it with make_fixture.py");
        return a.dup();
    }

    /** The case's torch state_dict with its own names. */
    public static Map<String, INDArray> stateDict(String testCase) {
        String prefix = testCase + ".param.";
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** A PyTorch mask from the fixture as an additive constant. */
    public static SDVariable mask(SameDiff sd, String testCase, String key) {
        return sd.constant(key, AttentionMasks.fromTorch(get(testCase, key), DataType.DOUBLE));
    }

    /**
     * Loads the case's state_dict into {@code sd} by name: every variable except {@code inputs} is
     * a parameter whose name is its PyTorch name.
     *
     * @return the names of every trainable variable, inputs included
     */
    public static List<String> loadParameters(SameDiff sd, String testCase, List<String> inputs) {
        List<String> names = new ArrayList<>();
        WeightMapping.Builder mapping = WeightMapping.builder(testCase);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
                if (!inputs.contains(v.name())) {
                    mapping.copy(v.name());
                }
            }
        }
        mapping.build().apply(sd, stateDict(testCase));
        return names;
    }

    /** Compares every gradient of the graph's "loss" with the fixture's {@code grad.<name>}. */
    public static double assertGradients(SameDiff sd, String testCase, List<String> names) {
        Map<String, INDArray> grads = QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), names));
        double worst = 0;
        for (String name : names) {
            worst = Math.max(worst, assertClose(get(testCase, "grad." + name), grads.get(name), testCase + " d/d" + name));
        }
        return worst;
    }

    /** @return the largest absolute difference */
    public static double assertClose(INDArray expected, INDArray actual, String what) {
        assertNotNull(actual, what + " is missing");
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup().data().asDouble();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            worst = Math.max(worst, diff);
            if (!(diff <= TOLERANCE * Math.max(1, Math.abs(e[i])))) {
                fail(what + "[" + i + "]: expected " + e[i] + " but was " + a[i]);
            }
        }
        return worst;
    }
}
