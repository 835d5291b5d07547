package org.sdzoo.zoo.blocks.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.check.GradientCheck;

/**
 * The blocks as models use them: placeholders whose batch and time sizes are unknown when the
 * graph is built, one graph fed batches of different sizes, and a strict gradient check through
 * a small stack (embedding → linear → activation → layer norm) with repeated ids.
 */
class NnBlocksShapesTest {

    private static INDArray values(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(0.9 * i + 0.2);
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    @Test
    void unknownBatchAndTimeSizesAcrossBatches() {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 1, DataType.DOUBLE);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, -1, 4);
        SDVariable hidden = Activation.GELU.apply(Linear.create(root.child("fc"), 4, 6, true).apply(x));
        SDVariable tanh = sd.math.tanh(hidden);                       // an input of unknown shape
        SDVariable out = LayerNorm.create(root.child("norm"), 6).apply(Linear.create(root.child("out"), 6, 6, false)
                .apply(tanh));
        for (long[] shape : new long[][] {{2, 3, 4}, {5, 1, 4}}) {
            INDArray y = sd.output(Map.of("x", values(shape)), out.name()).get(out.name());
            assertArrayEquals(new long[] {shape[0], shape[1], 6}, y.shape());
            // each row is normalised: mean 0 (the affine part is still ones and zeros)
            assertEquals(0, y.mean(2).amaxNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void fixedTimeUnknownBatchTakesTheStaticReshape() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        Linear fc = Linear.create(Scope.root(sd, 3, DataType.DOUBLE).child("fc"), 4, 2, true);
        SDVariable y = fc.apply(x);
        for (long batch : new long[] {1, 4}) {
            INDArray in = values(batch, 3, 4);
            INDArray out = sd.output(Map.of("x", in), y.name()).get(y.name());
            INDArray expected = in.reshape(-1, 4).mmul(fc.weight().getArr().transpose())
                    .addRowVector(fc.bias().getArr()).reshape(batch, 3, 2);
            assertEquals(expected, out);
        }
    }

    @Test
    void stackWithPlaceholderIdsPassesTheStrictCheck() {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 2, DataType.DOUBLE);
        SDVariable ids = sd.placeHolder("ids", DataType.INT64, -1, -1);
        SDVariable e = Embedding.create(root.child("embed"), 5, 2).apply(ids);                 // [B, T, 2]
        SDVariable h = Activation.TANH.apply(Linear.create(root.child("fc"), 2, 3, true).apply(e));
        SDVariable y = LayerNorm.create(root.child("norm"), 3).apply(h);
        SDVariable second = Embedding.create(root.child("pos"), 3, 3).apply(sd.constant(Nd4j.createFromArray(0L, 2L, 2L)));
        y.add(second).mul(sd.constant(values(2, 3, 3))).sum().rename("loss");
        // ids repeat within and across rows; "pos" is a second gather in the same graph
        Map<String, INDArray> feed = Map.of("ids", Nd4j.createFromArray(new long[][] {{1, 4, 1}, {4, 4, 0}}));
        GradientCheck.Result r = GradientCheck.check(sd, "loss", feed);
        assertTrue(r.passed(), r.toString());
        assertEquals(10 + 6 + 3 + 3 + 3 + 9, r.checked());
    }

    @Test
    void badArgumentsAreRefusedWithTheFix() {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 0, DataType.FLOAT);
        Embedding emb = Embedding.create(root.child("e"), 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> emb.apply(sd.placeHolder("f", DataType.FLOAT, -1)));
        assertTrue(e.getMessage().contains("integer ids"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linear.create(root.child("l"), 0, 2, true));
        assertThrows(IllegalArgumentException.class, () -> LayerNorm.create(root.child("n"), 3, 0, true));
        assertThrows(IllegalArgumentException.class, () -> root.child("a.").name("w"));
        assertThrows(IllegalArgumentException.class, () -> Scope.root(sd, 0, DataType.INT32));
        assertEquals(Activation.LEAKY_RELU, Activation.parse("Leaky-ReLU"));
        e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("swish"));
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
    }
}
