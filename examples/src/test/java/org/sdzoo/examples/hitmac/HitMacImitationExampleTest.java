package org.sdzoo.examples.hitmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sdzoo.examples.DataSource;

class HitMacImitationExampleTest {

    private static final HitMacImitationExample EXAMPLE = new HitMacImitationExample();

    @Test
    void demonstrationsAreTheGreedyTurnsOfEveryCameraAtEveryStep() {
        HitMacImitationExample.Data d = EXAMPLE.data(new DataSource(null, List.of(), null, 3, null));
        long steps = HitMacImitationExample.DEMO_EPISODES * (HitMacImitationExample.COORDINATOR_STEPS + 1) * 10L * 4;
        assertArrayEquals(new long[] {steps, 5, 4}, d.obs().shape());
        assertArrayEquals(new long[] {steps}, d.actions().shape());
        for (int a = 0; a < 3; a++) {
            final double action = a;
            assertTrue(d.actions().eq(action).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue() > 0,
                    "the greedy rule takes action " + a + " somewhere");
        }
        HitMacImitationExample.Data again = EXAMPLE.data(new DataSource(null, List.of(), null, 3, null));
        assertEquals(d.obs(), again.obs());
        assertEquals(d.actions(), again.actions());
    }

    @Test
    void userDataIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EXAMPLE.data(new DataSource(Path.of("x.csv"), List.of(), null, 3, null)));
        assertTrue(e.getMessage().contains("drop --data"), e.getMessage());
    }
}
