package org.sdzoo.zoo.samediff;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long run's resident memory near what its work needs. ND4J frees an array's native
 * buffer only when the Java garbage collector finds the array unreachable, and the Java heap of a
 * training run barely grows (an {@code INDArray} is a few hundred bytes on the heap for megabytes
 * off it), so the collector rarely runs: runs measured before this guard reached 10 GB (a graph
 * autoencoder), 15 GB (JSB Chorales) and 19.5 GB (Multi30k, then killed by the kernel) while
 * their live arrays needed a fraction of that. JavaCPP's own cap
 * ({@code -Dorg.bytedeco.javacpp.maxphysicalbytes}, by default 4 times the heap) collects only
 * there, throws {@code OutOfMemoryError} when a run really needs more, and reads the resident size
 * on every native allocation (about 6 µs of the 9 µs an array costs); the launcher and the tests
 * turn it off ({@code =0}) and leave the resident size to this guard.
 *
 * <p>{@link #check()} runs after each planned or session call ({@code PlannedGraph.run}); at most
 * every {@value #CHECK_INTERVAL_MILLIS} ms it reads the resident size and, above the limit, asks
 * for a collection. The limit starts at {@value #PROPERTY} (default {@value #DEFAULT_LIMIT}) and
 * never throws: {@value #SETTLE_MILLIS} ms after each collection it becomes 1.5 times what
 * remained (never below the start), so a model that needs more than the start does not collect
 * on every step, and the limit comes back down when it no longer does.
 * {@code -Dsdzoo.memory.collectAbove=off} turns the guard off.
 */
public final class NativeMemoryGuard {

    /** The system property with the starting limit, e.g. {@code 3g}, {@code 800m}, or {@code off}. */
    public static final String PROPERTY = "sdzoo.memory.collectAbove";

    /** The starting limit when {@value #PROPERTY} is not set. */
    public static final String DEFAULT_LIMIT = "3g";

    /** Reads of the resident size are at least this far apart. */
    public static final long CHECK_INTERVAL_MILLIS = 100;

    /** The wait after a collection before the resident size is read to set the next limit. */
    public static final long SETTLE_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryGuard.class);
    private static NativeMemoryGuard shared;

    private final long startLimit;
    private final LongSupplier residentBytes;
    private final LongSupplier nanoClock;
    private final Runnable collector;
    private long limit;
    private long nextCheckNanos;
    private boolean collecting;
    private long collectedAtNanos;
    private long collections;

    NativeMemoryGuard(long startLimit, LongSupplier residentBytes, LongSupplier nanoClock, Runnable collector) {
        this.startLimit = startLimit;
        this.limit = startLimit;
        this.residentBytes = residentBytes;
        this.nanoClock = nanoClock;
        this.collector = collector;
        this.nextCheckNanos = Long.MIN_VALUE;
    }

    /**
     * Checks the process's resident memory and collects garbage when it is above the limit.
     *
     * @throws IllegalArgumentException when {@value #PROPERTY} is set to something that is not a size
     */
    public static void check() {
        sharedGuard().checkNow();
    }

    /** @return collections the shared guard has asked for in this JVM */
    public static long collections() {
        NativeMemoryGuard guard = sharedGuard();
        synchronized (guard) {
            return guard.collections;
        }
    }

    private static synchronized NativeMemoryGuard sharedGuard() {
        if (shared == null) {
            shared = new NativeMemoryGuard(parseLimit(System.getProperty(PROPERTY, DEFAULT_LIMIT)),
                    Pointer::physicalBytes, System::nanoTime, System::gc);
        }
        return shared;
    }

    synchronized void checkNow() {
        if (startLimit <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now < nextCheckNanos) {
            return;
        }
        nextCheckNanos = now + CHECK_INTERVAL_MILLIS * 1_000_000L;
        long resident = residentBytes.getAsLong();
        if (collecting) {
            // ND4J's deallocator thread frees the collected arrays' buffers after the collection:
            // the reading a moment later says what the work holds, and the limit follows it, up
            // or back down, so a large model does not collect on every step.
            if (now - collectedAtNanos < SETTLE_MILLIS * 1_000_000L) {
                return;
            }
            collecting = false;
            long next = Math.max(startLimit, resident + resident / 2);
            if (next != limit) {
                LOG.debug("resident memory {} MB after a collection: limit {} MB -> {} MB", resident >> 20,
                        limit >> 20, next >> 20);
            }
            limit = next;
            return;
        }
        if (resident > limit) {
            LOG.debug("resident memory {} MB above {} MB: collecting unreachable ND4J arrays", resident >> 20,
                    limit >> 20);
            collector.run();
            collections++;
            collecting = true;
            collectedAtNanos = now;
        }
    }

    synchronized long limit() {
        return limit;
    }

    /**
     * Parses a size such as {@code 3g}, {@code 800m}, {@code 1048576} or {@code off} (0).
     *
     * @throws IllegalArgumentException naming the property when the value is not a size
     */
    static long parseLimit(String value) {
        return parseSize(PROPERTY, value);
    }

    /**
     * Parses a size such as {@code 3g}, {@code 800m}, {@code 1048576} or {@code off} (0).
     *
     * @param property the system property the value came from, for the error message
     * @throws IllegalArgumentException naming the property when the value is not a size
     */
    public static long parseSize(String property, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("off")) {
            return 0;
        }
        long unit = 1;
        if (v.endsWith("g")) {
            unit = 1L << 30;
        } else if (v.endsWith("m")) {
            unit = 1L << 20;
        } else if (v.endsWith("k")) {
            unit = 1L << 10;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("-D" + property + "=" + value
                    + " is not a size: give bytes with an optional k, m or g suffix (e.g. 3g), or off");
        }
    }
}
