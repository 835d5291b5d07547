package org.sdzoo.zoo.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    private static MetricBatch batch(INDArray predictions, INDArray labels, INDArray mask) {
        return new MetricBatch(predictions, labels, mask, Double.NaN, 0);
    }

    @Test
    void regressionMetricsOnAHandExample() {
        var p = Nd4j.createFromArray(1.0, 2.0, 4.0);
        var t = Nd4j.createFromArray(1.0, 3.0, 2.0);
        assertEquals(5.0 / 3, Metrics.mse(p, t), 1e-15);
        assertEquals(1.0, Metrics.mae(p, t), 1e-15);
        ErrorMean mse = ErrorMean.mse();
        mse.update(batch(p, t, null));
        assertEquals(5.0 / 3, mse.result(), 1e-15);
    }

    @Test
    void accumulatorsOverBatchesEqualTheWholeAndMerge() {
        ErrorMean oneByOne = ErrorMean.mae();
        oneByOne.update(batch(Nd4j.createFromArray(1.0, 2.0), Nd4j.createFromArray(1.0, 3.0), null));
        ErrorMean other = ErrorMean.mae();
        other.update(batch(Nd4j.createFromArray(4.0), Nd4j.createFromArray(2.0), null));
        oneByOne.merge(other);
        assertEquals(1.0, oneByOne.result(), 1e-15, "(0 + 1 + 2) / 3 over batches of 2 and 1");
        assertTrue(Double.isNaN(ErrorMean.mse().result()), "nothing counted");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> oneByOne.merge(ErrorMean.mse()));
        assertTrue(e.getMessage().startsWith("cannot merge metric 'mse' into 'mae'"), e.getMessage());
    }

    @Test
    void accuracyCountsOnlyMaskedLabels() {
        var logits = Nd4j.createFromArray(new double[][] {{2, 0}, {0, 1}, {5, 5.5}, {3, 1}});
        var classes = Nd4j.createFromArray(0.0, 0.0, 1.0, 1.0);
        assertEquals(2.0 / 4, Metrics.accuracy(logits, classes), 1e-15);
        Accuracy all = new Accuracy();
        all.update(batch(logits, classes, null));
        assertEquals(0.5, all.result(), 1e-15);
        Accuracy masked = new Accuracy();
        masked.update(batch(logits, classes, Nd4j.createFromArray(1.0, 0.0, 1.0, 0.0)));
        assertEquals(1.0, masked.result(), 1e-15, "rows 0 and 2 count, both right");
        assertTrue(masked.higherIsBetter());
    }

    @Test
    void tokenAccuracyReadsTheLastAxisAsClasses() {
        INDArray logits = Nd4j.createFromArray(new double[][][] {{{1, 0}, {0, 1}}, {{0, 1}, {9, 9.5}}}); // [2, 2, 2]
        INDArray ids = Nd4j.createFromArray(new double[][] {{0, 0}, {1, 0}});
        Accuracy a = new Accuracy();
        a.update(batch(logits, ids, Nd4j.createFromArray(new double[][] {{1, 1}, {1, 0}})));
        assertEquals(2.0 / 3, a.result(), 1e-15);
    }

    @Test
    void macroF1FromConfusionCountsAsScikitLearn() {
        // y_true [0, 0, 1, 2, 2, (masked 1)], y_pred [0, 1, 1, 2, 0, (0)]:
        // per class (TP, FP, FN): 0 (1, 1, 1), 1 (1, 1, 0), 2 (1, 0, 1); F1 = 2/4, 2/3, 2/3;
        // f1_score(average="macro") = (1/2 + 2/3 + 2/3) / 3
        INDArray logits = Nd4j.createFromArray(new double[][] {{5, 0, 0}, {0, 5, 0}, {0, 5, 0}, {0, 0, 5}, {5, 0, 0},
            {5, 0, 0}});
        INDArray ids = Nd4j.createFromArray(0.0, 0.0, 1.0, 2.0, 2.0, 1.0);
        INDArray mask = Nd4j.createFromArray(1.0, 1.0, 1.0, 1.0, 1.0, 0.0);
        MacroF1 whole = new MacroF1(3);
        whole.update(batch(logits, ids, mask));
        assertEquals((0.5 + 2.0 / 3 + 2.0 / 3) / 3, whole.result(), 1e-15);
        MacroF1 first = new MacroF1(3);
        first.update(batch(logits.getRows(0, 1, 2), Nd4j.createFromArray(0.0, 0.0, 1.0), null));
        MacroF1 rest = new MacroF1(3);
        rest.update(batch(logits.getRows(3, 4, 5), Nd4j.createFromArray(2.0, 2.0, 1.0),
                Nd4j.createFromArray(1.0, 1.0, 0.0)));
        first.merge(rest);
        assertEquals(whole.result(), first.result(), 1e-15, "batches merged");
        assertTrue(Double.isNaN(new MacroF1(3).result()));
    }

    @Test
    void meanLossWeighsBatchesAndSkipsEmptyOnes() {
        MeanLoss loss = new MeanLoss("loss");
        loss.update(new MetricBatch(null, null, null, 2.0, 3));
        loss.update(new MetricBatch(null, null, null, Double.NaN, 0));
        loss.update(new MetricBatch(null, null, null, 1.0, 1));
        assertEquals((2.0 * 3 + 1.0) / 4, loss.result(), 1e-15);
        assertFalse(loss.higherIsBetter());
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.mse(Nd4j.zeros(3), Nd4j.zeros(4)));
        assertEquals("prediction has shape [3] but target has shape [4]: they must match", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ErrorMean.mse().update(batch(Nd4j.zeros(3), Nd4j.zeros(4), null)));
        assertEquals("prediction has shape [3] but target has shape [4]: they must match", e.getMessage());
    }
}
