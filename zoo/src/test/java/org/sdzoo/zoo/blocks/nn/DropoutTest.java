package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.samediff.LearningPhase;

class DropoutTest {

    private static final double P = 0.25;

    /** {@code out = dropout(x, P)} with {@code x} a placeholder of unknown batch size. */
    private static SameDiff graph(long... shape) {
        SameDiff sd = SameDiff.create();
        long[] placeholderShape = shape.clone();
        placeholderShape[0] = -1;
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, placeholderShape);
        Dropout.apply(sd, x, P).rename("out");
        return sd;
    }

    private static INDArray training(SameDiff sd, INDArray x, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return sd.output(feed(sd, x), "out").get("out");
    }

    /** {@code x} and the training phase, fed explicitly (SameDiff keeps a fed phase; see LearningPhaseTest). */
    private static Map<String, INDArray> feed(SameDiff sd, INDArray x) {
        Map<String, INDArray> feed = new HashMap<>(LearningPhase.feed(sd, true));
        feed.put("x", x);
        return feed;
    }

    @Test
    void inferenceIsTheIdentityForEveryRank() {
        for (long[] shape : new long[][] {{7}, {3, 5}, {2, 3, 4}, {2, 2, 3, 3}}) {
            SameDiff sd = graph(shape);
            INDArray x = Nd4j.rand(DataType.DOUBLE, shape).addi(0.5);
            INDArray first = sd.output(Map.of("x", x), "out").get("out");
            assertEquals(x, first, "inference of rank " + shape.length);
            assertEquals(first, sd.output(Map.of("x", x), "out").get("out"), "deterministic");
            assertArrayEquals(shape, training(sd, x, 1).shape(), "training keeps the shape");
        }
    }

    @Test
    void inferenceDrawsOneElementAndLeavesTheNextTrainingMaskAsItWas() {
        SameDiff sd = graph(64, 32, 128);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 64, 32, 128).addi(0.5);
        String draw = sd.getVariables().values().stream().map(v -> v.getVariable())
                .filter(v -> v.getCreator() instanceof org.nd4j.linalg.api.ops.random.custom.RandomBernoulli)
                .findFirst().orElseThrow().name();
        Map<String, INDArray> inference = sd.output(Map.of("x", x), draw, "out");
        assertArrayEquals(new long[] {1, 1, 1}, inference.get(draw).shape(), "inference draws no mask");
        assertArrayEquals(new long[] {64, 32, 128}, sd.output(feed(sd, x), draw).get(draw).shape());
        INDArray direct = training(sd, x, 5);
        Nd4j.getRandom().setSeed(5);
        sd.output(Map.of("x", x), "out");
        INDArray afterInference = sd.output(feed(sd, x), "out").get("out");
        Nd4j.getRandom().setSeed(5);
        sd.output(feed(sd, x), "out");
        assertEquals(sd.output(feed(sd, x), "out").get("out"), afterInference,
                "an inference call advances the generator as a training call does");
        assertTrue(direct.equals(training(sd, x, 5)), "same seed, same mask");
    }

    @Test
    void trainingZeroesWithProbabilityPAndRescalesTheRest() {
        SameDiff sd = graph(100, 40);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 100, 40);
        INDArray out = training(sd, x, 3);
        double zeros = out.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertEquals(P, zeros, 0.03, "fraction zeroed");
        double kept = out.sumNumber().doubleValue() / (out.length() * (1 - zeros));
        assertEquals(1 / (1 - P), kept, 1e-12, "kept elements are scaled by 1 / (1 - p)");
        assertEquals(1.0, out.meanNumber().doubleValue(), 0.05, "the mean is preserved");
    }

    @Test
    void trainingVariesWithTheSeedAndRepeatsWithIt() {
        SameDiff sd = graph(6, 8);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 8).addi(1);
        assertEquals(training(sd, x, 5), training(sd, x, 5));
        assertNotEquals(training(sd, x, 5), training(sd, x, 6));
    }

    @Test
    void twoSitesDrawDifferentMasks() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 30);
        Dropout.apply(sd, x, 0.5).rename("a");
        Dropout.apply(sd, x, 0.5).rename("b");
        Nd4j.getRandom().setSeed(9);
        var out = sd.output(feed(sd, Nd4j.ones(DataType.DOUBLE, 4, 30)), "a", "b");
        assertNotEquals(out.get("a"), out.get("b"));
    }

    @Test
    void zeroAddsNoOpAndBadPIsRefused() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        int ops = sd.ops().length;
        assertSame(x, Dropout.apply(sd, x, 0));
        assertEquals(ops, sd.ops().length);
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dropout.apply(sd, x, bad));
            assertTrue(e.getMessage().startsWith("dropout p (" + bad + ") must be in [0, 1)"), e.getMessage());
        }
    }

    @Test
    void aGraphWithDropoutPassesTheStrictGradientCheck() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant("x", Nd4j.createFromArray(new double[][] {{1, -2, 0.5}, {0.3, 2, -1}}));
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[][] {{0.5, -1}, {1.5, 0.2}, {-0.7, 0.9}}));
        SDVariable v = sd.var("v", Nd4j.createFromArray(new double[][] {{1.1}, {-0.4}}));
        SDVariable h = sd.math.tanh(Dropout.apply(sd, x, 0.3).mmul(w));
        SDVariable y = Dropout.apply(sd, h, 0.5).mmul(v);
        y.mul(y).sum("loss");
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void aModelWithDropoutPredictsDeterministically() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new double[][] {{0.5}, {-1}, {2}}));
        Dropout.apply(sd, x, 0.5).mmul(w).rename("y");
        ZooModel model = new ZooModel(new Probe(), sd, List.of(new TensorSpec("x", "[B, F]", -1, 3)), List.of(),
                List.of(new TensorSpec("y", "[B, 1]", -1, 1)), given -> given);
        INDArray in = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {-1, 0.5, 4}});
        Nd4j.getRandom().setSeed(1);
        INDArray first = model.predict(in);
        Nd4j.getRandom().setSeed(2);
        assertEquals(first, model.predict(in));
        assertEquals(in.mmul(w.getArr()), first, "inference skips dropout");
    }

    private record Probe() implements ModelConfig {
        @Override
        public String architecture() {
            return "dropout-probe";
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }
    }
}
