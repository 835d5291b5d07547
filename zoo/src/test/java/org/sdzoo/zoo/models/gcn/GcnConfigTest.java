package org.sdzoo.zoo.models.gcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdzoo.zoo.blocks.graph.Normalization;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.config.Precision;

class GcnConfigTest {

    @Test
    void jsonRoundTripIsExact() {
        GcnConfig c = GcnConfig.builder().inputFeatures(1433).numClasses(7).hiddenSizes(List.of(32, 16)).dropout(0.3)
                .inputDropout(false).activation(Activation.ELU).bias(false).normalization(Normalization.ROW)
                .selfLoops(true).improved(true).propagation(PropagationForm.DENSE).sparseFeatures(true)
                .normalizeFeatures(false).precision(Precision.FLOAT64).build();
        assertEquals(c, GcnConfig.fromJson(c.toJson()));
        assertEquals(c, c.toBuilder().build());
        assertEquals(List.of(32, 16, 7), c.layerSizes());
    }

    @Test
    void defaultsAreKipfs() {
        GcnConfig c = GcnConfig.builder().inputFeatures(3).numClasses(2).build();
        assertEquals(List.of(16), c.hiddenSizes());
        assertEquals(0.5, c.dropout());
        assertEquals(Activation.RELU, c.activation());
        assertEquals(Normalization.SYMMETRIC, c.normalization());
        assertTrue(c.selfLoops() && c.bias() && c.normalizeFeatures() && c.inputDropout());
        assertEquals(GcnConfig.fromJson("{\"inputFeatures\": 3, \"numClasses\": 2}"), c);
    }

    @Test
    void requiredFieldsHaveNoSilentDefault() {
        var e = assertThrows(IllegalArgumentException.class, () -> GcnConfig.builder().numClasses(7).build());
        assertTrue(e.getMessage().startsWith("inputFeatures is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GcnConfig.fromJson("{\"inputFeatures\": 3}"));
        assertTrue(e.getMessage().startsWith("numClasses is missing"), e.getMessage());
    }

    @Test
    void badValuesNameTheField() {
        
        assertMessage(() -> GcnConfig.builder().inputFeatures(3).numClasses(2).hiddenSizes(List.of(16, 0)).build(), "hiddenSizes[1]");
        assertMessage(() -> GcnConfig.builder().inputFeatures(3).numClasses(2).dropout(1.0).build(), "dropout");
        assertMessage(() -> GcnConfig.builder().inputFeatures(3).numClasses(2).inputFeatures(-2).build(), "inputFeatures");
        assertMessage(() -> GcnConfig.builder().inputFeatures(3).numClasses(2).selfLoops(false).improved(true).build(), "improved");
        assertMessage(() -> GcnConfig.fromJson("{\"inputFeatures\": 3, \"numClasses\": 2, \"hidden\": [4]}"), "hidden");
        assertMessage(() -> GcnConfig.fromJson("{\"inputFeatures\": 3, \"numClasses\": 2, \"propagation\": \"SPARSE\"}"),
                "propagation");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable build, String field) {
        var e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }
}
