package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TorchReferenceTest {

    @Test
    void referenceBlasIsNamedWithTheFix() {
        Optional<String> warning = TorchReference.referenceBlasWarning(
                "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0");
        assertTrue(warning.isPresent());
        assertTrue(warning.get().contains("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"), warning.get());
        assertTrue(warning.get().contains("apt-get install libopenblas0-pthread"), warning.get());
    }

    @Test
    void optimisedBlasGivesNoWarning() {
        assertEquals(Optional.empty(), TorchReference.referenceBlasWarning(
                "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"
                        + " /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0"));
        assertEquals(Optional.empty(), TorchReference.referenceBlasWarning(""));
    }
}
