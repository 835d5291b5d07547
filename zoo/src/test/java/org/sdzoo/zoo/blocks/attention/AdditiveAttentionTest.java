package org.sdzoo.zoo.blocks.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;

/** d2l's additive attention with valid lengths against the fixture, and the mask conversions. */
class AdditiveAttentionTest {

    @Test
    void matchesD2lWithValidLengthsAndPassesTheStrictCheck() {
        String c = "additive";
        SameDiff sd = SameDiff.create();
        AdditiveAttention att = AdditiveAttention.create(Scope.root(sd, 2, DataType.DOUBLE), 5, 3, 6, 0);
        SDVariable q = sd.var("query", AttentionFixture.get(c, "query"));
        SDVariable k = sd.var("key", AttentionFixture.get(c, "key"));
        SDVariable v = sd.var("value", AttentionFixture.get(c, "value"));
        SDVariable mask = sd.constant(AttentionMasks.validLengths(AttentionFixture.get(c, "valid_lens"), 5, DataType.DOUBLE));
        AttentionOutputs o = att.apply(q, k, v, mask);
        o.output().mul(sd.constant(AttentionFixture.get(c, "probe"))).sum()
                .add(o.weights().mul(sd.constant(AttentionFixture.get(c, "weights_probe"))).sum()).rename("loss");
        sd.setLossVariables("loss");
        List<String> names = AttentionFixture.loadParameters(sd, c, List.of("query", "key", "value"));
        Map<String, INDArray> got = sd.output(Map.of(), o.output().name(), o.weights().name());
        AttentionFixture.assertClose(AttentionFixture.get(c, "output"), got.get(o.output().name()), "output");
        INDArray w = got.get(o.weights().name());
        AttentionFixture.assertClose(AttentionFixture.get(c, "weights"), w, "weights");
        assertEquals(0.0, w.getDouble(0, 1, 2), "a key past the valid length gets exactly zero weight");
        AttentionFixture.assertGradients(sd, c, names);
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void convertsPyTorchMasks() {
        INDArray f = Nd4j.createFromArray(0.0, Double.NEGATIVE_INFINITY, -0.5);
        INDArray a = AttentionMasks.fromTorch(f, DataType.DOUBLE);
        assertEquals(MaskedSoftmax.MASKED_SCORE, a.getDouble(1));
        assertEquals(-0.5, a.getDouble(2));
        assertThrows(IllegalArgumentException.class, () -> AttentionMasks.fromTorch(Nd4j.createFromArray(1, 0), DataType.DOUBLE));
        assertThrows(IllegalArgumentException.class,
                () -> AttentionMasks.validLengths(Nd4j.createFromArray(6L), 5, DataType.DOUBLE));
        assertEquals(MaskedSoftmax.MASKED_SCORE, AttentionMasks.causal(3, DataType.DOUBLE).getDouble(0, 1));
        assertEquals(0.0, AttentionMasks.causal(3, DataType.DOUBLE).getDouble(1, 0));
    }
}
