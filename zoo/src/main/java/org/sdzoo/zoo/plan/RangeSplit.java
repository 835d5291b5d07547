package org.sdzoo.zoo.plan;

import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.sdzoo.zoo.samediff.OpThreads;

/** Splits a Java kernel's independent items (rows, elements) over the op threads when the work pays for it. */
final class RangeSplit {

    private RangeSplit() {
    }

    /**
     * Runs {@code range(lo, hi)} over {@code [0, count)}: once on the calling thread, or, when
     * {@code work} reaches {@code parallelMin} per extra range, over up to one range per op thread
     * in parallel, each range's start a multiple of {@code grain}.
     *
     * @param work        the total work (elements, multiply-adds) the ranges share
     * @param parallelMin work per range below which splitting costs more than it saves
     */
    static void run(int count, long work, long parallelMin, int grain, BiConsumer<Integer, Integer> range) {
        int chunks = (int) Math.max(1, Math.min(Math.min(OpThreads.ompThreads(), count / grain), work / parallelMin));
        if (chunks <= 1) {
            range.accept(0, count);
            return;
        }
        int[] starts = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            starts[c] = (int) ((long) count * c / chunks) / grain * grain;
        }
        starts[chunks] = count;
        IntStream.range(0, chunks).parallel().forEach(c -> range.accept(starts[c], starts[c + 1]));
    }
}
