package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** locuslab's plateau rule on sequences of validation losses. */
class PlateauDecayTest {

    private static TrainerConfig rule(int afterEpoch) {
        return TrainerConfig.builder().plateauFactor(0.1).plateauWindow(3).plateauAfterEpoch(afterEpoch).build();
    }

    @Test
    void anEpochWorseThanEachOfTheThreeBeforeItDividesByTen() {
        // epoch 5 (0.95) is worse than 0.9, 0.8, 0.7; epoch 6 (0.85) is not worse than 0.95.
        List<Double> losses = List.of(1.0, 0.9, 0.8, 0.7, 0.95, 0.85);
        assertEquals(1, PlateauDecay.reductions(rule(0), MonitorMode.MIN, losses));
        assertEquals(0.1, PlateauDecay.scale(rule(0), MonitorMode.MIN, losses), 1e-15);
        assertEquals(1, PlateauDecay.scale(rule(5), MonitorMode.MIN, losses), "only epochs after the 5th count");
        // Worse than only two of the three before it: not a plateau.
        assertEquals(0, PlateauDecay.reductions(rule(0), MonitorMode.MIN, List.of(0.9, 0.5, 0.8, 0.85)));
    }

    @Test
    void locuslabsFirstEpochsCompareWithFewerThanTheWindow() {
        // music_test.py compares with max(vloss_list[-3:]), which holds one value at epoch 2.
        assertEquals(2, PlateauDecay.reductions(rule(0), MonitorMode.MIN, List.of(1.0, 1.1, 1.2)));
        assertEquals(0.01, PlateauDecay.scale(rule(0), MonitorMode.MIN, List.of(1.0, 1.1, 1.2)), 1e-15);
    }

    @Test
    void maxModeAndMissingValues() {
        assertEquals(1, PlateauDecay.reductions(rule(0), MonitorMode.MAX, List.of(0.8, 0.9, 0.7)));
        assertEquals(0, PlateauDecay.reductions(rule(0), MonitorMode.MIN, List.of(Double.NaN, 1.0, Double.NaN)),
                "epochs without validation never reduce");
        assertEquals(1, PlateauDecay.reductions(rule(0), MonitorMode.MIN, List.of(1.0, Double.NaN, 1.2)));
    }

    @Test
    void offByDefaultAndValidated() {
        assertEquals(0, PlateauDecay.reductions(TrainerConfig.builder().build(), MonitorMode.MIN,
                List.of(1.0, 2.0, 3.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainerConfig.builder().plateauFactor(10).build());
        assertTrue(e.getMessage().contains("plateauFactor"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().plateauWindow(0).build());
        TrainerConfig c = rule(10);
        assertEquals(c, TrainerConfig.fromJson(c.toJson()), "the rule round-trips through JSON");
    }
}
