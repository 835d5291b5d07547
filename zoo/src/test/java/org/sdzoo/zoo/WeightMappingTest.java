package org.sdzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each kind of rule on a tiny graph, and every problem of a state_dict reported at once. */
class WeightMappingTest {

    private static INDArray counting(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        sd.var("fc.weight", Nd4j.zeros(DataType.FLOAT, 3, 2));
        sd.var("proj", Nd4j.zeros(DataType.DOUBLE, 2, 3));
        for (String p : new String[] {"q", "k", "v"}) {
            sd.var(p + ".weight", Nd4j.zeros(DataType.DOUBLE, 2, 2));
            sd.var(p + ".bias", Nd4j.zeros(DataType.DOUBLE, 2));
        }
        sd.var("conv.weight", Nd4j.zeros(DataType.DOUBLE, 2, 3, 2));
        return sd;
    }

    private static final WeightMapping MAPPING = WeightMapping.builder("toy")
            .copy("fc.weight")
            .transpose("proj.weight", "proj")
            .split("attn.in_proj_weight", 0, "q.weight", "k.weight", "v.weight")
            .split("attn.in_proj_bias", 0, "q.bias", "k.bias", "v.bias")
            .foldWeightNorm("conv.", "conv.weight")
            .alias("decoder.weight", "fc.weight")
            .ignore("bn.num_batches_tracked")
            .build();

    private static Map<String, INDArray> stateDict() {
        Map<String, INDArray> sd = new HashMap<>();
        sd.put("fc.weight", counting(3, 2));
        sd.put("decoder.weight", counting(3, 2));
        sd.put("proj.weight", counting(3, 2));
        sd.put("attn.in_proj_weight", counting(6, 2));
        sd.put("attn.in_proj_bias", counting(6));
        sd.put("conv.weight_g", Nd4j.createFromArray(2.0, -3.0).reshape(2, 1, 1));
        sd.put("conv.weight_v", counting(2, 3, 2).sub(5));
        sd.put("bn.num_batches_tracked", Nd4j.scalar(7L).castTo(DataType.DOUBLE));
        return sd;
    }

    @Test
    void copyTransposeSplitAndCast() {
        SameDiff sd = graph();
        MAPPING.apply(sd, stateDict());
        assertEquals(counting(3, 2).castTo(DataType.FLOAT), sd.getArrForVarName("fc.weight"));
        assertEquals(counting(3, 2).transpose(), sd.getArrForVarName("proj"));
        INDArray packed = counting(6, 2);
        assertEquals(packed.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), sd.getArrForVarName("q.weight"));
        assertEquals(packed.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)), sd.getArrForVarName("k.weight"));
        assertEquals(packed.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 6)), sd.getArrForVarName("v.weight"));
        assertEquals(Nd4j.createFromArray(5.0, 6.0), sd.getArrForVarName("v.bias"));
    }

    @Test
    void weightNormIsFoldedAsGTimesVOverItsNormPerOutputChannel() {
        SameDiff sd = graph();
        MAPPING.apply(sd, stateDict());
        INDArray v = counting(2, 3, 2).sub(5);
        double[] g = {2.0, -3.0};
        INDArray w = sd.getArrForVarName("conv.weight");
        for (int o = 0; o < 2; o++) {
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 2; k++) {
                    norm += v.getDouble(o, i, k) * v.getDouble(o, i, k);
                }
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 2; k++) {
                    assertEquals(g[o] * v.getDouble(o, i, k) / norm, w.getDouble(o, i, k), 1e-14);
                }
            }
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, INDArray> bad = stateDict();
        bad.remove("attn.in_proj_bias");
        bad.put("attn.in_proj_weight", counting(4, 2));
        bad.put("conv.weight_g", counting(2));
        bad.put("extra.weight", counting(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MAPPING.apply(graph(), bad));
        String m = e.getMessage();
        assertTrue(m.contains("'attn.in_proj_bias' is missing")
                && m.contains("'attn.in_proj_weight' has shape [4, 2] but [6, 2] was expected")
                && m.contains("'conv.weight_g' has shape [2] but [2, 1, 1] was expected")
                && m.contains("'extra.weight' is not a parameter of toy"), m);
    }

    @Test
    void anAliasMustHoldTheSameValues() {
        Map<String, INDArray> bad = stateDict();
        bad.put("decoder.weight", counting(3, 2).add(1e-3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MAPPING.apply(graph(), bad));
        assertTrue(e.getMessage().contains("'decoder.weight' should hold the same values as 'fc.weight'"), e.getMessage());
        bad.remove("decoder.weight");
        e = assertThrows(IllegalArgumentException.class, () -> MAPPING.apply(graph(), bad));
        assertTrue(e.getMessage().contains("'decoder.weight' is missing"), e.getMessage());
    }

    @Test
    void declarationMistakesAreCaught() {
        assertThrows(IllegalArgumentException.class, () -> WeightMapping.builder("toy").copy("a").copy("a").build());
        assertThrows(IllegalArgumentException.class,
                () -> WeightMapping.builder("toy").copy("a", "x").transpose("b", "x").build());
        assertEquals(2, WeightMapping.builder("toy").copyAll(java.util.List.of("a", "b")).build()
                .expected(Map.of("a", new long[] {1}, "b", new long[] {2})).size());
        WeightMapping unknown = WeightMapping.builder("toy").copy("nope").build();
        assertThrows(IllegalStateException.class, () -> unknown.apply(graph(), Map.of("nope", counting(1))));
        assertEquals(Map.of("a", 2L), Map.of("a", WeightMapping.builder("toy").split("a", 0, "x", "y").build()
                .expected(Map.of("x", new long[] {1}, "y", new long[] {1})).get("a")[0]));
    }
}
