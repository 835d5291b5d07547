package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What SameDiff M2.1 does with a placeholder named {@value LearningPhase#NAME}, which dropout
 * relies on. When one of these fails, ND4J changed the behaviour and {@link LearningPhase} must
 * feed the phase itself.
 */
class LearningPhaseTest {

    /** {@code out = phase · x} and {@code loss = sum(out)}: the phase is visible in values and gradients. */
    private static SameDiff gated() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.createFromArray(2.0, -3.0));
        SDVariable out = x.mul("out", LearningPhase.asNumber(sd, DataType.DOUBLE));
        out.sum("loss");
        return sd;
    }

    @Test
    void outputRunsInInferenceAndGradientsInTraining() {
        SameDiff sd = gated();
        assertEquals(Nd4j.createFromArray(0.0, 0.0), sd.output(Map.of(), "out").get("out"), "output(): false");
        var both = QuietSameDiff.run(() -> sd.calculateGradientsAndOutputs(Map.of(), List.of("out"), List.of("x")));
        assertEquals(Nd4j.createFromArray(2.0, -3.0), both.getOutputs().get("out"), "calculateGradientsAndOutputs: true");
        assertEquals(Nd4j.createFromArray(1.0, 1.0), both.getGradients().get("x"));
        assertEquals(Nd4j.createFromArray(1.0, 1.0), sd.calculateGradients(Map.of(), List.of("x")).get("x"),
                "calculateGradients: true");
    }

    @Test
    void anExplicitlyFedPhaseIsNotOverridden() {
        SameDiff sd = gated();
        assertEquals(Nd4j.createFromArray(2.0, -3.0),
                sd.output(LearningPhase.feed(sd, true), "out").get("out"), "output() with true fed");
        var g = QuietSameDiff.run(() -> sd.calculateGradients(LearningPhase.feed(sd, false), List.of("x")));
        assertEquals(Nd4j.createFromArray(0.0, 0.0), g.get("x"), "gradients with false fed");
    }

    @Test
    void onePhaseAtTheRootWhateverTheNameScope() {
        SameDiff sd = SameDiff.create();
        SDVariable a;
        try (var scope = sd.withNameScope("encoder")) {
            a = LearningPhase.of(sd);
        }
        assertEquals(LearningPhase.NAME, a.name());
        assertTrue(a == LearningPhase.of(sd) || a.name().equals(LearningPhase.of(sd).name()));
        assertEquals(1, sd.placeHolders().size());
    }

    @Test
    void aGraphWithoutPhaseGetsNoFeed() {
        SameDiff sd = SameDiff.create();
        assertFalse(LearningPhase.isUsedBy(sd));
        assertTrue(LearningPhase.feed(sd, true).isEmpty());
    }
}
