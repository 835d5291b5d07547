package org.sdzoo.zoo.models.tcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;

/** Import of locuslab state_dicts (fixtures/tcn/make_fixture.py), checked by the outputs PyTorch computed. */
class TcnImportTest {

    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(TcnImportTest.class.getResource("/fixtures/tcn/tcn.npz").toURI()));
    }

    private static Map<String, INDArray> stateDict(String tcase) {
        Map<String, INDArray> sd = new LinkedHashMap<>();
        String prefix = tcase + ".sd.";
        fixture.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                sd.put(k.substring(prefix.length()), v);
            }
        });
        return sd;
    }

    private static TcnConfig base(int dilationBase) {
        return TcnConfig.builder().inputChannels(1).channels(List.of(1)).dilationBase(dilationBase).dropout(0.0)
                .precision(Precision.FLOAT64).build();
    }

    private static ZooModel importCase(String tcase, int dilationBase) {
        return Architectures.get("tcn").importTorch(base(dilationBase), stateDict(tcase), Map.of());
    }

    @Test
    void importsATemporalConvNetWithWeightNorm() {
        ZooModel model = importCase("wn", 2);
        TcnConfig c = (TcnConfig) model.config();
        assertEquals(List.of(3, 4, 4), c.channels());
        assertEquals(2, c.inputChannels());
        assertEquals(3, c.kernelSize());
        assertTrue(c.weightNorm());
        assertEquals(TcnHead.NONE, c.head());
        assertTrue(fixture.get("wn.output").equalsWithEps(model.predict(fixture.get("wn.input")), 1e-10));
    }

    @Test
    void importsWithoutWeightNormAndAnotherDilationBase() {
        ZooModel model = importCase("plain", 3);
        assertEquals(List.of(4, 4, 2), ((TcnConfig) model.config()).channels());
        assertTrue(!((TcnConfig) model.config()).weightNorm());
        assertTrue(fixture.get("plain.output").equalsWithEps(model.predict(fixture.get("plain.input")), 1e-10));
    }

    @Test
    void importsTheTcnWrapperWithItsLinearHead() {
        ZooModel model = importCase("head", 2);
        TcnConfig c = (TcnConfig) model.config();
        assertEquals(TcnHead.LAST_STEP, c.head());
        assertEquals(1, c.outputs());
        assertTrue(fixture.get("head.output").equalsWithEps(model.predict(fixture.get("head.input")), 1e-10));
    }

    @Test
    void importsAStateDictWithoutTheDuplicates() {
        Map<String, INDArray> sd = stateDict("wn");
        sd.keySet().removeIf(k -> k.contains(".net."));
        ZooModel model = Architectures.get("tcn").importTorch(base(2), sd, Map.of());
        assertTrue(fixture.get("wn.output").equalsWithEps(model.predict(fixture.get("wn.input")), 1e-10));
    }

    @Test
    void aDuplicateThatDiffersIsReported() {
        Map<String, INDArray> sd = stateDict("wn");
        sd.put("network.1.net.4.bias", sd.get("network.1.net.4.bias").add(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.get("tcn").importTorch(base(2), sd, Map.of()));
        assertTrue(e.getMessage().contains("'network.1.net.4.bias' should hold the same values as"
                + " 'network.1.conv2.bias'"), e.getMessage());
    }

    @Test
    void missingAndUnexpectedNamesAreReportedTogether() {
        Map<String, INDArray> sd = stateDict("wn");
        sd.remove("network.0.downsample.bias");
        sd.put("network.2.downsample.weight", sd.get("network.0.downsample.weight"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.get("tcn").importTorch(base(2), sd, Map.of()));
        assertTrue(e.getMessage().contains("'network.0.downsample.bias' is missing")
                && e.getMessage().contains("'network.2.downsample.weight' is not a parameter of tcn"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Architectures.get("tcn")
                .importTorch(base(2), Map.of("linear.weight", sd.get("network.0.downsample.weight")), Map.of()))
                .getMessage().contains("no 'network.{i}.' entries"));
    }
}
