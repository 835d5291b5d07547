package org.sdzoo.zoo.blocks.attention;

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
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;

class PositionalEncodingTest {

    @Test
    void sinusoidsAreTheAnnotatedTransformers() {
        INDArray pe = PositionalEncoding.sinusoidTable(5, 4);
        assertEquals(Math.sin(3), pe.getDouble(3, 0), 1e-15);
        assertEquals(Math.cos(3), pe.getDouble(3, 1), 1e-15);
        assertEquals(Math.sin(3 / 100.0), pe.getDouble(3, 2), 1e-15);
        assertEquals(Math.cos(3 / 100.0), pe.getDouble(3, 3), 1e-15);
    }

    @Test
    void learnedTableAddsAndPassesTheStrictCheck() {
        SameDiff sd = SameDiff.create();
        PositionalEncoding pe = PositionalEncoding.learned(Scope.root(sd, 1, DataType.DOUBLE).child("pos"), 4, 2);
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, 2, 3, 2));
        SDVariable y = pe.apply(x);
        y.mul(y).sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray out = sd.output(Map.of(), y.name()).get(y.name());
        assertEquals(x.getArr().getDouble(1, 2, 1) + sd.getArrForVarName("pos.weight").getDouble(2, 1), out.getDouble(1, 2, 1), 1e-15);
        assertTrue(GradientCheck.check(sd, "loss", Map.of()).passed());
    }

    @Test
    void refusesASequenceLongerThanTheTable() {
        SameDiff sd = SameDiff.create();
        PositionalEncoding pe = PositionalEncoding.sinusoidal(Scope.root(sd, 1, DataType.DOUBLE), 3, 2);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pe.apply(x));
        assertTrue(e.getMessage().contains("longer than the positional table"), e.getMessage());
    }
}
