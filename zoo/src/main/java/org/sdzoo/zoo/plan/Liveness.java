package org.sdzoo.zoo.plan;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which of a plan's intermediate arrays are still read, while {@link ExecutionPlan} plans its ops
 * in order: an op's output array goes back to a {@link BufferPool} after the last op that reads
 * it (or a view of it), so a later output of the same type and length reuses it. A forward pass
 * then holds little more than the arrays alive at once; a training pass keeps what the backward
 * ops read, and reuses the rest.
 *
 * <p>Never released: the plan's outputs (returned to the caller) and what they view, and the
 * outputs of {@code softmax} ({@link StepRewrites} reads them again for {@code softmax_bp}).
 * Placeholders, parameters and constants are not the plan's to release.
 */
final class Liveness {

    private static final int FOREVER = Integer.MAX_VALUE;

    private final boolean enabled;
    /** variable → the index (in the op order) of the last op that reads it or a view of it */
    private final Map<String, Integer> lastRead = new HashMap<>();
    /** view or alias → the variable whose array it views */
    private final Map<String, String> viewed = new HashMap<>();
    /** op outputs holding an array from {@link #take}, not yet released */
    private final Map<String, INDArray> alive = new LinkedHashMap<>();
    private final BufferPool pool = new BufferPool();

    /**
     * @param opOrder the ops in the order the plan runs them
     * @param outputs the variables the plan returns
     * @param enabled false: allocate every output anew and release nothing, as before reuse
     */
    Liveness(SameDiff graph, List<String> opOrder, List<String> outputs, boolean enabled) {
        this.enabled = enabled;
        for (int i = 0; i < opOrder.size(); i++) {
            DifferentialFunction df = graph.getOps().get(opOrder.get(i)).getOp();
            String[] args = df.argNames() == null ? new String[0] : df.argNames();
            for (String a : args) {
                lastRead.put(a, i);
            }
        }
        outputs.forEach(o -> lastRead.put(o, FOREVER));
    }

    /** @return an array for an op's output of {@code d}'s shape and type, reused when one is free */
    INDArray take(LongShapeDescriptor d) {
        return enabled ? pool.take(d) : Nd4j.create(d, true);
    }

    /**
     * Notes an op's output allocated by {@link #take}.
     *
     * @param keep never release it
     */
    void allocated(String name, INDArray array, boolean keep) {
        if (keep) {
            lastRead.put(name, FOREVER);
        }
        alive.put(name, array);
    }

    /** Notes that {@code view}'s array is a view of (or is) {@code of}'s: {@code of} lives as long as it. */
    void viewed(String view, String of) {
        String owner = viewed.getOrDefault(of, of);
        viewed.put(view, owner);
        lastRead.merge(owner, lastRead.getOrDefault(view, -1), Math::max);
    }

    /** Releases the arrays of the op outputs that no op after the {@code index}-th reads. */
    void release(int index) {
        if (!enabled) {
            return;
        }
        for (Iterator<Map.Entry<String, INDArray>> it = alive.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, INDArray> e = it.next();
            if (lastRead.getOrDefault(e.getKey(), -1) <= index) {
                pool.release(e.getValue());
                it.remove();
            }
        }
    }

    /** @return how many op outputs reused a released array */
    long reused() {
        return pool.reused();
    }
}
