package org.sdzoo.zoo.blocks.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.MaskedSoftmax;
import org.sdzoo.zoo.check.GradientCheck;

/**
 * d2l's {@code masked_softmax} (valid lengths per batch row and per query) and
 * {@code DotProductAttention} on 3-D inputs with per-query valid lengths, against the fixture,
 * with the strict finite-difference check.
 */
class ScaledDotProductAttentionTest {

    @Test
    void maskedSoftmaxWithValidLengthsPerRowAndPerQueryIsD2ls() {
        String c = "masked_softmax";
        for (String kind : List.of("rows", "queries")) {
            SameDiff sd = SameDiff.create();
            INDArray lengths = AttentionFixture.get(c, kind + "_valid");
            SDVariable mask = sd.constant(AttentionMasks.validLengths(lengths, 4, DataType.DOUBLE));
            SDVariable weights = MaskedSoftmax.exact(sd, sd.constant(AttentionFixture.get(c, "scores")), mask);
            INDArray w = weights.eval();
            AttentionFixture.assertClose(AttentionFixture.get(c, kind), w, c + " " + kind);
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < 2; t++) {
                    int valid = lengths.rank() == 1 ? lengths.getInt(b) : lengths.getInt(b, t);
                    for (int s = valid; s < 4; s++) {
                        assertEquals(0.0, w.getDouble(b, t, s), kind + ": key " + s + " past length " + valid);
                    }
                }
            }
        }
    }

    /** Lengths fed as a graph variable ({@code [B, T]}, per query) build the mask inside the graph. */
    @Test
    void dotProductAttentionWithPerQueryValidLengthsMatchesD2lAndPassesTheStrictCheck() {
        String c = "dot_product";
        SameDiff sd = SameDiff.create();
        SDVariable q = sd.var("query", AttentionFixture.get(c, "query"));
        SDVariable k = sd.var("key", AttentionFixture.get(c, "key"));
        SDVariable v = sd.var("value", AttentionFixture.get(c, "value"));
        SDVariable lengths = sd.constant("valid_lens", AttentionFixture.get(c, "valid_lens").castTo(DataType.INT64));
        SDVariable mask = AttentionMasks.validLengths(sd, lengths, 5, DataType.DOUBLE);              // [B, T, S]
        AttentionOutputs o = ScaledDotProductAttention.apply(q, k, v, mask, 0);
        o.output().mul(sd.constant(AttentionFixture.get(c, "probe"))).sum()
                .add(o.weights().mul(sd.constant(AttentionFixture.get(c, "weights_probe"))).sum()).rename("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> got = sd.output(Map.of(), o.output().name(), o.weights().name());
        AttentionFixture.assertClose(AttentionFixture.get(c, "output"), got.get(o.output().name()), c + " output");
        INDArray w = got.get(o.weights().name());
        AttentionFixture.assertClose(AttentionFixture.get(c, "weights"), w, c + " weights");
        assertEquals(0.0, w.getDouble(0, 0, 1), "query 0 of row 0 sees one key");
        AttentionFixture.assertGradients(sd, c, List.of("query", "key", "value"));
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), r.toString());
        assertEquals(2 * 4 * 6 + 2 * 5 * 6 + 2 * 5 * 3, r.checked(), "every element of query, key and value was checked");
    }
}
