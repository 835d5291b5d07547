package org.sdzoo.zoo.models.hitmac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;

class HitMacPretrainedTest {

    @TempDir
    Path tmp;

    @Test
    void cardsNameOriginLicenceAndChecksum() {
        assertEquals(List.of("hitmac-executor", "hitmac-coordinator"), HitMacPretrained.names());
        HitMacPretrained.ModelCard card = HitMacPretrained.card("hitmac-coordinator");
        assertEquals("e307f33d3228e98b550ac2ff0f34181616e3ba83b3e39a05e8f6cbf8cc3e3ed2", card.sha256());
        assertTrue(card.text().contains("licence: none stated") && card.text().contains("commit 2035778"), card.text());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HitMacPretrained.card("hitmac"));
        assertTrue(e.getMessage().contains("[hitmac-executor, hitmac-coordinator]"), e.getMessage());
    }

    @Test
    void aFileWithAnotherChecksumIsRefused() throws Exception {
        Path npz = tmp.resolve("best_executor.npz");
        NumpyFiles.writeNpz(Map.of("encoder.Q.weight", Nd4j.zeros(DataType.FLOAT, 128, 4)), npz);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacPretrained.loadFile(HitMacPretrained.card("hitmac-executor"), npz));
        assertTrue(e.getMessage().contains("but the published hitmac-executor has 25632fd6"), e.getMessage());
    }

    @Test
    void missingFilesNameWhereTheyWereLookedFor() {
        Path dataDir = tmp.resolve("data");
        List<Path> dirs = HitMacPretrained.directories(dataDir);
        assertTrue(dirs.contains(tmp.resolve("pretrained")), dirs.toString());
        if (dirs.stream().anyMatch(d -> Files.exists(d.resolve("hitmac/best_executor.npz")))) {
            return;   // installed on this machine: nothing is missing
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacPretrained.load("hitmac-executor", dataDir));
        assertTrue(e.getMessage().contains(tmp.resolve("pretrained").resolve("hitmac").toString())
                && e.getMessage().contains("no licence"), e.getMessage());
    }

    /** The published files sit in the workspace at {@code $SDZOO_DATA_DIR/../pretrained/hitmac/}. */
    @Test
    @EnabledIfEnvironmentVariable(named = "SDZOO_DATA_DIR", matches = ".+")
    void bothPublishedModelsLoadByName() throws Exception {
        Path dataDir = Path.of(System.getenv("SDZOO_DATA_DIR"));
        ZooModel executor = HitMacPretrained.load("hitmac-executor", dataDir);
        ZooModel coordinator = HitMacPretrained.load("hitmac-coordinator", dataDir);
        assertEquals(HitMacExecutorConfig.ARCHITECTURE, executor.config().architecture());
        HitMacPolicy p = HitMacPolicy.act(coordinator, Nd4j.rand(DataType.FLOAT, 1, 20, 4));
        assertEquals(1.0, p.probabilities().sum(-1).getDouble(0, 0), 1e-5);
    }
}
