package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.custom.RandomBernoulli;
import org.nd4j.linalg.factory.Nd4j;

class SeededRandomOpsTest {

    private static SameDiff bernoulli() {
        SameDiff sd = SameDiff.create();
        new RandomBernoulli(sd, sd.constant("shape", Nd4j.createFromArray(8L, 8L)), 0.5).outputVariable().rename("mask");
        return sd;
    }

    private static INDArray draw(SameDiff sd, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return sd.output(Map.of(), "mask").get("mask");
    }

    @Test
    void withoutTheListenerARandomOpIgnoresTheSeed() {
        SameDiff sd = bernoulli();
        assertEquals(draw(sd, 1), draw(sd, 2),
                "M2.1 now seeds random ops from Nd4j.getRandom(): SeededRandomOps may go");
    }

    @Test
    void withTheListenerTheSeedDecidesTheDraw() {
        SameDiff sd = bernoulli();
        SeededRandomOps.attach(sd);
        SeededRandomOps.attach(sd);
        assertEquals(1, sd.getListeners().size(), "attached once");
        assertEquals(draw(sd, 1), draw(sd, 1));
        assertNotEquals(draw(sd, 1), draw(sd, 2));
        Nd4j.getRandom().setSeed(3);
        INDArray first = sd.output(Map.of(), "mask").get("mask");
        assertNotEquals(first, sd.output(Map.of(), "mask").get("mask"), "the generator advances between draws");
    }
}
