package org.sdzoo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summaries of a protocol's runs: final values, and the best epoch of the mean curve. */
class ReproductionTest {

    @Test
    void theBestEpochOfTheMeanCurveIsTheHighestMeanOverTheEpochsEveryRunReached() {
        Protocol gin = new Protocol(3, "acc", 85.6, "GIN", "acc_per_epoch");
        ExampleRunner.Reproduction r = new ExampleRunner.Reproduction(gin, List.of(0L, 1L, 2L), List.of(80.0, 70.0, 90.0),
                List.of(List.of(50.0, 90.0, 80.0, 99.0), List.of(60.0, 70.0, 85.0), List.of(70.0, 80.0, 75.0)));
        ExampleRunner.BestEpoch best = r.bestEpochOfMeanCurve().orElseThrow();
        // means 60, 80, 80: the first of the tied best, and epoch 4 (one run only) is not counted
        assertEquals(2, best.epoch());
        assertEquals(80.0, best.mean(), 1e-12);
        assertEquals(10.0, best.std(), 1e-12);
        assertEquals(80.0, r.mean(), 1e-12);
        assertEquals(10.0, r.std(), 1e-12);
    }

    @Test
    void aProtocolWithoutACurveHasNoBestEpoch() {
        Protocol plain = new Protocol(2, "acc", 81.5, "Kipf");
        assertTrue(new ExampleRunner.Reproduction(plain, List.of(1L, 2L), List.of(1.0, 2.0), List.of())
                .bestEpochOfMeanCurve().isEmpty());
    }

    @Test
    void aResultTableGivesBackItsSeries() {
        ResultTable t = new ResultTable("t").perEpoch("curve", "c", List.of(1.0, 2.0));
        assertEquals(List.of(1.0, 2.0), t.series("curve").orElseThrow());
        assertTrue(t.series("missing").isEmpty());
    }
}
