package org.sdzoo.zoo.models.transformer;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reading sizes from a Transformer {@code state_dict} before its names and shapes are checked in full. */
final class TorchModules {

    private TorchModules() {
    }

    /**
     * @return {@code stateDict[name]}, of rank {@code rank}
     * @throws IllegalArgumentException naming the missing or mis-shaped parameter and the names present
     */
    static INDArray require(Map<String, INDArray> stateDict, String name, int rank, String legend) {
        INDArray a = stateDict.get(name);
        if (a == null) {
            throw new IllegalArgumentException("the state_dict has no '" + name + "' " + legend + " (it has "
                    + new TreeSet<>(stateDict.keySet()) + "): save the state_dict of the module this architecture names");
        }
        if (a.rank() != rank) {
            throw new IllegalArgumentException("'" + name + "' has shape " + Arrays.toString(a.shape()) + " but "
                    + legend + " was expected");
        }
        return a;
    }

    /** @return N, the layers {@code prefix0.} .. {@code prefix(N-1).} present, at least 1 */
    static int countLayers(Map<String, INDArray> stateDict, String prefix) {
        int n = 0;
        while (true) {
            String p = prefix + n + ".";
            if (stateDict.keySet().stream().noneMatch(k -> k.startsWith(p))) {
                break;
            }
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the state_dict has no '" + prefix + "0.*' parameters (it has "
                    + new TreeSet<>(stateDict.keySet()) + "): save the state_dict of the module this architecture names");
        }
        return n;
    }
}
