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

    @Test
    void collectsOnlyAboveTheLimit() {
        NativeMemoryGuard guard = guard(1000 * MB);
        tick(guard, 900 * MB);
        assertEquals(0, collections.get());
        tick(guard, 1100 * MB);
        assertEquals(1, collections.get());
        // the collection freed the garbage: the next reading is below, nothing more happens
        tick(guard, 600 * MB);
        tick(guard, 1200 * MB);
        assertEquals(2, collections.get());
        assertEquals(1000 * MB, guard.limit());
    }

    @Test
    void raisesTheLimitWhenTheWorkNeedsMoreInsteadOfCollectingEveryStep() {
        NativeMemoryGuard guard = guard(1000 * MB);
        tick(guard, 2000 * MB);
        assertEquals(1, collections.get());
        tick(guard, 1900 * MB);
        assertEquals(1, collections.get(), "a reading right after a collection decides, it does not collect again");
        assertEquals(2850 * MB, guard.limit());
        for (int i = 0; i < 10; i++) {
            tick(guard, 2000 * MB);
        }
        assertEquals(1, collections.get());
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
