package org.sdzoo.zoo.samediff;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Limits the threads ND4J's ops use (OpenMP's and libnd4j's own pool) while a stretch of small
 * ops runs, and restores the previous counts on {@link #close()}:
 * <pre>
 *   try (OpThreads one = OpThreads.limit(1)) { ... many calls on tiny arrays ... }
 * </pre>
 * Why: an op that opens a parallel region waits until every one of its threads has run. On a
 * quiet machine that costs microseconds; when other processes keep the cores busy, each wait
 * lasts a scheduler time slice, and a graph of ~100 ops on arrays of a few thousand elements
 * (HiT-MAC's networks) went from 2-9 ms to 30-300 ms per call on 2 loaded cores, all of it in
 * the waits. One thread loses nothing on such ops (speed.md: 1 vs 2 threads on reused contexts).
 * BLAS's own threads (large matrix products) are left alone.
 *
 * <p>M2.1's {@code Environment.setMaxThreads} does nothing (its {@code maxThreads()} stays at the
 * core count), so the OpenMP count is set through {@code NativeOps.setOmpNumThreads}, and
 * libnd4j's pool through {@code setMaxMasterThreads}. Both are process-wide: use this around
 * work that owns the process (a command, a benchmark), not inside a library call other threads
 * may share.
 */
public final class OpThreads implements AutoCloseable {

    private final int previousOmp;
    private final int previousMaster;
    private boolean closed;

    private OpThreads(int previousOmp, int previousMaster) {
        this.previousOmp = previousOmp;
        this.previousMaster = previousMaster;
    }

    /**
     * @param threads the most threads an op may use from now until {@link #close()}
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static OpThreads limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an op needs at least 1 thread, got " + threads + ": pass 1 or more");
        }
        Environment env = Nd4j.getEnvironment();
        NativeOps ops = nativeOps();
        OpThreads restore = new OpThreads(ops.ompGetMaxThreads(), env.maxMasterThreads());
        ops.setOmpNumThreads(threads);
        env.setMaxMasterThreads(threads);
        return restore;
    }

    /**
     * Sets the op thread count again before {@link #close()}, for work that changes it often
     * (an execution plan's steps, each on its own count): two native calls, no allocation.
     *
     * @param threads the most threads an op may use from now on
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an op needs at least 1 thread, got " + threads + ": pass 1 or more");
        }
        if (closed) {
            throw new IllegalStateException("these op threads were closed: call OpThreads.limit again");
        }
        nativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
    }

    /**
     * Sets the counts found by {@link #limit} again (both of them, as they were) before {@link #close()}.
     *
     * @throws IllegalStateException when closed
     */
    public void usePrevious() {
        if (closed) {
            throw new IllegalStateException("these op threads were closed: call OpThreads.limit again");
        }
        nativeOps().setOmpNumThreads(previousOmp);
        Nd4j.getEnvironment().setMaxMasterThreads(previousMaster);
    }

    /** @return the OpenMP thread count ops use now */
    public static int ompThreads() {
        return nativeOps().ompGetMaxThreads();
    }

    private static NativeOps nativeOps() {
        Nd4j.getBackend(); // NativeOpsHolder fails unless ND4J's backend was loaded first
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    /** Restores the counts found by {@link #limit}; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nativeOps().setOmpNumThreads(previousOmp);
        Nd4j.getEnvironment().setMaxMasterThreads(previousMaster);
    }
}
