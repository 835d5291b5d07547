package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NativeMemoryGuardTest {

    private static final long MB = 1L << 20;
    private static final long INTERVAL = NativeMemoryGuard.CHECK_INTERVAL_MILLIS * 1_000_000L;

    private final AtomicLong resident = new AtomicLong();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    private NativeMemoryGuard guard(long limit) {
        return new NativeMemoryGuard(limit, resident::get, clock::get, collections::incrementAndGet);
    }

    private void tick(NativeMemoryGuard guard, long residentBytes) {
        clock.addAndGet(INTERVAL);
        resident.set(residentBytes);
        guard.checkNow();
    }

    /** Readings during the settling time after a collection, then the one that sets the limit. */
    private void settle(NativeMemoryGuard guard, long during, long after) {
        long ticks = NativeMemoryGuard.SETTLE_MILLIS / NativeMemoryGuard.CHECK_INTERVAL_MILLIS;
        for (int i = 1; i < ticks; i++) {
            tick(guard, during);
        }
        tick(guard, after);
    }

    @Test
    void collectsOnlyAboveTheLimit() {
        NativeMemoryGuard guard = guard(1000 * MB);
        tick(guard, 900 * MB);
        assertEquals(0, collections.get());
        tick(guard, 1100 * MB);
        assertEquals(1, collections.get());
        settle(guard, 5000 * MB, 600 * MB);
        assertEquals(1, collections.get(), "no second collection while the first settles");
        assertEquals(1000 * MB, guard.limit(), "never below the start");
        tick(guard, 1200 * MB);
        assertEquals(2, collections.get());
    }

    @Test
    void theLimitFollowsWhatTheWorkHoldsUpAndBackDown() {
        NativeMemoryGuard guard = guard(1000 * MB);
        tick(guard, 2000 * MB);
        settle(guard, 2000 * MB, 1900 * MB);
        assertEquals(2850 * MB, guard.limit(), "1.5 times what remained after the collection");
        for (int i = 0; i < 10; i++) {
            tick(guard, 2000 * MB);
        }
        assertEquals(1, collections.get(), "a model that needs 2 GB does not collect every step");
        tick(guard, 3000 * MB);
        assertEquals(2, collections.get());
        settle(guard, 3000 * MB, 600 * MB);
        assertEquals(1000 * MB, guard.limit(), "back to the start once the work holds less");
    }

    @Test
    void readsMemoryAtMostOncePerInterval() {
        AtomicLong reads = new AtomicLong();
        NativeMemoryGuard counting = new NativeMemoryGuard(1000 * MB, () -> {
            reads.incrementAndGet();
            return 0;
        }, clock::get, collections::incrementAndGet);
        for (int i = 0; i < 100; i++) {
            clock.addAndGet(INTERVAL / 10);
            counting.checkNow();
        }
        assertTrue(reads.get() >= 9 && reads.get() <= 11, "reads: " + reads.get());
    }

    @Test
    void offNeverReadsOrCollects() {
        NativeMemoryGuard guard = new NativeMemoryGuard(0, () -> {
            throw new AssertionError("read");
        }, clock::get, collections::incrementAndGet);
        tick(guard, 0);
        assertEquals(0, collections.get());
    }

    @Test
    void parsesSizesAndRejectsOthersByName() {
        assertEquals(3L << 30, NativeMemoryGuard.parseLimit("3g"));
        assertEquals(800L << 20, NativeMemoryGuard.parseLimit(" 800M "));
        assertEquals(4096, NativeMemoryGuard.parseLimit("4k"));
        assertEquals(12345, NativeMemoryGuard.parseLimit("12345"));
        assertEquals(0, NativeMemoryGuard.parseLimit("off"));
        for (String bad : new String[] {"three", "-1g", "0", "g", "99999999999g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeMemoryGuard.parseLimit(bad));
            assertTrue(e.getMessage().contains("sdzoo.memory.collectAbove=" + bad), e.getMessage());
        }
    }
}
