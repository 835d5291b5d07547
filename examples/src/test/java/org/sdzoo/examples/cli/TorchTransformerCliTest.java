package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.datasets.NumpyFiles;

/**
 * {@code import-torch --arch transformer} and {@code predict} with PyTorch's masks, against a
 * 2+2-layer {@code nn.Transformer} (pre-LN, GELU) written by fixtures/torch_transformer/make_fixture.py.
 */
class TorchTransformerCliTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/torch_transformer");

    @TempDir
    Path tmp;

    private static String in(String name) {
        return name + "=" + FIXTURE.resolve(name + ".npy");
    }

    @Test
    void importsAnNnTransformerAndPredictsWithItsMasksWithin1e5() throws Exception {
        Path model = tmp.resolve("t.sdz");
        SdzooCliTest.Run imported = SdzooCliTest.sdzoo("import-torch", "--arch", "transformer", "--weights",
                FIXTURE.resolve("sd.npz").toString(), "--config", FIXTURE.resolve("config.json").toString(), "--out",
                model.toString());
        assertEquals(0, imported.exit(), imported.err());
        Path out = tmp.resolve("out.npy");
        SdzooCliTest.Run predicted = SdzooCliTest.sdzoo("predict", "--model", model.toString(), "--input", in("src"),
                "--input", in("tgt"), "--input", in("tgt_mask"), "--input", in("src_key_padding_mask"), "--input",
                in("tgt_key_padding_mask"), "--input", "memory_key_padding_mask="
                        + FIXTURE.resolve("src_key_padding_mask.npy"), "--output", out.toString());
        assertEquals(0, predicted.exit(), predicted.err());
        INDArray expected = NumpyFiles.readNpy(FIXTURE.resolve("expected.npy"));
        INDArray actual = NumpyFiles.readNpy(out);
        double err = actual.castTo(expected.dataType()).sub(expected).amaxNumber().doubleValue();
        assertTrue(err < 1e-5, "max abs difference " + err);
    }

    @Test
    void nheadIsCheckedAgainstTheStateDictsWidthNotTheDefault() throws Exception {
        Path config = tmp.resolve("nhead3.json");
        java.nio.file.Files.writeString(config, "{\"nhead\": 3}");
        SdzooCliTest.sdzoo("import-torch", "--arch", "transformer", "--weights", FIXTURE.resolve("sd.npz").toString(),
                "--config", config.toString(), "--out", tmp.resolve("t.sdz").toString())
                .assertOneLineError("dModel (8) must be divisible by numHeads (3)");
    }

    @Test
    void aMaskOfTheWrongShapeIsOneLine() {
        Path model = tmp.resolve("t.sdz");
        assertEquals(0, SdzooCliTest.sdzoo("import-torch", "--arch", "transformer", "--weights",
                FIXTURE.resolve("sd.npz").toString(), "--config", FIXTURE.resolve("config.json").toString(), "--out",
                model.toString()).exit());
        SdzooCliTest.sdzoo("predict", "--model", model.toString(), "--input", in("src"), "--input", in("tgt"),
                "--input", "tgt_mask=" + FIXTURE.resolve("src_key_padding_mask.npy"), "--output",
                tmp.resolve("o.npy").toString()).assertOneLineError("tgt_mask has shape [2, 5] but must be [T, S] = [4, 4]");
    }
}
