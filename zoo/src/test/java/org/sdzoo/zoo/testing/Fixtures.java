package org.sdzoo.zoo.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;

/** Reads the PyTorch parity fixtures under {@code src/test/resources/fixtures/}, each written by the make_fixture.py beside it. */
public final class Fixtures {

    private Fixtures() {
    }

    /** @param resource e.g. {@code /fixtures/batchnorm/batchnorm.npz} */
    public static Map<String, INDArray> read(String resource) throws Exception {
        return NumpyFiles.readNpz(Path.of(Fixtures.class.getResource(resource).toURI()));
    }

    /** @return the fixture's array {@code key}, failing with how to regenerate it when absent */
    public static INDArray get(Map<String, INDArray> fixture, String key) {
        INDArray a = fixture.get(key);
        assertNotNull(a, "fixture has no '" + key + "': regenerate it with make_fixture.py");
        return a;
    }
}
