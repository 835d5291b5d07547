package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.ArrayLayout;

/**
 * One op of an {@link ExecutionPlan} with its {@link OpContext}, built once: the input and
 * output arrays, the integer, float, boolean and type arguments stay in the context between
 * runs, so a run is one native call. Only inputs fed per run (placeholders) are re-pointed.
 */
final class PlanStep {

    /** How a step runs. */
    enum Kind {
        /** a custom (libnd4j "declarable") op through its context */
        CUSTOM,
        /** a legacy transform, pairwise, scalar, reduce or index-reduce op through its context */
        LEGACY,
        /** {@code Identity}: its output is its input array, as in SameDiff's session */
        ALIAS,
        /**
         * a reshape, {@code expand_dims} or {@code squeeze} of an array it can view: its output is
         * a view of its input, no copy (taken anew each run when the input is fed anew)
         */
        VIEW,
        /** computed in Java by a {@link StepKernel} that reads and writes the plan's arrays by slot */
        KERNEL
    }

    final String name;
    final DifferentialFunction op;
    final Kind kind;
    final OpContext context;
    /** variable slots of the inputs and outputs, in the op's order */
    final int[] inputs;
    final int[] outputs;
    /** re-check the output shapes each run: an input's value (not only its shape) may set them */
    final boolean valueDependent;
    /** draw from ND4J's generator before running, as {@code SeededRandomOps} does in the session */
    final boolean seededRandom;
    /** legacy scalar op whose scalar is its second input, set again before each run */
    final boolean scalarFromInput;
    /** a VIEW's output from its input */
    private java.util.function.UnaryOperator<INDArray> viewOf;
    /** a VIEW whose input array is fed anew each run: its view is taken anew */
    private boolean viewPerRun;
    /** the Java computation of a {@link Kind#KERNEL} step, else null */
    final StepKernel kernel;
    /** the op's direct native call, or null for one that goes through ND4J's executioner */
    private final NativeCall direct;
    /** the op threads this step runs on: {@link ThreadPolicy#RUN_THREADS} or 1, set at planning */
    int threads = ThreadPolicy.RUN_THREADS;
    private List<LongShapeDescriptor> plannedShapes;
    /** the generator's root and node states the last seeded run drew with ({@link #seededRandom}) */
    private long drawnRoot;
    private long drawnNode;
    private long[] plannedIArgs;

    PlanStep(String name, DifferentialFunction op, Kind kind, OpContext context, int[] inputs, int[] outputs,
             boolean valueDependent, boolean seededRandom, boolean scalarFromInput) {
        this(name, op, kind, context, inputs, outputs, valueDependent, seededRandom, scalarFromInput, null);
    }

    /** A {@link Kind#KERNEL} step standing in for {@code op}: it reads {@code inputs} and overwrites {@code outputs}. */
    PlanStep(String name, DifferentialFunction op, int[] inputs, int[] outputs, StepKernel kernel) {
        this(name, op, Kind.KERNEL, null, inputs, outputs, false, false, false, kernel);
    }

    private PlanStep(String name, DifferentialFunction op, Kind kind, OpContext context, int[] inputs, int[] outputs,
             boolean valueDependent, boolean seededRandom, boolean scalarFromInput, StepKernel kernel) {
        this.kernel = kernel;
        this.name = name;
        this.op = op;
        this.kind = kind;
        this.context = context;
        this.inputs = inputs;
        this.outputs = outputs;
        this.valueDependent = valueDependent;
        this.seededRandom = seededRandom;
        this.scalarFromInput = scalarFromInput;
        this.direct = kind == Kind.CUSTOM ? NativeCall.custom((CustomOp) op, name)
                : kind == Kind.LEGACY ? NativeCall.legacy((Op) op, inputs.length) : null;
    }

    /**
     * Sets the inputs, computes and allocates the outputs (with SameDiff's output variable types
     * for custom ops, as the session does) and records what a later run checks.
     *
     * @return the output arrays, in the op's output order
     */
    INDArray[] prepare(INDArray[] in, org.nd4j.linalg.api.buffer.DataType[] outputTypes) {
        if (kind == Kind.ALIAS) {
            return new INDArray[] {in[0]};
        }
        return allocate(bind(in, outputTypes), d -> Nd4j.create(d, true));
    }

    /**
     * Sets the inputs and computes the output shapes (with SameDiff's output variable types for
     * custom ops, as the session does), recording what a later run checks; allocates nothing.
     *
     * @return the output shapes, in the op's output order
     */
    List<LongShapeDescriptor> bind(INDArray[] in, org.nd4j.linalg.api.buffer.DataType[] outputTypes) {
        if (kind == Kind.CUSTOM) {
            DynamicCustomOp c = (DynamicCustomOp) op;
            context.setArgs(in, c.iArgs(), c.dArgs(), c.tArgs(), c.bArgs());
            plannedIArgs = c.iArgs().clone();
        } else {
            for (int i = 0; i < in.length; i++) {
                context.setInputArray(i, in[i]);
            }
            if (scalarFromInput) {
                ((ScalarOp) op).setScalar(in[1]);
            }
        }
        plannedShapes = shapes();
        List<LongShapeDescriptor> typed = new java.util.ArrayList<>();
        for (int i = 0; i < plannedShapes.size(); i++) {
            LongShapeDescriptor d = plannedShapes.get(i);
            if (outputTypes != null && outputTypes[i] != null && d.dataType() != outputTypes[i]) {
                d = d.asDataType(outputTypes[i]);
            }
            typed.add(d);
        }
        return typed;
    }

    /**
     * Allocates the outputs {@link #bind} computed and sets them into the context.
     *
     * @param allocator a new (or reused) array of a shape and type
     * @return the output arrays, in the op's output order
     */
    INDArray[] allocate(List<LongShapeDescriptor> shapes, java.util.function.Function<LongShapeDescriptor, INDArray> allocator) {
        INDArray[] out = new INDArray[shapes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = allocator.apply(shapes.get(i));
            context.setOutputArray(i, out[i]);
        }
        return out;
    }

    /**
     * A {@link Kind#VIEW} step in place of this reshape-like one, when {@code input} can be viewed
     * in {@code shape} without a copy.
     *
     * @param perRunInput whether the input array is fed anew each run (a placeholder or its alias)
     * @return the view step, or null when the reshape would copy: the input is not c-contiguous
     */
    PlanStep asView(INDArray input, LongShapeDescriptor shape, boolean perRunInput) {
        if (input.isEmpty() || input.ordering() != 'c' || !ArrayLayout.cContiguous(input)
                || input.dataType() != shape.dataType() || shape.getOrder() != 'c' || input.length() != ArrayUtil.prodLong(shape.getShape())) {
            return null;
        }
        INDArray view = Shape.newShapeNoCopy(input, shape.getShape(), false);
        if (view == null) {
            return null;
        }
        long[] target = shape.getShape();
        return viewStep(a -> a.reshape('c', target), perRunInput);
    }

    private PlanStep viewStep(java.util.function.UnaryOperator<INDArray> of, boolean perRunInput) {
        PlanStep step = new PlanStep(name, op, Kind.VIEW, null, inputs, outputs, false, false, false);
        step.viewOf = of;
        step.viewPerRun = perRunInput;
        return step;
    }

    /**
     * Fed inputs of at most this many bytes are copied into an array the step owns, whose view is
     * made once: making a view is making an array (its shape information), 13 µs on a [20, 4]
     * input, where the copy takes 0.3 µs.
     */
    static final long STAGED_BYTES = 64 << 10;
    /** the array a small fed input is copied into each run, or null */
    private INDArray staging;
    /** the view of {@link #staging}, made once */
    private INDArray stagedView;

    /**
     * A {@link Kind#VIEW} step in place of this {@code strided_slice}, when it takes a block of
     * {@code input} (unit strides, no new, shrunk or ellipsis axes): its output is a view of the
     * input with the input's strides, no copy. A strided slice copies through a generic index loop
     * (27 µs for [20, 128] of [20, 384], more than the matmul that made the input); reading a view
     * costs the ops after it little. The view is checked against the op's own output.
     *
     * @return the view step, or null when the slice is of another form or the view differs
     */
    PlanStep asSliceView(INDArray input, LongShapeDescriptor shape, boolean perRunInput) {
        org.nd4j.linalg.indexing.INDArrayIndex[] block = SliceBlock.of(((DynamicCustomOp) op).iArgs(), input.shape());
        if (block == null || input.isEmpty() || input.dataType() != shape.dataType()) {
            return null;
        }
        INDArray view = input.get(block);
        if (!Arrays.equals(view.shape(), shape.getShape())) {
            return null;
        }
        INDArray copy = Nd4j.create(shape, true);
        context.setOutputArray(0, copy);
        Nd4j.getExecutioner().exec((CustomOp) op, context);
        boolean same = StepRewrites.identical(copy, view);
        copy.close(); // native memory, else held until a garbage collection
        return same ? viewStep(a -> a.get(block), perRunInput) : null;
    }

    /** @return a VIEW's output over {@code input}: a view (a reshape's, a copy when the input cannot be viewed) */
    INDArray view(INDArray input) {
        if (!viewPerRun || input.isEmpty() || input.length() * input.dataType().width() > STAGED_BYTES) {
            return viewOf.apply(input);
        }
        if (staging == null) {
            staging = Nd4j.create(input.dataType(), input.shape(), 'c');
            stagedView = viewOf.apply(staging);
        }
        if (!java.util.Arrays.equals(input.shape(), staging.shape()) || input.dataType() != staging.dataType()) {
            throw new ShapeChangedException(name);
        }
        if (RowKernels.plain(input)) {
            org.bytedeco.javacpp.Pointer.memcpy(staging.data().addressPointer(), input.data().addressPointer(),
                    input.length() * input.dataType().width());
        } else {
            staging.assign(input);
        }
        return stagedView;
    }

    private List<LongShapeDescriptor> shapes() {
        return kind == Kind.CUSTOM ? ((CustomOp) op).calculateOutputShape(context)
                : ((org.nd4j.linalg.api.ops.BaseOp) op).calculateOutputShape(context);
    }

    /**
     * Runs the op once.
     *
     * @throws ShapeChangedException when a value-dependent op now wants other output shapes
     */
    void run(INDArray[] values) {
        if (kind == Kind.ALIAS) {
            values[outputs[0]] = values[inputs[0]];
            return;
        }
        if (kind == Kind.VIEW) {
            if (viewPerRun) {
                values[outputs[0]] = view(values[inputs[0]]);
            }
            return;
        }
        if (kind == Kind.KERNEL) {
            kernel.run(values, inputs, outputs);
            return;
        }
        if (scalarFromInput) {
            ((ScalarOp) op).setScalar(values[inputs[1]]);
        }
        if (valueDependent) {
            List<LongShapeDescriptor> now = shapes();
            if (!sameShapes(now) || (kind == Kind.CUSTOM && !Arrays.equals(plannedIArgs, ((DynamicCustomOp) op).iArgs()))) {
                throw new ShapeChangedException(name);
            }
        }
        if (seededRandom) {
            Random random = Nd4j.getRandom();
            drawnRoot = random.rootState();
            drawnNode = random.nodeState();
            context.setRngStates(drawnRoot, drawnNode);
            random.nextLong();
        }
        if (direct != null) {
            direct.run(context, kind == Kind.LEGACY ? values[inputs[0]] : null,
                    kind == Kind.LEGACY ? values[outputs[0]] : null, op);
        } else if (kind == Kind.CUSTOM) {
            Nd4j.getExecutioner().exec((CustomOp) op, context);
        } else {
            Nd4j.getExecutioner().exec((Op) op, context);
        }
    }

    /** @return the generator's {root, node} states the last run of a {@link #seededRandom} step drew with */
    long[] drawnStates() {
        return new long[] {drawnRoot, drawnNode};
    }

    /** @return whether a run calls libnd4j directly ({@link NativeCall}) */
    boolean callsDirectly() {
        return direct != null;
    }

    private boolean sameShapes(List<LongShapeDescriptor> now) {
        if (now.size() != plannedShapes.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (!Arrays.equals(now.get(i).getShape(), plannedShapes.get(i).getShape())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Points the inputs fed anew each run (placeholders) to this run's arrays. M2.1's native
     * context keeps every array {@code OpContext.setInputArray} ever gave it, buffer included,
     * until {@code purge()} or its end: a plan re-pointed each run to a new array held one more of
     * them per run (a graph autoencoder fed a new {@code [N, N]} pair mask each step grew by 29 MB a
     * step, 7 GB in 200 steps on Cora, whatever the garbage collector did). So an input that is
     * still the same array is left alone, and the context is purged (releasing the arrays it held)
     * and given its inputs and outputs again once the arrays it holds beside the current ones would
     * pass {@value #HELD_BYTES} bytes or {@value #HELD_ARRAYS} arrays. Purging on every change cost
     * small models more than their ops (HiT-MAC's forward calls took 1.5-1.8 times as long), and
     * the bound keeps what a context holds small.
     *
     * @param values the plan's arrays by slot
     * @param pairs  {input index, value slot} pairs of the inputs fed per run
     */
    void feed(INDArray[] values, int[] pairs) {
        if (context == null || pairs.length == 0) {
            return;
        }
        if (fed == null) {
            fed = new INDArray[pairs.length / 2];
        }
        long bytes = 0;
        int arrays = 0;
        for (int k = 0; k < pairs.length; k += 2) {
            INDArray now = values[pairs[k + 1]];
            if (fed[k / 2] != now) {
                bytes += now.length() * now.dataType().width();
                arrays++;
            }
        }
        if (arrays == 0) {
            return;
        }
        if (heldBytes + bytes <= HELD_BYTES && heldArrays + arrays <= HELD_ARRAYS) {
            for (int k = 0; k < pairs.length; k += 2) {
                INDArray now = values[pairs[k + 1]];
                if (fed[k / 2] != now) {
                    context.setInputArray(pairs[k], now);
                    fed[k / 2] = now;
                }
            }
            heldBytes += bytes;
            heldArrays += arrays;
            return;
        }
        INDArray[] in = context.getInputArrays().toArray(new INDArray[0]);
        for (int k = 0; k < pairs.length; k += 2) {
            in[pairs[k]] = values[pairs[k + 1]];
            fed[k / 2] = in[pairs[k]];
        }
        INDArray[] out = context.getOutputArrays().toArray(new INDArray[0]);
        context.purge();
        for (int i = 0; i < in.length; i++) {
            context.setInputArray(i, in[i]);
        }
        for (int i = 0; i < out.length; i++) {
            context.setOutputArray(i, out[i]);
        }
        heldBytes = 0;
        heldArrays = 0;
        purges++;
    }

    /** @return how many times {@link #feed} purged the context to release earlier runs' arrays */
    long purges() {
        return purges;
    }

    /** Bytes of earlier runs' fed arrays a context may hold before it is purged. */
    static final long HELD_BYTES = 1L << 20;
    /** Earlier runs' fed arrays a context may hold before it is purged. */
    static final int HELD_ARRAYS = 1024;
    /** The fed arrays the context holds now, per fed input; null before the first run. */
    private INDArray[] fed;
    private long heldBytes;
    private int heldArrays;
    private long purges;
}
