package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.check.GradientCheck;

/** {@link Activation#tanhByExp}: values beside Java's tanh, the extremes, NaN, and its gradient. */
class TanhByExpTest {

    private static INDArray run(INDArray x) {
        SameDiff sd = SameDiff.create();
        SDVariable y = Activation.tanhByExp(sd.constant("x", x));
        return sd.output(Map.of(), y.name()).get(y.name());
    }

    @Test
    void float32AgreesWithTanhTo2point4eMinus7() {
        int n = 20001;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -10f + 20f * i / (n - 1);
        }
        INDArray y = run(Nd4j.createFromArray(xs));
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(y.getDouble(i) - Math.tanh(xs[i])));
        }
        assertTrue(worst <= 2.4e-7, "largest difference from tanh " + worst);
    }

    @Test
    void extremesSaturateExactlyAndNanStaysNan() {
        INDArray y = run(Nd4j.createFromArray(100f, 1e30f, Float.POSITIVE_INFINITY, -100f, Float.NEGATIVE_INFINITY,
                Float.NaN, 0f));
        // exp(2x) overflows to infinity: 1 - 2/inf is exactly 1; underflow to 0: 1 - 2/1 is exactly -1.
        assertEquals(1.0, y.getDouble(0));
        assertEquals(1.0, y.getDouble(1));
        assertEquals(1.0, y.getDouble(2));
        assertEquals(-1.0, y.getDouble(3));
        assertEquals(-1.0, y.getDouble(4));
        assertTrue(Double.isNaN(y.getDouble(5)));
        assertEquals(0.0, y.getDouble(6));
    }

    @Test
    void float64ValuesAndGradientCheck() {
        INDArray x0 = Nd4j.createFromArray(-3.0, -0.7, -1e-3, 0.2, 1.1, 4.0);
        INDArray y = run(x0.dup());
        for (int i = 0; i < x0.length(); i++) {
            assertEquals(Math.tanh(x0.getDouble(i)), y.getDouble(i), 1e-15);
        }
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", x0.dup());
        SDVariable w = sd.constant("w", Nd4j.createFromArray(0.3, -1.2, 2.0, 0.5, -0.4, 1.5));
        Activation.tanhByExp(x).mul(w).sum().rename("loss");
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
        assertEquals(DataType.DOUBLE, x.dataType());
    }
}
