package org.sdzoo.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.DataChecks;

/** Checks a PyTorch {@code state_dict} against the names and shapes an architecture expects. */
public final class TorchWeights {

    private TorchWeights() {
    }

    /**
     * @param expected PyTorch parameter name → expected shape
     * @throws IllegalArgumentException listing every missing, unexpected and mis-shaped name, or
     *                                  naming the first parameter with a NaN or infinity
     */
    public static void check(String architecture, Map<String, long[]> expected, Map<String, INDArray> stateDict) {
        List<String> problems = new ArrayList<>();
        for (var e : expected.entrySet()) {
            INDArray a = stateDict.get(e.getKey());
            if (a == null) {
                problems.add("'" + e.getKey() + "' is missing");
            } else if (!Arrays.equals(normalise(a.shape()), normalise(e.getValue()))) {
                problems.add("'" + e.getKey() + "' has shape " + Arrays.toString(a.shape()) + " but "
                        + Arrays.toString(e.getValue()) + " was expected");
            }
        }
        for (String name : new TreeSet<>(stateDict.keySet())) {
            if (!expected.containsKey(name)) {
                problems.add("'" + name + "' is not a parameter of " + architecture);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the state_dict does not fit " + architecture + ": "
                    + String.join("; ", problems) + ". Expected names: " + expected.keySet());
        }
        for (var e : new TreeMap<>(stateDict).entrySet()) {
            DataChecks.requireFinite(e.getValue(), "state_dict '" + e.getKey() + "'");
        }
    }

    /** ND4J reads a NumPy scalar as rank 0; PyTorch's (1,) and () both mean one value here. */
    private static long[] normalise(long[] shape) {
        return shape.length == 0 ? new long[] {1} : shape;
    }
}
