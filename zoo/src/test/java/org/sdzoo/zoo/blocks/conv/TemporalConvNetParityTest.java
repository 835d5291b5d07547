package org.sdzoo.zoo.blocks.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * TemporalConvNet against a locuslab-structured PyTorch network in float64
 * (fixtures/tcn/make_fixture.py): the state_dict is loaded by name, and the output and the
 * gradients of {@code sum(output · probe)} with respect to every parameter and the input must
 * agree to 1e-10.
 */
class TemporalConvNetParityTest {

    private static final double TOLERANCE = 1e-10;
    private static Map<String, INDArray> fixture;

    @BeforeAll
    static void load() throws Exception {
        fixture = NumpyFiles.readNpz(Path.of(TemporalConvNetParityTest.class
                .getResource("/fixtures/tcn/tcn.npz").toURI()));
    }

    static INDArray get(String key) {
        INDArray a = fixture.get(key);
        assertNotNull(a, "fixture has no '" + key + "': regenerate it with make_fixture.py");
        return a;
    }

    @ParameterizedTest
    @CsvSource({"wn, 2, '3,4,4', 3, 2, true", "plain, 3, '4,4,2', 2, 3, false"})
    void matchesPyTorch(String tcase, int in, String channels, int k, int base, boolean weightNorm) {
        SameDiff sd = SameDiff.create();
        INDArray input = get(tcase + ".input");
        SDVariable x = sd.var("input", input.dup());
        List<Integer> levels = java.util.Arrays.stream(channels.split(",")).map(Integer::valueOf).toList();
        TemporalConvNet net = TemporalConvNet.create(Scope.root(sd, 1, DataType.DOUBLE), in, levels, k, base, 0.0,
                weightNorm);                                  // the fixture runs in eval mode
        SDVariable y = net.apply(x);
        y.mul(sd.constant(get(tcase + ".probe"))).sum().rename("loss");
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
                if (!v.name().equals("input")) {
                    v.getArr().assign(get(tcase + ".sd." + v.name()));
                }
            }
        }
        assertEquals(fixture.keySet().stream().filter(n -> n.startsWith(tcase + ".grad.")).count(), names.size(),
                "one variable per PyTorch parameter, plus the input");
        INDArray output = sd.output(Map.of(), y.name()).get(y.name());
        assertClose(get(tcase + ".output"), output, tcase + " output");
        Map<String, INDArray> grads = QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), names));
        for (String name : names) {
            assertClose(get(tcase + ".grad." + name), grads.get(name), tcase + " d/d" + name);
        }
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertNotNull(actual, what + " is missing");
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= TOLERANCE, what + " differs by " + diff);
    }
}
