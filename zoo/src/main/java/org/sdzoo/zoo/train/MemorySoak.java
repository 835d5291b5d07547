package org.sdzoo.zoo.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Require;
import org.sdzoo.zoo.task.Task;

/**
 * Runs many training steps through the {@link Trainer} and compares memory after a warm-up with
 * memory at the end, to show that nothing grows per step: the Java heap in use (after a
 * collection), the process's physical memory as JavaCPP reads it ({@link Pointer#physicalBytes},
 * heap and native together) and the off-heap bytes JavaCPP has allocated
 * ({@link Pointer#totalBytes}). No checkpoints and no listeners of its own run, so what it measures
 * is the step and the trainer's bookkeeping; give it many batches an epoch, or the history the
 * trainer keeps (a record an epoch) is measured too.
 */
public final class MemorySoak {

    /** Growth above this fraction after warm-up counts as a leak. */
    public static final double FLAT = 0.05;

    private MemorySoak() {
    }

    /**
     * Memory at one moment.
     *
     * @param heapBytes     Java heap in use after a collection
     * @param physicalBytes the process's resident memory (JavaCPP's reading of it)
     * @param offHeapBytes  bytes JavaCPP has allocated off the heap
     */
    public record Sample(long heapBytes, long physicalBytes, long offHeapBytes) {

        /** Collects garbage, then reads the three figures. */
        public static Sample now() {
            // Two collections: the first may only queue finalisable ND4J buffers for the second.
            System.gc();
            System.gc();
            return new Sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    Pointer.physicalBytes(), Pointer.totalBytes());
        }
    }

    /**
     * The soak's figures.
     *
     * @param warmupSteps steps before the first sample
     * @param steps       steps between the samples
     * @param seconds     time of those steps, sampling excluded
     */
    public record Result(int warmupSteps, int steps, double seconds, Sample start, Sample end) {

        /** @return growth of each figure from start to end as a fraction, NaN when it started at 0 */
        public double[] growth() {
            return new double[] {grow(start.heapBytes(), end.heapBytes()),
                    grow(start.physicalBytes(), end.physicalBytes()),
                    grow(start.offHeapBytes(), end.offHeapBytes())};
        }

        /** @return whether every figure stayed within {@link #FLAT} of its start (or below 1 MB) */
        public boolean flat() {
            long[][] pairs = {{start.heapBytes(), end.heapBytes()}, {start.physicalBytes(), end.physicalBytes()},
                    {start.offHeapBytes(), end.offHeapBytes()}};
            for (long[] p : pairs) {
                if (p[1] - p[0] > Math.max(FLAT * p[0], 1 << 20)) {
                    return false;
                }
            }
            return true;
        }

        /** @return the table {@code sdzoo bench --soak} prints */
        public String table() {
            double[] growth = growth();
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "soak: %d training steps after %d warm-up steps (%.1f s, %.3f ms a step)%n", steps, warmupSteps,
                    seconds, seconds * 1e3 / steps));
            s.append(String.format(Locale.ROOT, "%-24s %12s %12s %9s%n", "", "start MB", "end MB", "growth"));
            row(s, "heap in use", start.heapBytes(), end.heapBytes(), growth[0]);
            row(s, "physical (JavaCPP)", start.physicalBytes(), end.physicalBytes(), growth[1]);
            row(s, "off-heap (JavaCPP)", start.offHeapBytes(), end.offHeapBytes(), growth[2]);
            s.append(flat() ? String.format(Locale.ROOT, "flat: every figure within %.0f%% (or 1 MB) of its start%n",
                    FLAT * 100) : String.format(Locale.ROOT, "GROWS: a figure rose by more than %.0f%% and 1 MB%n",
                    FLAT * 100));
            return s.toString();
        }

        private static void row(StringBuilder s, String name, long start, long end, double growth) {
            s.append(String.format(Locale.ROOT, "%-24s %12.2f %12.2f %9s%n", name, start / 1e6, end / 1e6,
                    Double.isNaN(growth) ? "-" : String.format(Locale.ROOT, "%+.1f%%", growth * 100)));
        }

        private static double grow(long start, long end) {
            return start == 0 ? Double.NaN : (double) (end - start) / start;
        }
    }

    /**
     * Trains {@code model} for {@code warmupSteps + steps} steps with {@code config} (its epochs and
     * step budget are replaced), sampling memory after the warm-up and at the end.
     *
     * @param data the training batches; iterated again as often as needed
     */
    public static Result run(ZooModel model, Task task, MultiDataSetIterator data, TrainerConfig config,
                             int warmupSteps, int steps) {
        Require.positive("warmupSteps", warmupSteps);
        Require.positive("steps", steps);
        long total = (long) warmupSteps + steps;
        // Every epoch has at least one step, so this many epochs never end the run before the budget.
        TrainerConfig soak = config.toBuilder().epochs((int) Math.min(Integer.MAX_VALUE, total)).maxSteps(total).build();
        Sample[] start = new Sample[1];
        long[] startNanos = new long[1];
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onStep(int epoch, long step, double loss, double learningRate) {
                if (step == warmupSteps) {
                    start[0] = Sample.now();
                    startNanos[0] = System.nanoTime();
                }
            }
        };
        Trainer.builder().config(soak).listener(probe).build().fit(model, task, data, null);
        double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
        return new Result(warmupSteps, steps, seconds, start[0], Sample.now());
    }
}
