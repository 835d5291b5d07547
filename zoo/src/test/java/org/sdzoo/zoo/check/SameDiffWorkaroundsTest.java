package org.sdzoo.zoo.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.NadarayaWatson;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.task.Losses;

/**
 * The M2.1 defects sdzoo works around, each beside the workaround. When a test of a defect fails,
 * ND4J has fixed it: the workaround may go (see ../shared/SAMEDIFF-M2.1.md).
 */
class SameDiffWorkaroundsTest {

    private static final INDArray PREDICTION = Nd4j.createFromArray(new double[][] {{0.5, -1.0}, {2.0, 0.25}});
    private static final INDArray TARGET = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {1.5, -0.5}});

    private static SameDiff scaledLoss(boolean builtIn) {
        SameDiff sd = SameDiff.create();
        SDVariable p = sd.var("p", PREDICTION.dup());
        SDVariable t = sd.constant("t", TARGET.dup());
        SDVariable mse = builtIn ? sd.loss.meanSquaredError(t, p, null) : Losses.meanSquaredError("mse", p, t);
        mse.mul("loss", 3.0);
        return sd;
    }

    @Test
    void builtInLossIgnoresTheIncomingGradientButOursDoesNot() {
        assertFalse(GradientCheck.check(scaledLoss(true), "loss", Map.of()).passed(),
                "sd.loss.meanSquaredError now backprops a scaled loss correctly: Losses may delegate to it");
        GradientCheck.Result ours = GradientCheck.check(scaledLoss(false), "loss", Map.of());
        assertTrue(ours.passed(), ours.toString());
    }

    @Test
    void softmaxCrossEntropyFromPrimitivesPassesWhenScaledAndSummed() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.var("logits", Nd4j.createFromArray(new double[][] {{1, 2, -1}, {0.5, 0.5, 3}}));
        SDVariable labels = sd.constant("labels", Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}}));
        SDVariable ce = Losses.softmaxCrossEntropy("ce", logits, labels);
        ce.mul(2.5).add("loss", logits.mul(logits).sum().mul(0.01));
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void softmaxCrossEntropyStaysFiniteWhereM21sLogSoftmaxGivesMinusInfinity() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.constant("logits", Nd4j.createFromArray(new float[][] {{0, 200}, {0, 200}, {1, 2}}));
        assertTrue(Double.isInfinite(sd.nn.logSoftmax(logits).eval().getDouble(0, 0)),
                "M2.1's log_softmax is now stable: Losses may use it again");
        SDVariable labels = sd.constant("labels", Nd4j.createFromArray(new float[][] {{0, 1}, {1, 0}, {1, 0}}));
        SDVariable mask = sd.constant("mask", Nd4j.createFromArray(1f, 1f, 0f));
        // PyTorch: cross_entropy([[0, 200], [0, 200]], [1, 0]) = (0 + 200) / 2
        assertEquals(100.0, Losses.softmaxCrossEntropy("ce", logits.get(SDIndex.interval(0, 2)),
                labels.get(SDIndex.interval(0, 2))).eval().getDouble(0), 1e-4);
        assertEquals(100.0, Losses.maskedSoftmaxCrossEntropy("masked", logits, labels, mask).eval().getDouble(0), 1e-4);
    }

    @Test
    void maskedSoftmaxAndNadarayaWatsonBlockGradientsInEveryInput() {
        SameDiff sd = SameDiff.create();
        SDVariable q = sd.var("q", Nd4j.createFromArray(new double[][] {{0.1, 1.0}, {2.0, -0.3}, {1.2, 0.4}}));
        SDVariable k = sd.var("k", Nd4j.createFromArray(new double[][] {{0.0, 1.0, 2.5, 3}, {0.5, 1.0, 0.0, 1}}));
        SDVariable v = sd.var("v", Nd4j.createFromArray(new double[][] {{1.0}, {-2.0}, {0.5}, {3.0}}));
        SDVariable w = sd.var("w", Nd4j.createFromArray(0.8, 1.3));
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 4);
        mask.putScalar(1, 2, 0);
        var nw = NadarayaWatson.parametric(sd, "nw", q, k, v, w, sd.constant("mask", MaskedSoftmax.additive(mask)));
        SDVariable probe = sd.constant("probe", Nd4j.createFromArray(new double[][] {{1, 2, 3, 4}, {-1, 0, 1, 2}, {3, 1, 0, 2}}));
        nw.output().mul(nw.output()).sum().add("loss", nw.weights().mul(probe).sum());
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
        assertTrue(r.checked() == 6 + 8 + 4 + 2);
    }

    @Test
    void oneFeatureTakesTheShortPathWithTheSameGradients() {
        SameDiff sd = SameDiff.create();
        SDVariable q = sd.var("q", Nd4j.createFromArray(new double[][] {{0.1}, {2.0}, {1.2}}));
        SDVariable k = sd.var("k", Nd4j.createFromArray(new double[][] {{0.0, 1.0, 2.5, 3}}));
        SDVariable v = sd.var("v", Nd4j.createFromArray(new double[][] {{1.0}, {-2.0}, {0.5}, {3.0}}));
        SDVariable w = sd.var("w", Nd4j.createFromArray(0.8));
        var nw = NadarayaWatson.parametric(sd, "nw", q, k, v, w, null);
        nw.output().mul(nw.output()).sum("loss");
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void maskedKeysGetExactlyZeroWeight() {
        SameDiff sd = SameDiff.create();
        SDVariable scores = sd.constant("s", Nd4j.createFromArray(new float[][] {{3, 1, 2}}));
        SDVariable mask = sd.constant("m", Nd4j.createFromArray(new float[][] {{1, 0, 1}}));
        INDArray weights = MaskedSoftmax.apply(sd, "w", scores, sd.constant("a", MaskedSoftmax.additive(mask.getArr())))
                .eval();
        assertTrue(weights.getFloat(0, 1) == 0f, weights.toString());
    }

    @Test
    void strictCheckTreatsAOneSidedZeroAsAFailure() {
        // GradCheckUtil counts an analytic gradient of exactly 0 as a pass, so a missing backprop
        // path slips through; ours must not.
        assertFalse(GradientCheck.agrees(0.0, 0.5, 1e-5, 1e-8));
        assertFalse(GradientCheck.agrees(0.5, 0.0, 1e-5, 1e-8));
        assertTrue(GradientCheck.agrees(0.0, 1e-9, 1e-5, 1e-8), "below the absolute floor");
        assertTrue(GradientCheck.agrees(1.0, 1.0 + 1e-7, 1e-5, 1e-8));
        assertFalse(GradientCheck.agrees(1.0, 1.001, 1e-5, 1e-8));
    }

    @Test
    void builtInDropoutStaysOnInInferenceButOursDoesNot() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 50);
        sd.nn.dropout(x, 0.5).rename("builtIn");
        Dropout.apply(sd, x, 0.5).rename("ours");
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, 50);
        Map<String, INDArray> out = sd.output(Map.of("x", ones), "builtIn", "ours");
        assertFalse(ones.equals(out.get("builtIn")), "sd.nn.dropout is now off in output(): Dropout may delegate to it");
        assertTrue(ones.equals(out.get("ours")));
    }

    @Test
    void builtInDropoutHasNoGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[][] {{0.5, -1.0, 2.0}}));
        sd.nn.dropout(w, 1.0).mul(w).sum("loss"); // retain probability 1: the identity, so d loss / d w = 2w
        assertThrows(UnsupportedOperationException.class,
                () -> org.sdzoo.zoo.samediff.QuietSameDiff.run(() -> sd.calculateGradients(Map.of(), "w")),
                "sd.nn.dropout now has a gradient: check it and let Dropout delegate to it");
    }
}
