package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Large draws against the formulas of {@code torch.nn.init}: bounds exactly, mean within five
 * standard errors, variance within 3% (its standard error here is under 0.5%).
 */
class InitTest {

    private static final long OUT = 400;
    private static final long IN = 250;                        // fan_in 250, fan_out 400
    private static final int N = (int) (OUT * IN);

    private static void assertMoments(INDArray a, double mean, double variance, String what) {
        double[] v = a.castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(N, v.length, what);
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        s /= v.length - 1;
        assertEquals(mean, m, 5 * Math.sqrt(variance / v.length), what + " mean");
        assertEquals(variance, s, 0.03 * variance, what + " variance");
    }

    private static void assertWithin(INDArray a, double bound, String what) {
        double max = a.castTo(DataType.DOUBLE).amaxNumber().doubleValue();
        assertTrue(max <= bound, what + ": |x| reached " + max + " > " + bound);
        assertTrue(max > 0.99 * bound, what + ": |x| only reached " + max + " of " + bound);
    }

    @Test
    void uniformAndNormal() {
        Init init = new Init(1);
        INDArray u = init.uniform(DataType.DOUBLE, -2, 3, OUT, IN);
        assertTrue(u.minNumber().doubleValue() >= -2 && u.maxNumber().doubleValue() < 3);
        assertMoments(u, 0.5, 25.0 / 12, "uniform(-2, 3)");
        assertMoments(init.normal(DataType.DOUBLE, 1, 2, OUT, IN), 1, 4, "normal(1, 2)");
    }

    @Test
    void xavierUsesBothFans() {
        Init init = new Init(2);
        double bound = Math.sqrt(6.0 / (IN + OUT));
        INDArray u = init.xavierUniform(DataType.DOUBLE, 1, OUT, IN);
        assertWithin(u, bound, "xavier_uniform");
        assertMoments(u, 0, bound * bound / 3, "xavier_uniform");
        assertMoments(init.xavierNormal(DataType.DOUBLE, 1.5, OUT, IN), 0, 2.25 * 2.0 / (IN + OUT), "xavier_normal");
    }

    @Test
    void kaimingAsLinearsDefaultAndAsRelu() {
        Init init = new Init(3);
        INDArray linear = init.kaimingUniform(DataType.DOUBLE, Math.sqrt(5), true, OUT, IN);
        assertWithin(linear, 1 / Math.sqrt(IN), "kaiming_uniform(a=sqrt 5)");
        assertMoments(linear, 0, 1.0 / (3 * IN), "kaiming_uniform(a=sqrt 5)");
        assertMoments(init.kaimingNormal(DataType.DOUBLE, 0, false, OUT, IN), 0, 2.0 / OUT, "kaiming_normal(fan_out)");
        assertEquals(IN * 3 * 5, Init.fanIn(OUT, IN, 3, 5));
        assertEquals(OUT * 3 * 5, Init.fanOut(OUT, IN, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> Init.fanIn(7));
    }

    @Test
    void sameSeedAndNameSameNumbersOtherwiseNot() {
        INDArray a = Init.forParameter(5, "encoder.weight").normal(DataType.DOUBLE, 0, 1, 3, 4);
        assertEquals(a, Init.forParameter(5, "encoder.weight").normal(DataType.DOUBLE, 0, 1, 3, 4));
        assertNotEquals(a, Init.forParameter(6, "encoder.weight").normal(DataType.DOUBLE, 0, 1, 3, 4));
        assertNotEquals(a, Init.forParameter(5, "decoder.weight").normal(DataType.DOUBLE, 0, 1, 3, 4));
        assertEquals(DataType.FLOAT, new Init(0).uniform(DataType.FLOAT, 0, 1, 2).dataType());
    }

    @Test
    void blocksInitialiseAsTorchAndNameParametersLikeTheStateDict() {
        SameDiff sd = SameDiff.create();
        Scope layer = Scope.root(sd, 9, DataType.DOUBLE).child("encoder").child("layers").child(0);
        Linear linear = Linear.create(layer.child("linear1"), IN, OUT, true);
        assertEquals("encoder.layers.0.linear1.weight", linear.weight().name());
        assertEquals("encoder.layers.0.linear1.bias", linear.bias().name());
        assertWithin(linear.weight().getArr(), 1 / Math.sqrt(IN), "Linear weight");
        assertMoments(linear.weight().getArr(), 0, 1.0 / (3 * IN), "Linear weight");
        double biasMax = linear.bias().getArr().amaxNumber().doubleValue();
        assertTrue(biasMax <= 1 / Math.sqrt(IN) && biasMax > 0, "Linear bias " + biasMax);
        Embedding emb = Embedding.create(layer.child("embed"), OUT, IN);
        assertMoments(emb.weight().getArr(), 0, 1, "Embedding weight");
        LayerNorm norm = LayerNorm.create(layer.child("norm1"), 8);
        assertEquals(8.0, norm.weight().getArr().sumNumber().doubleValue());
        assertEquals(0.0, norm.bias().getArr().sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> Linear.create(layer.child("linear1"), 2, 2, true));
        try (var scope = sd.withNameScope("x")) {
            assertThrows(IllegalStateException.class, () -> Linear.create(layer.child("other"), 2, 2, true));
        }
    }
}
