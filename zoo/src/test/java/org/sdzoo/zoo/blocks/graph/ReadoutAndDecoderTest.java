package org.sdzoo.zoo.blocks.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.check.GradientCheck;

class ReadoutAndDecoderTest {

    /** Three graphs of 3, 1 and 2 nodes, their nodes interleaved. */
    static final int[] GRAPH_IDS = {0, 2, 0, 1, 2, 0};
    static final int N = GRAPH_IDS.length;
    static final int F = 3;

    static SameDiff readout(Readout mode, INDArray h, int[] graphIds, INDArray r) {
        SameDiff sd = SameDiff.create();
        SDVariable states = sd.var("h", h.dup());
        SDVariable pooled = mode.apply(sd, states, sd.constant(Nd4j.createFromArray(graphIds)), sd.constant(Nd4j.scalar(3)));
        pooled.rename("pooled");
        pooled.mul(sd.constant(r)).sum().rename("loss");
        return sd;
    }

    /** Distinct values (no ties), so max has one arg-max per column and a finite difference. */
    static INDArray states() {
        return Nd4j.linspace(DataType.DOUBLE, 1, N * F, 1).reshape(N, F).muli(0.37).addi(Nd4j.rand(DataType.DOUBLE, N, F).muli(0.1)).remainder(2.3);
    }

    @ParameterizedTest
    @EnumSource(Readout.class)
    void readoutMatchesJavaAndPassesTheStrictGradientCheck(Readout mode) {
        Nd4j.getRandom().setSeed(3);
        INDArray h = states();
        INDArray r = Nd4j.rand(DataType.DOUBLE, 3, F);
        SameDiff sd = readout(mode, h, GRAPH_IDS, r);
        INDArray pooled = sd.output(Map.of(), "pooled").get("pooled");
        for (int g = 0; g < 3; g++) {
            for (int f = 0; f < F; f++) {
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                int count = 0;
                for (int i = 0; i < N; i++) {
                    if (GRAPH_IDS[i] == g) {
                        sum += h.getDouble(i, f);
                        max = Math.max(max, h.getDouble(i, f));
                        count++;
                    }
                }
                double expected = switch (mode) {
                    case SUM -> sum;
                    case MEAN -> sum / count;
                    case MAX -> max;
                };
                assertEquals(expected, pooled.getDouble(g, f), 1e-12, mode + " graph " + g + " feature " + f);
            }
        }
        GradientCheck.Result result = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(result.passed(), mode + ": " + result);
    }

    @ParameterizedTest
    @EnumSource(Readout.class)
    void readoutIgnoresNodeOrder(Readout mode) {
        Nd4j.getRandom().setSeed(4);
        INDArray h = states();
        INDArray r = Nd4j.rand(DataType.DOUBLE, 3, F);
        int[] order = {4, 0, 5, 2, 1, 3};
        INDArray permuted = Nd4j.zeros(DataType.DOUBLE, N, F);
        int[] ids = new int[N];
        for (int i = 0; i < N; i++) {
            permuted.putRow(order[i], h.getRow(i));
            ids[order[i]] = GRAPH_IDS[i];
        }
        INDArray a = readout(mode, h, GRAPH_IDS, r).output(Map.of(), "pooled").get("pooled");
        INDArray b = readout(mode, permuted, ids, r).output(Map.of(), "pooled").get("pooled");
        assertTrue(a.equalsWithEps(b, 1e-12), mode + ": " + a + " vs " + b);
    }

    @Test
    void dotProductDecoderScoresPairsAndPassesTheStrictGradientCheck() {
        Nd4j.getRandom().setSeed(5);
        INDArray z = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        int[][] pairs = {{0, 1}, {1, 0}, {2, 2}, {3, 0}, {0, 3}, {1, 2}};
        SameDiff sd = SameDiff.create();
        SDVariable scores = DotProductDecoder.apply(sd, sd.var("z", z.dup()), sd.constant(Nd4j.createFromArray(pairs)));
        scores.rename("scores");
        INDArray r = Nd4j.rand(DataType.DOUBLE, pairs.length);
        scores.mul(sd.constant(r)).sum().rename("loss");
        INDArray s = sd.output(Map.of(), "scores").get("scores");
        for (int p = 0; p < pairs.length; p++) {
            assertEquals(z.getRow(pairs[p][0]).mul(z.getRow(pairs[p][1])).sumNumber().doubleValue(), s.getDouble(p), 1e-12);
        }
        GradientCheck.Result result = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(result.passed(), result.toString());
    }
}
