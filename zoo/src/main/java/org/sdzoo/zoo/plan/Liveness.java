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
        keepFusableGatherInputs(graph, opOrder);
    }

    /**
     * {@link StepRewrites} fuses {@code scatter_add(ref, ids, gather(x, sourceIds) * c)} into one
     * kernel reading {@code x}, {@code sourceIds} and {@code c} when the scatter runs, but only if
     * their arrays still hold those values then. Their last reader in the graph is the gather or
     * the multiply, so without this the pool hands their arrays to ops planned in between (the
     * {@code fill} making the scatter's zero start) and the fusion is refused. They live until the
     * scatter instead: a few arrays of node rows, held a few ops longer.
     */
    private void keepFusableGatherInputs(SameDiff graph, List<String> opOrder) {
        for (int i = 0; i < opOrder.size(); i++) {
            DifferentialFunction scatter = graph.getOps().get(opOrder.get(i)).getOp();
            String[] args = scatter.argNames();
            if (!"scatter_add".equals(scatter.opName()) || args == null || args.length != 3) {
                continue;
            }
            String updates = args[2];
            DifferentialFunction multiply = producer(graph, updates);
            // the backward pass reshapes the product to its own shape; identity is an alias
            while (multiply != null && (ExecutionPlan.VIEW_OPS.contains(multiply.opName())
                    || "identity".equals(multiply.opName()))) {
                updates = multiply.argNames()[0];
                multiply = producer(graph, updates);
            }
            if (multiply == null) {
                continue;
            }
            String[] in = multiply.argNames();
            if ("multiply".equals(multiply.opName()) && in.length == 2) {
                keepGatherInputs(graph, in[0], in[1], i);
                keepGatherInputs(graph, in[1], in[0], i);
            } else if ("multiply_bp".equals(multiply.opName()) && in.length == 3) {
                // the gradient of a product a·b: output 0 is g·b, output 1 is g·a (StepRewrites
                // plans each as a multiply), so the gathered factor is the incoming gradient g
                int k = java.util.Arrays.asList(multiply.outputVariablesNames()).indexOf(updates);
                if (k == 0 || k == 1) {
                    keepGatherInputs(graph, in[2], in[1 - k], i);
                }
            }
        }
    }

    /** When {@code gathered} is a gather's output, its inputs and {@code scale} live until op {@code until}. */
    private void keepGatherInputs(SameDiff graph, String gathered, String scale, int until) {
        DifferentialFunction gather = producer(graph, gathered);
        if (gather != null && "gather".equals(gather.opName()) && gather.argNames().length == 2) {
            for (String read : new String[] {gather.argNames()[0], gather.argNames()[1], scale}) {
                lastRead.merge(read, until, Math::max);
            }
        }
    }

    private static DifferentialFunction producer(SameDiff graph, String variable) {
        DifferentialFunction op = graph.getVariableOutputOp(variable);
        return op == null || op.argNames() == null || op.argNames().length == 0 ? null : op;
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
