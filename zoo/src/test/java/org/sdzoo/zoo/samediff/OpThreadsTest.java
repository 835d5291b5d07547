package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OpThreadsTest {

    @Test
    void limitsBothPoolsAndRestoresThem() {
        int omp = OpThreads.ompThreads();
        int master = Nd4j.getEnvironment().maxMasterThreads();
        try (OpThreads one = OpThreads.limit(1)) {
            assertEquals(1, OpThreads.ompThreads());
            assertEquals(1, Nd4j.getEnvironment().maxMasterThreads());
            one.close();
            assertEquals(omp, OpThreads.ompThreads());
            assertEquals(master, Nd4j.getEnvironment().maxMasterThreads());
        }
        assertEquals(omp, OpThreads.ompThreads(), "a second close changes nothing");
    }

    @Test
    void refusesZeroThreads() {
        var e = assertThrows(IllegalArgumentException.class, () -> OpThreads.limit(0));
        assertEquals("an op needs at least 1 thread, got 0: pass 1 or more", e.getMessage());
    }
}
