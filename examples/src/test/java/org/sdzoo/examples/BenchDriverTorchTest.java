package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.config.ConfigJson;

class BenchDriverTorchTest {

    private static BenchSpec.TorchBench form(String name, double recorded) {
        return new BenchSpec.TorchBench("gcn_torch.py", "train_step_ms_" + name, "forward_ms_" + name, recorded,
                Double.NaN, "recorded");
    }

    /** gcn-cora's forms share one script run: each must read its own medians, not the first form's. */
    @Test
    void variantsSharingOneScriptRunReadTheirOwnKeys() throws Exception {
        TorchReference.Outcome run = new TorchReference.Outcome(Optional.of(ConfigJson.mapper().readTree(
                "{\"train_step_ms_dense\": 171.0, \"forward_ms_dense\": 34.7,"
                        + " \"train_step_ms_csr\": 10.3, \"forward_ms_csr\": 2.4}")), "");
        BenchDriver.Reference dense = BenchDriver.reference(form("dense", 81), run);
        BenchDriver.Reference csr = BenchDriver.reference(form("csr", 10), run);
        assertEquals(171.0, dense.trainStep().medianMs());
        assertEquals(10.3, csr.trainStep().medianMs());
        assertEquals(2.4, csr.forward().medianMs());
        assertTrue(csr.measured());
    }

    @Test
    void aFailedRunFallsBackToEachVariantsRecordedMedian() {
        TorchReference.Outcome failed = new TorchReference.Outcome(Optional.empty(), "torch is missing");
        BenchDriver.Reference csr = BenchDriver.reference(form("csr", 10), failed);
        assertEquals(10.0, csr.trainStep().medianMs());
        assertFalse(csr.measured());
        assertTrue(csr.source().contains("torch is missing"), csr.source());
    }
}
