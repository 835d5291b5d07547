package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The two stop rules on one sequence of validation losses. */
class EarlyStoppingTest {

    private static final double[] LOSSES = {1.0, 0.9, 0.8, 0.7, 0.75, 0.85};

    /** @return the 1-based epoch after which the rule stops, or 0 when it never does */
    private static int stopEpoch(StopRule rule, int patience, double[] losses) {
        EarlyStopping s = new EarlyStopping(MonitorMode.MIN, patience, rule, Double.NaN, 0, 0, List.of());
        for (int e = 0; e < losses.length; e++) {
            s.record(e + 1, losses[e]);
            if (s.shouldStop()) {
                return e + 1;
            }
        }
        return 0;
    }

    @Test
    void kipfsWindowStopsAtTheFirstValueAboveTheMeanOfTheWindowBeforeIt() {
        // epoch 5: 0.75 < mean(0.9, 0.8, 0.7) = 0.8 goes on; epoch 6: 0.85 > mean(0.8, 0.7, 0.75) = 0.75 stops
        assertEquals(6, stopEpoch(StopRule.WORSE_THAN_WINDOW_MEAN, 3, LOSSES));
        // two epochs since the best (0.7 at epoch 4) is below a patience of 3
        assertEquals(0, stopEpoch(StopRule.NO_IMPROVEMENT, 3, LOSSES));
    }

    @Test
    void kipfsWindowWaitsForMoreThanPatiencePlusOneValues() {
        // tkipf/gcn checks only when the 0-based epoch exceeds the window: never with 4 values and a window of 3
        assertEquals(0, stopEpoch(StopRule.WORSE_THAN_WINDOW_MEAN, 3, new double[] {1, 2, 3, 4}));
        assertEquals(5, stopEpoch(StopRule.WORSE_THAN_WINDOW_MEAN, 3, new double[] {1, 2, 3, 4, 5}));
        assertEquals(0, stopEpoch(StopRule.WORSE_THAN_WINDOW_MEAN, 0, new double[] {1, 2, 3, 4, 5}));
    }

    @Test
    void aResumedWindowRemembersTheValuesBeforeTheInterruption() {
        EarlyStopping s = new EarlyStopping(MonitorMode.MIN, 3, StopRule.WORSE_THAN_WINDOW_MEAN, 0.7, 4, 0,
                List.of(1.0, 0.9, 0.8, 0.7));
        s.record(5, 0.75);
        assertFalse(s.shouldStop());
        s.record(6, 0.85);
        assertTrue(s.shouldStop());
        assertTrue(s.reason("val_loss").contains("worse than the mean of the 3 epochs before it"), s.reason("val_loss"));
    }

    @Test
    void theRuleRoundTripsThroughJsonAndDefaultsToNoImprovement() {
        TrainerConfig c = TrainerConfig.builder().patience(10).stopRule(StopRule.WORSE_THAN_WINDOW_MEAN).build();
        assertEquals(c, TrainerConfig.fromJson(c.toJson()));
        assertEquals(StopRule.NO_IMPROVEMENT, TrainerConfig.fromJson("{}").stopRule());
    }
}
