package org.sdzoo.zoo.models.kernelregression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.blocks.Kernel;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.testing.ModelHarness;

class KernelRegressionConfigTest {

    @Test
    void everyCombinationRoundTrips() {
        for (Estimator e : Estimator.values()) {
            for (Kernel k : Kernel.values()) {
                if (e == Estimator.PARAMETRIC && k != Kernel.GAUSSIAN) {
                    continue;
                }
                ModelHarness.configRoundTrip(KernelRegressionConfig.builder().estimator(e).kernel(k).numFeatures(3)
                        .bandwidth(0.25).initialW(-1.5e-3).precision(Precision.FLOAT64).build(),
                        KernelRegressionConfig::fromJson);
            }
        }
    }

    @Test
    void missingFieldsTakeDefaults() {
        KernelRegressionConfig c = KernelRegressionConfig.fromJson("{\"numFeatures\": 4}");
        assertEquals(KernelRegressionConfig.builder().numFeatures(4).build(), c);
    }

    @Test
    void nonPositiveSizesNameTheFieldAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRegressionConfig.builder().numFeatures(-2).build());
        assertEquals("numFeatures must be positive but was -2: set it to 1 or more", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelRegressionConfig.fromJson("{\"bandwidth\": 0}"));
        assertTrue(e.getMessage().startsWith("bandwidth must be a positive finite number but was 0.0"), e.getMessage());
    }

    @Test
    void parametricNeedsTheGaussianKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRegressionConfig.builder().kernel(Kernel.BOXCAR).build());
        assertTrue(e.getMessage().contains("set kernel to GAUSSIAN"), e.getMessage());
    }

    @Test
    void unknownFieldsAndBadValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelRegressionConfig.fromJson("{\"numFeature\": 2}"));
        assertTrue(e.getMessage().contains("unknown field 'numFeature'") && e.getMessage().contains("numFeatures"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelRegressionConfig.fromJson("{\"kernel\": \"cosine\"}"));
        assertTrue(e.getMessage().contains("kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelRegressionConfig.fromJson("{\"precision\": \"float16\"}"));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
    }

    @Test
    void overridesApplyOnTopOfABaseConfig() {
        KernelRegressionConfig base = KernelRegressionConfig.builder().numFeatures(3).build();
        KernelRegressionConfig c = ConfigJson.override(base, "{\"initialW\": 2.5}");
        assertEquals(base.toBuilder().initialW(2.5).build(), c);
    }
}
