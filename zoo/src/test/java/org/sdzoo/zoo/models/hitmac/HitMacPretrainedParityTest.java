package org.sdzoo.zoo.models.hitmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.Downloader;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;

/**
 * The authors' published executor and coordinator, imported from their state_dicts, against
 * their modules in PyTorch 1.13 on the fixture's observations (fixtures/hitmac/make_fixture.py):
 * probabilities and values within 1e-5, in float32 and float64. Needs the weights at
 * {@code $SDZOO_DATA_DIR/../pretrained/hitmac/} (not shipped with the sources).
 */
@EnabledIfEnvironmentVariable(named = "SDZOO_DATA_DIR", matches = ".+")
class HitMacPretrainedParityTest {

    private static final double TOLERANCE = 1e-5;
    private static final String EXECUTOR_SHA256 = "25632fd6122a29b665c58fd9b78a841a3f22893b949d7d69ab2a96d5398c4a27";
    private static final String COORDINATOR_SHA256 = "e307f33d3228e98b550ac2ff0f34181616e3ba83b3e39a05e8f6cbf8cc3e3ed2";

    private static Map<String, INDArray> stateDict(String file, String sha256) throws Exception {
        Path path = Path.of(System.getenv("SDZOO_DATA_DIR")).resolve("../pretrained/hitmac").resolve(file).normalize();
        assertEquals(sha256, Downloader.sha256(path), path + " is not the published file");
        return NumpyFiles.readNpz(path);
    }

    private static Map<String, INDArray> fixture() throws Exception {
        return NumpyFiles.readNpz(Path.of(HitMacPretrainedParityTest.class
                .getResource("/fixtures/hitmac/hitmac_parity.npz").toURI()));
    }

    private static void assertParity(HitMacArchitecture<?> arch, ModelConfig config, String file, String sha,
                                     String prefix) throws Exception {
        Map<String, INDArray> f = fixture();
        ZooModel m = arch.importTorch(config, stateDict(file, sha), Map.of());
        HitMacPolicy p = HitMacPolicy.act(m, f.get(prefix + "_obs"));
        assertClose(f.get(prefix + "_probabilities"), p.probabilities(), prefix + " probabilities " + config.precision());
        assertClose(f.get(prefix + "_value"), p.values(), prefix + " value " + config.precision());
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double err = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        System.out.println("HiT-MAC parity " + what + ": max abs error " + err);
        assertTrue(err <= TOLERANCE, what + " differs from PyTorch by " + err);
    }

    @Test
    void thePublishedExecutorMatchesPyTorch() throws Exception {
        for (Precision p : Precision.values()) {
            assertParity(new HitMacArchitecture.Executor(), HitMacExecutorConfig.builder().precision(p).build(),
                    "best_executor.npz", EXECUTOR_SHA256, "executor");
        }
    }

    @Test
    void thePublishedCoordinatorMatchesPyTorch() throws Exception {
        for (Precision p : Precision.values()) {
            assertParity(new HitMacArchitecture.Coordinator(), HitMacCoordinatorConfig.builder().precision(p).build(),
                    "best_coordinator.npz", COORDINATOR_SHA256, "coordinator");
        }
    }
}
