package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientClippingTest {

    @Test
    void globalNormScalesAllGradientsTogether() {
        INDArray a = Nd4j.createFromArray(3.0, 0.0);
        INDArray b = Nd4j.createFromArray(0.0, 4.0);
        double before = GradientClipping.byGlobalNorm(List.of(a, b), 1.0);
        assertEquals(5.0, before, 1e-12);
        assertEquals(1.0, GradientClipping.globalNorm(List.of(a, b)), 1e-6);
        assertEquals(0.6, a.getDouble(0), 1e-6);
        assertEquals(0.8, b.getDouble(1), 1e-6);
    }

    @Test
    void globalNormLeavesSmallGradientsAlone() {
        INDArray a = Nd4j.createFromArray(0.3, 0.4);
        GradientClipping.byGlobalNorm(List.of(a), 1.0);
        assertEquals(0.3, a.getDouble(0), 0);
    }

    @Test
    void valueClampsEachElement() {
        INDArray a = Nd4j.createFromArray(-5.0, 0.2, 7.0);
        GradientClipping.byValue(List.of(a), 1.0);
        assertEquals(Nd4j.createFromArray(-1.0, 0.2, 1.0), a);
    }
}
