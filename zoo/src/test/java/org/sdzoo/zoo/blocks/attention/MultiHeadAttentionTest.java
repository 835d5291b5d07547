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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;

/**
 * {@code nn.MultiheadAttention(batch_first=True)} in float64 against the fixture: outputs, per-head
 * and averaged weights, and the gradients of {@code sum(y·probe) + sum(w·weights_probe)} with
 * respect to every parameter and input; the same graphs pass the strict finite-difference check.
 */
class MultiHeadAttentionTest {

    private static final Logger log = LoggerFactory.getLogger(MultiHeadAttentionTest.class);
    private static final int B = 2;
    private static final int T = 4;
    private static final int S = 5;
    private static final int D = 8;
    private static final int H = 2;

    private record Built(SameDiff sd, MultiHeadOutputs outputs, List<String> names) {
    }

    private static Built build(String testCase, long kdim, long vdim, boolean selfAttention) {
        SameDiff sd = SameDiff.create();
        MultiHeadAttention mha = MultiHeadAttention.create(Scope.root(sd, 3, DataType.DOUBLE), D, H, kdim, vdim, 0, true);
        SDVariable query = sd.var("query", AttentionFixture.get(testCase, "query"));
        SDVariable key = selfAttention ? query : sd.var("key", AttentionFixture.get(testCase, "key"));
        SDVariable value = selfAttention ? query
                : kdim == D && vdim == D ? key : sd.var("value", AttentionFixture.get(testCase, "value"));
        SDVariable padding = testCase.equals("mha_cross") ? null : AttentionFixture.mask(sd, testCase, "key_padding_mask");
        SDVariable attn = testCase.equals("mha_kdim") ? null : AttentionFixture.mask(sd, testCase, "attn_mask");
        MultiHeadOutputs out = mha.apply(query, key, value, padding, attn);
        out.output().mul(sd.constant(AttentionFixture.get(testCase, "probe"))).sum()
                .add(out.weights().mul(sd.constant(AttentionFixture.get(testCase, "weights_probe"))).sum())
                .rename("loss");
        sd.setLossVariables("loss");
        List<String> inputs = List.of("query", "key", "value");
        return new Built(sd, out, AttentionFixture.loadParameters(sd, testCase, inputs));
    }

    private static void parity(String testCase, long kdim, long vdim, boolean selfAttention) {
        Built b = build(testCase, kdim, vdim, selfAttention);
        MultiHeadOutputs o = b.outputs();
        Map<String, INDArray> got = b.sd().output(Map.of(), o.output().name(), o.weights().name(),
                o.averagedWeights().name());
        double outErr = AttentionFixture.assertClose(AttentionFixture.get(testCase, "output"), got.get(o.output().name()),
                testCase + " output");
        double wErr = AttentionFixture.assertClose(AttentionFixture.get(testCase, "weights"), got.get(o.weights().name()),
                testCase + " weights");
        AttentionFixture.assertClose(AttentionFixture.get(testCase, "averaged_weights"),
                got.get(o.averagedWeights().name()), testCase + " averaged weights");
        double gErr = AttentionFixture.assertGradients(b.sd(), testCase, b.names());
        log.info("{} vs torch: output {}, weights {}, gradients {} (max abs)", testCase, outErr, wErr, gErr);
        GradientCheck.Result r = GradientCheck.check(b.sd(), "loss", Map.of());
        assertTrue(r.passed(), testCase + ": " + r);
    }

    @Test
    void selfAttentionWithPackedWeightsAndCausalAndPaddingMasks() {
        parity("mha_self", D, D, true);
    }

    @Test
    void crossAttentionWithKdimVdimAndSeparateProjections() {
        parity("mha_kdim", 6, 3, false);
    }

    @Test
    void crossAttentionWithPerHeadMasks() {
        parity("mha_cross", D, D, false);
    }

    @Test
    void maskedKeysGetExactlyZeroWeight() {
        Built b = build("mha_self", D, D, true);
        INDArray w = b.sd().output(Map.of(), b.outputs().weights().name()).get(b.outputs().weights().name()); // [B, H, T, S]
        INDArray padding = AttentionFixture.get("mha_self", "key_padding_mask");
        INDArray causal = AttentionFixture.get("mha_self", "attn_mask");
        for (int i = 0; i < B; i++) {
            for (int h = 0; h < H; h++) {
                for (int t = 0; t < T; t++) {
                    for (int s = 0; s < T; s++) {
                        boolean masked = padding.getDouble(i, s) != 0 || causal.getDouble(t, s) != 0;
                        double weight = w.getDouble(i, h, t, s);
                        assertTrue(masked ? weight == 0.0 : weight > 0, "weight [" + i + "," + h + "," + t + "," + s + "]");
                    }
                }
            }
        }
    }

    @Test
    void aFullyMaskedQueryGetsZeroWeightsAndTheOutputBias() {
        SameDiff sd = SameDiff.create();
        MultiHeadAttention mha = MultiHeadAttention.create(Scope.root(sd, 3, DataType.DOUBLE), 4, 2, 0.0);
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, 1, 3, 4));
        INDArray padding = Nd4j.createFromArray(new boolean[][] {{false, false, true}});
        INDArray causalBool = Nd4j.createFromArray(new boolean[][] {{true, true, true}, {false, true, true}, {false, false, true}});
        MultiHeadOutputs o = mha.apply(x, sd.constant(AttentionMasks.fromTorch(padding, DataType.DOUBLE)),
                sd.constant(AttentionMasks.fromTorch(causalBool, DataType.DOUBLE)));
        Map<String, INDArray> got = sd.output(Map.of(), o.output().name(), o.weights().name());
        INDArray w = got.get(o.weights().name());
        assertEquals(0.0, w.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).sumNumber().doubleValue(), "row 0 weights");
        assertEquals(2.0 * 2, w.sumNumber().doubleValue(), 1e-12, "rows 1 and 2 of both heads sum to 1");
        INDArray y = got.get(o.output().name());
        assertTrue(y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                .equalsWithEps(sd.getArrForVarName("out_proj.bias"), 0), "output of the fully masked query");
        assertTrue(!y.isNaN().any(), "no NaN");
    }

    @Test
    void refusesBadSizesAndMaskRanks() {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 3, DataType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiHeadAttention.create(root, 6, 4, 0));
        assertTrue(e.getMessage().contains("divisible"), e.getMessage());
        MultiHeadAttention mha = MultiHeadAttention.create(root.child("a"), 4, 2, 0);
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        SDVariable bad = sd.placeHolder("m", DataType.DOUBLE, -1, 3, 3, 3);
        e = assertThrows(IllegalArgumentException.class, () -> mha.apply(x, null, bad));
        assertTrue(e.getMessage().contains("attn_mask"), e.getMessage());
    }
}
