package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.slf4j.LoggerFactory;

class NdEnvironmentTest {

    @Test
    void loadingZooModelAppliesTheSettings() throws ClassNotFoundException {
        Class.forName(ZooModel.class.getName(), true, ZooModel.class.getClassLoader());
        assertTrue(NdEnvironment.isApplied());
        assertFalse(Nd4j.getEnvironment().isDebug());
        assertFalse(Nd4j.getEnvironment().isVerbose());
        assertFalse(Nd4j.getEnvironment().isProfiling());
        assertEquals(OpExecutioner.ProfilingMode.DISABLED, Nd4j.getExecutioner().getProfilingMode());
        assertEquals(NdEnvironment.ELEMENTWISE_THRESHOLD, Nd4j.getEnvironment().elementwiseThreshold());
        assertEquals(NdEnvironment.ELEMENTWISE_THRESHOLD, NdEnvironment.settings().get("elementwiseThreshold"));
    }

    @Test
    void warnsOfSpinningThreadsOnlyWhenSeveralRunWithoutAWaitPolicy() {
        String advice = NdEnvironment.waitPolicyAdvice(java.util.Map.of(), 2);
        assertTrue(advice.contains("OMP_WAIT_POLICY=PASSIVE"), advice);
        assertEquals(null, NdEnvironment.waitPolicyAdvice(java.util.Map.of(), 1), "one thread does not spin");
        assertEquals(null, NdEnvironment.waitPolicyAdvice(java.util.Map.of("OMP_WAIT_POLICY", "ACTIVE"), 2),
                "a policy the user chose is theirs");
        assertEquals(null, NdEnvironment.waitPolicyAdvice(java.util.Map.of("GOMP_SPINCOUNT", "0"), 2));
        assertEquals("PASSIVE", NdEnvironment.settings().get("OMP_WAIT_POLICY"), "the build's tests run with it");
    }

    @Test
    void lowersOnlyAnInheritedDebugLevel() {
        Logger parent = (Logger) LoggerFactory.getLogger("sdzoo.test.noisy");
        Logger inheriting = (Logger) LoggerFactory.getLogger("sdzoo.test.noisy.inheriting");
        Logger explicit = (Logger) LoggerFactory.getLogger("sdzoo.test.noisy.explicit");
        parent.setLevel(Level.DEBUG);
        explicit.setLevel(Level.TRACE);
        try {
            assertTrue(NdEnvironment.quietInheritedDebug(inheriting.getName()));
            assertEquals(Level.INFO, inheriting.getLevel());
            assertFalse(NdEnvironment.quietInheritedDebug(explicit.getName()), "a configured level is kept");
            assertEquals(Level.TRACE, explicit.getLevel());
            assertFalse(NdEnvironment.quietInheritedDebug("sdzoo.test.quiet"), "INFO is left alone");
        } finally {
            parent.setLevel(null);
            inheriting.setLevel(null);
            explicit.setLevel(null);
        }
    }
}
