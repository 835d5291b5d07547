package org.sdzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionArchitecture;

class ArchitecturesTest {

    @Test
    void theServiceFileRegistersEveryArchitecture() {
        assertEquals(List.of("gcn", "gcn-graph", "gcn-link", "hitmac-attention", "hitmac-coordinator", "hitmac-executor", "kernel-regression", "tcn",
                "transformer", "transformer-classifier", "transformer-encoder", "transformer-encoder-layer", "transformer-seq2seq"),
                Architectures.names());
        assertTrue(Architectures.get("kernel-regression") instanceof KernelRegressionArchitecture);
        assertEquals(Architectures.names(), Architectures.all().stream().map(Architecture::name).toList());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architectures.get("gpt"));
        assertTrue(e.getMessage().startsWith("unknown architecture 'gpt'") && e.getMessage().endsWith(
                "knows " + Architectures.names()), e.getMessage());
    }
}
