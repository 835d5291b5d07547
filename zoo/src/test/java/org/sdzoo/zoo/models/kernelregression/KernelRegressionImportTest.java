package org.sdzoo.zoo.models.kernelregression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;

/** d2l's {@code NWKernelRegression.state_dict()} imported and run on the same data as PyTorch. */
class KernelRegressionImportTest {

    private static Map<String, INDArray> npz(String name) throws Exception {
        return NumpyFiles.readNpz(Path.of(KernelRegressionImportTest.class
                .getResource("/fixtures/kernel_regression/" + name).toURI()));
    }

    private static final Architecture ARCH = Architectures.get(KernelRegressionConfig.ARCHITECTURE);

    @Test
    void importedWeightsGiveTorchsPredictions() throws Exception {
        Map<String, INDArray> fixture = npz("nw_parity.npz");
        Map<String, INDArray> memory = Map.of(KernelRegression.KEYS, fixture.get("x_train"),
                KernelRegression.VALUES, fixture.get("y_train"));
        ZooModel model = ARCH.importTorch(KernelRegressionConfig.builder().precision(Precision.FLOAT64).build(),
                npz("nw_state_dict_float64.npz"), memory);
        INDArray predictions = model.predict(fixture.get("x_test").reshape(-1, 1));
        INDArray expected = fixture.get("y_hat_param");
        for (int i = 0; i < expected.length(); i++) {
            assertEquals(expected.getDouble(i), predictions.getDouble(i), 1e-9 * Math.max(1, Math.abs(expected.getDouble(i))));
        }
        ZooModel float32 = ARCH.importTorch(KernelRegressionConfig.builder().build(), npz("nw_state_dict.npz"), memory);
        assertEquals(fixture.get("w_final").getDouble(0),
                float32.sameDiff().getArrForVarName(KernelRegression.W).getDouble(0), 1e-6);
    }

    @Test
    void everyMismatchIsReportedAtOnce() {
        Map<String, INDArray> stateDict = Map.of("weight", Nd4j.ones(1), "bias", Nd4j.ones(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ARCH.importTorch(
                KernelRegressionConfig.builder().build(), stateDict, Map.of()));
        assertTrue(e.getMessage().contains("'w' is missing") && e.getMessage().contains("'weight' is not a parameter")
                && e.getMessage().contains("'bias' is not a parameter"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ARCH.importTorch(
                KernelRegressionConfig.builder().build(), Map.of("w", Nd4j.ones(3)), Map.of()));
        assertTrue(e.getMessage().contains("'w' has shape [3] but [1] was expected"), e.getMessage());
    }

    @Test
    void nonFiniteWeightsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ARCH.importTorch(
                KernelRegressionConfig.builder().build(), Map.of("w", Nd4j.createFromArray(Float.NaN)), Map.of()));
        assertTrue(e.getMessage().contains("state_dict 'w' contains NaN"), e.getMessage());
    }

    @Test
    void memoryIsRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ARCH.importTorch(
                KernelRegressionConfig.builder().build(), Map.of("w", Nd4j.ones(1)), Map.of()));
        assertTrue(e.getMessage().contains("'keys'") && e.getMessage().contains("--extra keys="), e.getMessage());
    }
}
