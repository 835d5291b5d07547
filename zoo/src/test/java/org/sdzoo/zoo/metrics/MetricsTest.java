package org.sdzoo.zoo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    @Test
    void regressionMetricsOnAHandExample() {
        var p = Nd4j.createFromArray(1.0, 2.0, 4.0);
        var t = Nd4j.createFromArray(1.0, 3.0, 2.0);
        assertEquals(5.0 / 3, Metrics.mse(p, t), 1e-15);
        assertEquals(1.0, Metrics.mae(p, t), 1e-15);
        assertEquals(2.5, Metrics.halfSumSquaredError(p, t), 1e-15);
    }

    @Test
    void accuracyAndCrossEntropy() {
        var logits = Nd4j.createFromArray(new double[][] {{2, 0}, {0, 1}, {5, 5.5}});
        var classes = Nd4j.createFromArray(0L, 0L, 1L);
        assertEquals(2.0 / 3, Metrics.accuracy(logits, classes), 1e-15);
        double expected = (Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(1)) + Math.log(1 + Math.exp(-0.5))) / 3;
        assertEquals(expected, Metrics.crossEntropy(logits, classes), 1e-12);
    }

    @Test
    void crossEntropyIsStableForHugeLogits() {
        var logits = Nd4j.createFromArray(new double[][] {{1000, 0}});
        assertEquals(0, Metrics.crossEntropy(logits, Nd4j.createFromArray(0L)), 1e-12);
        assertEquals(1000, Metrics.crossEntropy(logits, Nd4j.createFromArray(1L)), 1e-9);
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(Nd4j.zeros(3), Nd4j.zeros(4)));
        assertEquals("prediction has shape [3] but target has shape [4]: they must match", e.getMessage());
    }
}
