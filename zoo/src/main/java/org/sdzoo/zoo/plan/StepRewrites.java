package org.sdzoo.zoo.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.PowDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Replaces backward ops whose M2.1 kernels are slow on small arrays by plain ops computing the
 * same bits, where the plan has what they need:
 * <ul>
 * <li>{@code softmax_bp} recomputes the softmax it differentiates (exponentials and temporary
 * arrays); with the forward {@code softmax} of the same input and axis in the plan, it is
 * {@code y · (g − Σ_axis g·y)}: multiply, reduce_sum, subtract, multiply.</li>
 * <li>{@code multiply_bp} with a broadcast input (a gain or scale, {@code [F]} against
 * {@code [..., F]}) takes a slow general path; it is {@code g·y} and {@code g·x}, each summed over
 * its input's broadcast axes ({@link SumKernels}). With equal shapes it is two multiplies, each
 * dropped when nothing reads it (a dropout or ReLU mask's gradient).</li>
 * <li>{@code add_bp} and {@code subtract_bp} with a broadcast input (a bias) sum the gradient over
 * a strided walk per column; {@link SumKernels} sums it in Java, and the other input's gradient
 * is a copy of the incoming one.</li>
 * <li>{@code random_bernoulli} (dropout's draw) is drawn in Java from the same generator states
 * ({@link BernoulliKernels}).</li>
 * <li>{@code _powderivative} with exponent 2 (the backward of {@code square}) computes
 * {@code 2·pow(x, 1)} with a per-element {@code pow}; it is {@code x + x}.</li>
 * </ul>
 * A rewrite is kept only if, run once at planning, it gives the original op's outputs bit for
 * bit: so it can make a plan faster, never its answer different. {@value #PROPERTY}{@code =off}
 * turns rewrites off, to measure what they save.
 */
final class StepRewrites {

    /** The system property that turns rewrites off ({@code off}). */
    static final String PROPERTY = "sdzoo.plan.rewrites";

    /** The plan's variable slots as the rewrites need them. */
    interface Slots {
        /** @return the array in {@code slot} */
        INDArray get(int slot);

        /** @return the slot of a new temporary holding {@code array} */
        int add(INDArray array);

        /** @return whether {@code slot}'s array object is fed anew each run (a placeholder) */
        boolean perRun(int slot);

        /** @return every slot's array, indexed by slot (a copy of the table, not of the arrays) */
        INDArray[] all();

        /**
         * @return whether {@code slot} (an op output) may become another name for {@code of}'s
         *         array: neither is fed anew each run and {@code slot} is not returned by the plan
         *         (a caller could change a returned array in place)
         */
        boolean canAlias(int slot, int of);

        /** Makes {@code slot} hold {@code of}'s array, which then lives as long as either is read. */
        void alias(int slot, int of);
    }

    /** One replacement op and the {input index, slot} pairs re-pointed each run. */
    record Replacement(PlanStep step, int[] fedPairs) {
    }

    private final Map<String, Integer> softmaxOutputs = new HashMap<>();
    /** the steps planned so far, in order (replacements in place of the ops they replaced) */
    private final List<PlanStep> planned = new ArrayList<>();
    /** slot → the index in {@link #planned} of the step that last wrote it */
    private final Map<Integer, Integer> writerOf = new HashMap<>();
    private int kept;
    private int pruned;

    /** Ops whose output depends on their input's shape only (besides the plan's shape ops). */
    private static final java.util.Set<String> SHAPE_ONLY = java.util.Set.of("zeroslike", "ones_as");

    /**
     * Whether a step is folded to a constant: computed once at planning, dropped from the runs.
     * A plan is built for one set of input shapes, so a shape op ({@code shape_of}, {@code size},
     * ...; and {@code zeroslike}) gives the same output in every run, and so does an op reading
     * only constants and such outputs: the {@code cast}, {@code strided_slice} and {@code concat}
     * that build a reshape's target shape at run time (the attention's head split and merge, the
     * unfolding of a Linear's output), which under load each waited for a thread. Parameters are
     * not constants (the updater changes them), nor are random draws.
     *
     * @param shapeOp         the op computes its input's shape
     * @param constantInputs  every input is a graph constant or a folded output
     */
    boolean folds(org.nd4j.autodiff.functions.DifferentialFunction op, PlanStep.Kind kind, boolean shapeOp,
                  boolean constantInputs) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY))
                || (kind != PlanStep.Kind.CUSTOM && kind != PlanStep.Kind.LEGACY)
                || op.getClass().getName().startsWith("org.nd4j.linalg.api.ops.random.")) {
            return false;
        }
        return shapeOp || constantInputs || (kind == PlanStep.Kind.CUSTOM && SHAPE_ONLY.contains(op.opName()));
    }

    /** @return how many ops were rewritten so far */
    int kept() {
        return kept;
    }

    /**
     * Notes a planned step (a forward {@code softmax} is remembered for its backward op) and
     * returns its replacement, or an empty list to keep it. The step has run once: its outputs
     * hold the values the replacement must reproduce.
     */
    List<Replacement> rewrite(PlanStep step, Slots slots) {
        List<Replacement> replacement = rewriteStep(step, slots);
        if (replacement.isEmpty()) {
            note(step);
        } else {
            replacement.forEach(r -> note(r.step()));
        }
        return replacement;
    }

    private void note(PlanStep step) {
        for (int out : step.outputs) {
            writerOf.put(out, planned.size());
        }
        planned.add(step);
    }

    private List<Replacement> rewriteStep(PlanStep step, Slots slots) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return List.of();
        }
        boolean squareBackward = step.kind == PlanStep.Kind.LEGACY && step.op instanceof PowDerivative pow
                && pow.scalar() != null && pow.scalar().getDouble(0) == 2 && step.outputs.length == 1;
        boolean exp = step.kind == PlanStep.Kind.LEGACY && "exp".equals(step.op.opName());
        if (step.kind != PlanStep.Kind.CUSTOM && !squareBackward && !exp) {
            return List.of();
        }
        if (step.op instanceof DynamicCustomOp op && op.opName().equals("softmax") && step.inputs.length == 1) {
            // remembered for its backward op, whether or not a kernel computes it
            softmaxOutputs.put(key(step.inputs[0], axis(op, slots.get(step.inputs[0]))), step.outputs[0]);
        }
        if (step.seededRandom && "random_bernoulli".equals(step.op.opName())) {
            return bernoulli(step, slots);
        }
        List<Replacement> replacement;
        try {
            replacement = squareBackward ? squareBackward(step, slots)
                    : switch (step.op.opName()) {
                        case "softmax_bp" -> softmaxBackward(step, (DynamicCustomOp) step.op, slots);
                        case "multiply_bp" -> multiplyBackward(step, slots);
                        case "add_bp" -> sumBackward(step, slots, false);
                        case "subtract_bp" -> sumBackward(step, slots, true);
                        case "gather" -> kernel(step, slots, gatherApplies(step, (DynamicCustomOp) step.op, slots),
                                new RowKernels.GatherRows());
                        case "scatter_add" -> scatterKernel(step, slots);
                        case "concat" -> kernel(step, slots, concatApplies(step, (DynamicCustomOp) step.op, slots),
                                new RowKernels.ConcatRows());
                        case "exp" -> kernel(step, slots, DenseKernels.exp(step, slots));
                        case "softmax" -> kernel(step, slots, DenseKernels.softmax(step, slots));
                        case "matmul" -> kernel(step, slots, DenseKernels.matmul(step, slots));
                        case "im2col", "im2col_bp" -> kernel(step, slots, Im2colKernels.of(step, slots));
                        default -> List.of();
                    };
        } catch (RuntimeException e) {
            return List.of(); // not this op's case: the original op stays
        }
        if (replacement.isEmpty() || !givesSameBits(replacement, step.outputs, slots)) {
            return List.of();
        }
        kept++;
        return replacement;
    }

    /**
     * Runs {@code replacement} on the planning run's arrays and tells whether it writes the bits
     * the op wrote into {@code outputs}; those slots hold the op's values again afterwards either
     * way, so a refused replacement leaves the later steps' inputs as they were.
     */
    private static boolean givesSameBits(List<Replacement> replacement, int[] outputs, Slots slots) {
        INDArray[] expected = Arrays.stream(outputs).mapToObj(s -> slots.get(s).dup()).toArray(INDArray[]::new);
        try {
            INDArray[] values = slots.all();
            replacement.forEach(r -> r.step().run(values));
            for (int i = 0; i < expected.length; i++) {
                if (!identical(expected[i], slots.get(outputs[i]))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        } finally {
            for (int i = 0; i < expected.length; i++) {
                slots.get(outputs[i]).assign(expected[i]);
                expected[i].close(); // native memory, else held until a garbage collection
            }
        }
    }

    /** A rewrite does not apply to this op. */
    private static final class NotApplicable extends RuntimeException {
        NotApplicable() {
            super(null, null, false, false);
        }
    }

    /**
     * Drops the steps whose outputs nothing reads and the plan does not return: SameDiff's
     * gradient graph differentiates every op input, so a training step also computes gradients
     * for placeholders and constants (a GCN's {@code [N, N]} propagation matrix and its features)
     * that nobody reads. Random draws stay (they advance ND4J's generator). A {@code matmul_bp}
     * with one output read becomes the one {@code matmul} it runs for that output, kept only if
     * it gives the same bits. Call after every step ran once in order (their arrays hold that run).
     *
     * @param steps    the plan's steps in order; pruned in place
     * @param fedPairs each step's {input index, slot} pairs fed per run; pruned alongside
     * @param returned the slots the plan returns
     */
    void prune(List<PlanStep> steps, List<int[]> fedPairs, java.util.Collection<Integer> returned, Slots slots) {
        if ("off".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return;
        }
        java.util.Set<Integer> live = new java.util.HashSet<>(returned);
        for (int i = steps.size() - 1; i >= 0; i--) {
            PlanStep step = steps.get(i);
            boolean[] read = new boolean[step.outputs.length];
            int reads = 0;
            for (int o = 0; o < read.length; o++) {
                read[o] = live.contains(step.outputs[o]);
                reads += read[o] ? 1 : 0;
            }
            boolean random = step.seededRandom || step.op.getClass().getName().startsWith("org.nd4j.linalg.api.ops.random.");
            if (reads == 0 && !random) {
                steps.remove(i);
                fedPairs.remove(i);
                pruned++;
                continue;
            }
            if (reads == 1 && read.length == 2 && step.kind == PlanStep.Kind.CUSTOM
                    && step.op.opName().equals("matmul_bp")) {
                Replacement one = matmulFor(step, read[0] ? 0 : 1, slots);
                if (one != null) {
                    steps.set(i, one.step());
                    fedPairs.set(i, one.fedPairs());
                    step = one.step();
                }
            }
            for (int in : step.inputs) {
                live.add(in);
            }
        }
    }

    /** @return how many steps {@link #prune} dropped */
    int pruned() {
        return pruned;
    }

    /**
     * The {@code matmul} that {@code matmul_bp} runs for its output {@code which} (0: dL/dx =
     * eps·op(y)ᵀ, 1: dL/dy = op(x)ᵀ·eps, with the op's transposes), or null when it does not give
     * the op's bits.
     */
    private Replacement matmulFor(PlanStep step, int which, Slots slots) {
        DynamicCustomOp op = (DynamicCustomOp) step.op;
        if (step.inputs.length != 3 || op.tArgs().length != 0) {
            return null;
        }
        long[] t = Arrays.copyOf(op.iArgs(), 3);
        int tx = (int) t[0];
        int ty = (int) t[1];
        int tz = (int) t[2];
        int x = step.inputs[0];
        int y = step.inputs[1];
        int eps = step.inputs[2];
        int target = step.outputs[which];
        List<Replacement> steps = new ArrayList<>();
        try {
            if (which == 0) {
                custom(steps, slots, step.name, "matmul", new int[] {eps, y}, new long[] {tz, 1 - ty, tx},
                        new boolean[0], target);
            } else {
                custom(steps, slots, step.name, "matmul", new int[] {x, eps}, new long[] {1 - tx, tz, ty},
                        new boolean[0], target);
            }
        } catch (RuntimeException e) {
            return null; // not applicable: the original op stays
        }
        if (!givesSameBits(steps, new int[] {target}, slots)) {
            return null;
        }
        kept++;
        return steps.get(0);
    }

    /** The op as one {@link PlanStep.Kind#KERNEL} step computed by {@code kernel}, unless it is null. */
    private static List<Replacement> kernel(PlanStep step, Slots slots, StepKernel kernel) {
        return kernel(step, slots, kernel != null, kernel);
    }

    /**
     * {@code random_bernoulli} as a Java kernel ({@link BernoulliKernels}), kept if it draws the
     * op's bits from the generator states the op drew with: a run of the kernel itself would draw
     * from the generator's next states.
     */
    private List<Replacement> bernoulli(PlanStep step, Slots slots) {
        BernoulliKernels.Draw draw = BernoulliKernels.of(step, slots);
        if (draw == null) {
            return List.of();
        }
        INDArray drawn = slots.get(step.outputs[0]);
        long[] states = step.drawnStates();
        boolean same;
        try (INDArray replay = Nd4j.createUninitialized(drawn.dataType(), drawn.shape(), 'c')) {
            draw.drawWith(replay, states[0], states[1]);
            same = identical(drawn, replay);
        } catch (RuntimeException e) {
            return List.of();
        }
        if (!same) {
            return List.of();
        }
        kept++;
        return kernel(step, slots, draw);
    }

    /** The op as one {@link PlanStep.Kind#KERNEL} step on the same slots, where {@code applies}. */
    private static List<Replacement> kernel(PlanStep step, Slots slots, boolean applies, StepKernel kernel) {
        if (!applies || Arrays.stream(step.outputs).anyMatch(s -> !RowKernels.plain(slots.get(s)))) {
            return List.of();
        }
        return List.of(new Replacement(new PlanStep(step.name + "/kernel", step.op, step.inputs, step.outputs, kernel),
                new int[0]));
    }

    /**
     * {@code scatter_add} as a Java kernel: fused with the gather and the per-row scale that make
     * its updates when it can ({@link #fusedScatter}; the fused kernel gives the op's bits, tested
     * here before it is used), else on its own updates.
     */
    private List<Replacement> scatterKernel(PlanStep step, Slots slots) {
        if (!scatterApplies(step, slots)) {
            return List.of();
        }
        Replacement fused = fusedScatter(step, slots);
        List<Replacement> plain = kernel(step, slots, true, new RowKernels.ScatterAddRows());
        // fastest first: fused and from zeros, fused, from zeros, the kernel alone
        for (Replacement candidate : java.util.Arrays.asList(fromZeros(fused, slots), fused,
                plain.isEmpty() ? null : fromZeros(plain.get(0), slots))) {
            if (candidate != null && givesSameBits(List.of(candidate), step.outputs, slots)) {
                return List.of(candidate);
            }
        }
        return plain;
    }

    /**
     * The scatter kernel {@code kernel} starting its rows from zero when its {@code ref} is a zero
     * {@code fill} of a shape (a segment sum's start): it then reads the fill's shape instead, to
     * check it each run, and the fill, read by nothing else, is pruned (it cost 50-70 µs a call on
     * Cora, its shape checked each run since it follows a fed node count).
     *
     * @return the kernel reading the fill's shape, or null when {@code ref} is not so made
     */
    private Replacement fromZeros(Replacement kernel, Slots slots) {
        if (kernel == null || !(kernel.step().kernel instanceof RowKernels.ScatterAddRows rows)) {
            return null;
        }
        PlanStep step = kernel.step();
        Integer fillAt = writerOf.get(step.inputs[0]);
        if (fillAt == null) {
            return null;
        }
        PlanStep fill = planned.get(fillAt);
        if (fill.kind != PlanStep.Kind.CUSTOM || !fill.op.opName().equals("fill") || fill.inputs.length != 1
                || !(fill.op instanceof DynamicCustomOp op) || op.tArgs().length != 1 || op.tArgs()[0] != 0
                || !RowKernels.holdsIds(slots.get(fill.inputs[0])) || slots.get(fill.inputs[0]).rank() != 1) {
            return null;
        }
        int[] inputs = step.inputs.clone();
        inputs[0] = fill.inputs[0];
        return new Replacement(new PlanStep(step.name, step.op, inputs, step.outputs, rows.fromZeros(fill.name)),
                kernel.fedPairs());
    }

    /**
     * {@code scatter_add(ref, ids, multiply(gather(x, sourceIds), c))} with {@code c [M, 1]} (a
     * CSR feature product {@code X · W}, an edge list's propagation, and their transposes in the
     * backward pass) as one kernel reading {@code x}, {@code sourceIds} and {@code c} directly, so
     * that the gather and the multiply, whose {@code [M, W]} outputs nothing else reads, are
     * pruned. Only when no step planned since the gather wrote over what the kernel reads (the
     * plan reuses the arrays of intermediates nothing reads any more).
     *
     * @return the fused step, or null when the updates are not made so
     */
    private Replacement fusedScatter(PlanStep step, Slots slots) {
        Integer multiplyAt = writerOf.get(step.inputs[2]);
        // the backward pass reshapes the product to its own shape: a view, followed to the multiply
        while (multiplyAt != null && (planned.get(multiplyAt).kind == PlanStep.Kind.VIEW
                || planned.get(multiplyAt).kind == PlanStep.Kind.ALIAS)) {
            multiplyAt = writerOf.get(planned.get(multiplyAt).inputs[0]);
        }
        if (multiplyAt == null) {
            return null;
        }
        PlanStep multiply = planned.get(multiplyAt);
        INDArray updates = slots.get(step.inputs[2]);
        if (multiply.kind != PlanStep.Kind.CUSTOM || !multiply.op.opName().equals("multiply")
                || multiply.inputs.length != 2 || multiply.outputs.length != 1
                || !Arrays.equals(slots.get(multiply.outputs[0]).shape(), updates.shape())) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            Integer gatherAt = writerOf.get(multiply.inputs[side]);
            int scaleSlot = multiply.inputs[1 - side];
            if (gatherAt == null || !(planned.get(gatherAt).kernel instanceof RowKernels.GatherRows)) {
                continue;
            }
            PlanStep gather = planned.get(gatherAt);
            INDArray gathered = slots.get(multiply.inputs[side]);
            INDArray x = slots.get(gather.inputs[0]);
            INDArray scale = slots.get(scaleSlot);
            boolean shapes = Arrays.equals(gathered.shape(), updates.shape()) && x.rank() == 2
                    && x.dataType() == updates.dataType() && scale.dataType() == updates.dataType()
                    && scale.rank() == 2 && scale.size(0) == updates.size(0) && scale.size(1) == 1
                    && RowKernels.plain(slots.get(step.outputs[0]));
            if (!shapes) {
                continue;
            }
            if (overwrittenSince(gatherAt, new int[] {gather.inputs[0], gather.inputs[1]}, slots)
                    || overwrittenSince(multiplyAt, new int[] {scaleSlot}, slots)) {
                continue;
            }
            return new Replacement(new PlanStep(step.name + "/fused", step.op,
                    new int[] {step.inputs[0], step.inputs[1], gather.inputs[0], gather.inputs[1], scaleSlot}, step.outputs,
                    RowKernels.ScatterAddRows.fused()), new int[0]);
        }
        return null;
    }

    /**
     * @return whether a step planned after {@code since} writes into an array sharing memory with a
     *         slot of {@code read} (views and aliases write nothing)
     */
    private boolean overwrittenSince(int since, int[] read, Slots slots) {
        for (int i = since + 1; i < planned.size(); i++) {
            PlanStep later = planned.get(i);
            if (later.kind == PlanStep.Kind.VIEW || later.kind == PlanStep.Kind.ALIAS) {
                continue;
            }
            for (int out : later.outputs) {
                for (int r : read) {
                    if (out == r || sharesMemory(slots.get(out), slots.get(r))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean sharesMemory(INDArray a, INDArray b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        long aStart = a.data().address();
        long bStart = b.data().address();
        long aEnd = aStart + a.data().length() * a.dataType().width();
        long bEnd = bStart + b.data().length() * b.dataType().width();
        return aStart < bEnd && bStart < aEnd;
    }

    /** {@code gather(x [R, ...], ids, axis 0)} with the ids as an input. */
    private static boolean gatherApplies(PlanStep step, DynamicCustomOp op, Slots slots) {
        if (step.inputs.length != 2 || step.outputs.length != 1) {
            return false;
        }
        INDArray x = slots.get(step.inputs[0]);
        long[] axis = op.iArgs();
        return axis.length == 1 && (axis[0] == 0 || axis[0] == -x.rank()) && x.rank() >= 1 && x.size(0) > 0
                && !x.isEmpty() && RowKernels.holdsIds(slots.get(step.inputs[1]));
    }

    /** {@code concat} along axis 0 of non-empty arrays of the output's type, at most a few rows. */
    private static boolean concatApplies(PlanStep step, DynamicCustomOp op, Slots slots) {
        INDArray out = slots.get(step.outputs[0]);
        long[] axis = op.iArgs();
        if (step.outputs.length != 1 || step.inputs.length < 1 || axis.length != 1 || axis[0] != 0
                || out.length() > 64 || op.bArgs().length > 0 && op.bArgs()[0]) {
            return false;
        }
        for (int in : step.inputs) {
            INDArray part = slots.get(in);
            if (part == null || part.isEmpty() || part.dataType() != out.dataType() || part.rank() != out.rank()) {
                return false;
            }
        }
        return true;
    }

    /** {@code scatter_add(ref [R, W], ids [M], updates [M, W])}, floating point. */
    private static boolean scatterApplies(PlanStep step, Slots slots) {
        if (step.inputs.length != 3 || step.outputs.length != 1) {
            return false;
        }
        INDArray ref = slots.get(step.inputs[0]);
        INDArray ids = slots.get(step.inputs[1]);
        INDArray updates = slots.get(step.inputs[2]);
        return (ref.dataType() == DataType.FLOAT || ref.dataType() == DataType.DOUBLE) && ref.rank() == 2
                && ref.size(0) > 0 && updates.dataType() == ref.dataType() && RowKernels.holdsIds(ids) && ids.rank() == 1
                && updates.rank() == 2 && updates.size(0) == ids.length() && updates.size(1) == ref.size(1);
    }

    /** {@code y · (g − Σ_axis g·y)} from the forward softmax's output {@code y}. */
    private List<Replacement> softmaxBackward(PlanStep step, DynamicCustomOp op, Slots slots) {
        if (step.inputs.length != 2 || step.outputs.length != 1) {
            return List.of();
        }
        INDArray x = slots.get(step.inputs[0]);
        int axis = axis(op, x);
        Integer y = softmaxOutputs.get(key(step.inputs[0], axis));
        if (y == null) {
            return List.of();
        }
        int g = step.inputs[1];
        List<Replacement> steps = new ArrayList<>();
        int gy = custom(steps, slots, step.name, "multiply", new int[] {g, y}, new long[0], new boolean[0], -1);
        int sum = custom(steps, slots, step.name, "reduce_sum", new int[] {gy}, new long[] {axis},
                new boolean[] {true}, -1);
        int centred = custom(steps, slots, step.name, "subtract", new int[] {g, sum}, new long[0], new boolean[0], -1);
        custom(steps, slots, step.name, "multiply", new int[] {y, centred}, new long[0], new boolean[0], step.outputs[0]);
        return steps;
    }

    /** {@code 2·x¹} (the derivative of {@code x²}, through M2.1's per-element {@code pow}) is {@code x + x}. */
    private static List<Replacement> squareBackward(PlanStep step, Slots slots) {
        List<Replacement> steps = new ArrayList<>();
        custom(steps, slots, step.name, "add", new int[] {step.inputs[0], step.inputs[0]}, new long[0], new boolean[0],
                step.outputs[0]);
        return steps;
    }

    /**
     * {@code dx = Σ g·y}, {@code dy = Σ g·x}, each summed over the axes its input was broadcast
     * along; with equal shapes two multiplies, so an unread one is then pruned (dropout's mask,
     * ReLU's).
     */
    private List<Replacement> multiplyBackward(PlanStep step, Slots slots) {
        if (step.inputs.length != 3 || step.outputs.length != 2) {
            return List.of();
        }
        long[] gShape = slots.get(step.inputs[2]).shape();
        List<Replacement> steps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long[] own = slots.get(step.inputs[i]).shape();
            int other = step.inputs[1 - i];
            int target = step.outputs[i];
            if (Arrays.equals(own, gShape)) {
                custom(steps, slots, step.name, "multiply", new int[] {step.inputs[2], other}, new long[0],
                        new boolean[0], target);
                continue;
            }
            long[] axes = broadcastAxes(own, gShape);
            if (axes == null) {
                throw new NotApplicable();
            }
            SumKernels.Sum sum = Arrays.equals(slots.get(other).shape(), gShape) ? SumKernels.to(gShape, axes, false)
                    : null;
            if (sum != null && summable(slots, target, step.inputs[2], other)) {
                steps.add(sumStep(step, new int[] {step.inputs[2], other}, target, sum));
                continue;
            }
            int product = custom(steps, slots, step.name, "multiply", new int[] {step.inputs[2], other}, new long[0],
                    new boolean[0], -1);
            custom(steps, slots, step.name, "reduce_sum", new int[] {product}, axes, new boolean[] {true}, target);
        }
        return steps;
    }

    /**
     * {@code add_bp} and {@code subtract_bp}: each input's gradient is {@code ±g}, summed over the
     * axes it was broadcast along ({@link SumKernels}). An input of g's shape gets g itself (another
     * name for g's array, {@link Slots#alias}: a residual connection's add_bp copied g twice), or a
     * copy of g where it cannot (negated for the subtrahend), so an unread one is then pruned.
     */
    private List<Replacement> sumBackward(PlanStep step, Slots slots, boolean subtract) {
        if (step.inputs.length != 3 || step.outputs.length != 2) {
            return List.of();
        }
        int g = step.inputs[2];
        long[] gShape = slots.get(g).shape();
        SumKernels.Sum[] sums = new SumKernels.Sum[2];
        boolean[] aliased = new boolean[2];
        for (int i = 0; i < 2; i++) {
            long[] own = slots.get(step.inputs[i]).shape();
            int target = step.outputs[i];
            if (Arrays.equals(own, gShape)) {
                aliased[i] = !(subtract && i == 1) && slots.canAlias(target, g)
                        && slots.get(target).dataType() == slots.get(g).dataType();
                continue;
            }
            long[] axes = broadcastAxes(own, gShape);
            sums[i] = axes == null ? null : SumKernels.to(gShape, axes, subtract && i == 1);
            if (sums[i] == null || !summable(slots, target, g)) {
                throw new NotApplicable();
            }
        }
        if (sums[0] == null && sums[1] == null && !aliased[0] && !aliased[1]) {
            return List.of(); // two copies: the op makes them in one call
        }
        List<Replacement> steps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int target = step.outputs[i];
            if (sums[i] != null) {
                steps.add(sumStep(step, new int[] {g}, target, sums[i]));
            } else if (aliased[i]) {
                slots.alias(target, g);
                steps.add(new Replacement(new PlanStep(step.name + "/alias", step.op, PlanStep.Kind.ALIAS, null,
                        new int[] {g}, new int[] {target}, false, false, false), new int[0]));
            } else {
                custom(steps, slots, step.name, subtract && i == 1 ? "neg" : "identity", new int[] {g}, new long[0],
                        new boolean[0], target);
            }
        }
        return steps;
    }

    /** @return whether {@link SumKernels} can read {@code inputs} and write {@code target} in place */
    private static boolean summable(Slots slots, int target, int... inputs) {
        INDArray out = slots.get(target);
        return RowKernels.plain(out) && SumKernels.sums(out)
                && Arrays.stream(inputs).allMatch(i -> slots.get(i).dataType() == out.dataType());
    }

    private static Replacement sumStep(PlanStep step, int[] inputs, int target, SumKernels.Sum sum) {
        return new Replacement(new PlanStep(step.name + "/sum", step.op, inputs, new int[] {target}, sum), new int[0]);
    }

    /**
     * @return the axes of {@code broadcast} along which {@code own} (aligned to the right) was
     *         broadcast, or null when {@code own} is not broadcastable to it
     */
    private static long[] broadcastAxes(long[] own, long[] broadcast) {
        int offset = broadcast.length - own.length;
        if (offset < 0) {
            return null;
        }
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < broadcast.length; i++) {
            long size = i < offset ? 1 : own[i - offset];
            if (size == 1 && broadcast[i] != 1) {
                axes.add((long) i);
            } else if (size != broadcast[i]) {
                return null;
            }
        }
        return axes.isEmpty() ? null : axes.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Plans one custom op into {@code steps}, runs nothing.
     *
     * @param target the slot whose array receives the output (reshaped to the op's output shape,
     *               a view), or -1 for a new temporary
     * @return the slot of the output
     */
    private static int custom(List<Replacement> steps, Slots slots, String name, String opName, int[] inputs,
                              long[] iArgs, boolean[] bArgs, int target) {
        DynamicCustomOp op = DynamicCustomOp.builder(opName)
                .addIntegerArguments(Arrays.stream(iArgs).mapToInt(Math::toIntExact).toArray())
                .addBooleanArguments(bArgs).build();
        PlanStep step = new PlanStep(name + "/" + opName, op, PlanStep.Kind.CUSTOM, Nd4j.getExecutioner()
                .buildContext(), inputs, new int[] {-1}, false, false, false);
        INDArray[] in = Arrays.stream(inputs).mapToObj(slots::get).toArray(INDArray[]::new);
        INDArray out = step.prepare(in, null)[0];
        int slot;
        if (target < 0) {
            slot = slots.add(out);
        } else {
            INDArray into = slots.get(target);
            if (into.length() != out.length() || into.dataType() != out.dataType()) {
                throw new NotApplicable();
            }
            step.context.setOutputArray(0, into.reshape(out.shape()));
            slot = target;
        }
        step.outputs[0] = slot;
        List<Integer> fed = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (slots.perRun(inputs[i])) {
                fed.add(i);
                fed.add(inputs[i]);
            }
        }
        steps.add(new Replacement(step, fed.stream().mapToInt(Integer::intValue).toArray()));
        return slot;
    }

    private static int axis(DynamicCustomOp op, INDArray input) {
        long[] iArgs = op.iArgs();
        long axis = iArgs.length == 0 ? -1 : iArgs[0];
        return (int) (axis < 0 ? axis + input.rank() : axis);
    }

    private static String key(int slot, int axis) {
        return slot + ":" + axis;
    }

    /** @return whether {@code a} and {@code b} hold the same values of one type and shape */
    static boolean identical(INDArray a, INDArray b) {
        if (a.dataType() != b.dataType() || !Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        if (RowKernels.plain(a) && RowKernels.plain(b)) {
            // the raw bytes, without copies: planning a graph of 1M edges compares arrays of 70 MB
            return RowKernels.sameBytes(a, b);
        }
        return Arrays.equals(a.castTo(DataType.DOUBLE).dup('c').data().asDouble(),
                b.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }
}

