package org.sdzoo.zoo.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseReduceOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.random.custom.RandomBernoulli;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.api.ops.impl.transforms.same.Identity;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * A SameDiff graph's ops for fixed outputs and fixed placeholder shapes, resolved once and then
 * run directly through ND4J's executioner: each op keeps one {@code OpContext} holding its input
 * and output arrays and its arguments, so a run costs one native call per op instead of the
 * session's per-op Java bookkeeping (dependency tracking, shape calculation, allocation).
 *
 * <p>Ops run in the order SameDiff's session ran them (recorded by {@link PlannedGraph}), so
 * random ops draw ND4J's generator in the same order and a plan gives the session's numbers.
 * Output arrays are allocated once and overwritten by every run: callers copy what they keep.
 * Ops are prepared as {@code InferenceSession.getAndParameterizeOp} does in M2.1: custom ops get
 * their arguments and output shapes from {@code calculateOutputShape(context)} with SameDiff's
 * output types; a legacy reduction's second input is its axis; a legacy scalar op's second input
 * is its scalar; {@code Identity} passes its input through.
 */
final class ExecutionPlan {

    /** Shape ops: their outputs depend on their input's shape, never its values. */
    private static final Set<String> SHAPE_OPS = Set.of("shape_of", "size", "rank", "size_at", "shapes_of");

    private static final Set<String> CONTROL_FLOW = Set.of("Enter", "Exit", "Switch", "Merge", "NextIteration",
            "LoopCond");

    /**
     * Ops whose output shapes follow from their inputs' shapes whatever the values of an integer
     * or boolean input (element-wise ops, casts, concatenations; a gather's indices give their shape,
     * not their values), so a fed one needs no shape check each run: the check costs a native shape
     * calculation, 15-20 µs, more than the op on small arrays.
     */
    private static final Set<String> SHAPE_FROM_SHAPES = Set.of("cast", "gather", "boolean_not", "boolean_and",
            "boolean_or", "boolean_xor", "equals", "not_equals", "greater", "greater_equal", "less", "less_equal",
            "add", "subtract", "multiply", "divide", "maximum", "minimum", "select", "identity", "assign", "concat", "stack",
            "zeroslike", "oneslike",
            "scatter_add", "scatter_upd", "scatter_sub", "scatter_mul", "scatter_div", "scatter_max", "scatter_min");

    /** Ops whose output is their input in another shape: a view of a c-contiguous input, no copy. */
    static final Set<String> VIEW_OPS = Set.of("reshape", "expand_dims", "squeeze");

    /**
     * The system property that turns the plan's memory savings off ({@code off}): views for
     * reshapes and reuse of intermediates nothing reads any more, to measure what they save
     * ({@code sdzoo.plan.views=off} and {@code sdzoo.plan.reuse=off} turn off one each).
     */
    static final String MEMORY_PROPERTY = "sdzoo.plan.memory";

    private final SameDiff graph;
    private final List<PlanStep> steps;
    private final INDArray[] values;
    private final Map<String, Integer> placeholderSlots;
    /** parameters and constants with the arrays planned: a run re-plans when one is replaced */
    private final String[] fixedNames;
    private final INDArray[] fixedArrays;
    /** per step, the inputs fed anew each run: {input index, value slot} pairs */
    private final int[][] fedInputs;
    private final Map<String, Integer> outputSlots;
    /** graph ops replaced by faster equivalents ({@link StepRewrites}) */
    private final int rewritten;
    private long reusedArrays;
    /** op outputs computed once at planning ({@link StepRewrites#folds}) */
    private int folded;
    /** every array of the plan is at most {@link #singleThreadBelow()} elements: run on one op thread */
    private final boolean small;
    /** bytes of the buffers the plan allocated ({@link #ownedBytes()}) */
    private final long ownedBytes;

    /** The system property giving the array size (elements) up to which a plan runs on one op thread; 0: never. */
    static final String SINGLE_THREAD_PROPERTY = "sdzoo.plan.singleThreadBelow";
    /** Where one thread was measured no slower than two (speed.md: add and matmul up to 256 × 256). */
    private static final long SINGLE_THREAD_DEFAULT = 1 << 16;
    /** steps of a large plan put on one op thread ({@link ThreadPolicy}) */
    private int singleThreadSteps;
    /** graph ops dropped because nothing reads their outputs ({@link StepRewrites#prune}) */
    private final int pruned;

    private ExecutionPlan(SameDiff graph, List<PlanStep> steps, INDArray[] values, Map<String, Integer> placeholderSlots,
                          String[] fixedNames, INDArray[] fixedArrays, int[][] fedInputs, Map<String, Integer> outputSlots,
                          int rewritten, int pruned) {
        this.pruned = pruned;
        this.rewritten = rewritten;
        this.graph = graph;
        this.steps = steps;
        this.values = values;
        this.placeholderSlots = placeholderSlots;
        this.fixedNames = fixedNames;
        this.fixedArrays = fixedArrays;
        this.fedInputs = fedInputs;
        this.outputSlots = outputSlots;
        long largest = 0;
        for (INDArray v : values) {
            largest = Math.max(largest, v == null ? 0 : v.length());
        }
        this.small = largest <= singleThreadBelow();
        this.ownedBytes = ownedBytes(values, fixedArrays, placeholderSlots);
    }

    /** The bytes of the distinct buffers a plan allocated: not the parameters, constants or placeholders. */
    private static long ownedBytes(INDArray[] values, INDArray[] fixedArrays, Map<String, Integer> placeholderSlots) {
        Set<Object> notOwned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (INDArray a : fixedArrays) {
            if (a != null) {
                notOwned.add(a.data().originalDataBuffer() == null ? a.data() : a.data().originalDataBuffer());
            }
        }
        for (int slot : placeholderSlots.values()) {
            INDArray a = values[slot];
            if (a != null) {
                notOwned.add(a.data().originalDataBuffer() == null ? a.data() : a.data().originalDataBuffer());
            }
        }
        Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long bytes = 0;
        for (INDArray a : values) {
            if (a == null || a.isEmpty()) {
                continue;
            }
            var buffer = a.data().originalDataBuffer() == null ? a.data() : a.data().originalDataBuffer();
            if (!notOwned.contains(buffer) && seen.add(buffer)) {
                bytes += buffer.length() * buffer.getElementSize();
            }
        }
        return bytes;
    }

    /** @return the bytes of the arrays this plan allocated and keeps (outputs, intermediates, gradients) */
    long ownedBytes() {
        return ownedBytes;
    }

    /** @return {@value #SINGLE_THREAD_PROPERTY}, else {@value #SINGLE_THREAD_DEFAULT} */
    static long singleThreadBelow() {
        return Long.getLong(SINGLE_THREAD_PROPERTY, SINGLE_THREAD_DEFAULT);
    }

    /**
     * Plans {@code opOrder} and runs it once.
     *
     * @param opOrder      the names of the ops to run, in an order where every input comes first
     * @param placeholders every placeholder the ops read, in the graph's types
     * @param outputs      the variables to return
     * @param seededRandom whether {@code SeededRandomOps} seeds the graph's random ops
     * @throws UnplannableException when an op is of a kind a plan cannot run
     */
    static ExecutionPlan compile(SameDiff graph, List<String> opOrder, Map<String, INDArray> placeholders,
                                 List<String> outputs, boolean seededRandom) {
        collectSessionArrays(opOrder.size(), placeholders);
        Map<String, Integer> slots = new HashMap<>();
        List<INDArray> initial = new ArrayList<>();
        Map<String, Integer> placeholderSlots = new LinkedHashMap<>();
        List<String> fixedNames = new ArrayList<>();
        // variables whose values come from a placeholder's values (not its shape)
        Set<String> fed = new java.util.HashSet<>();
        // variables whose array object changes from run to run (placeholders and their aliases)
        Set<String> perRun = new java.util.HashSet<>();
        List<PlanStep> steps = new ArrayList<>();
        List<int[]> fedInputs = new ArrayList<>();
        StepRewrites rewrites = new StepRewrites();
        ThreadPolicy threads = ThreadPolicy.fromProperties();
        boolean saveMemory = !"off".equalsIgnoreCase(System.getProperty(MEMORY_PROPERTY));
        Liveness liveness = new Liveness(graph, opOrder, outputs,
                saveMemory && !"off".equalsIgnoreCase(System.getProperty("sdzoo.plan.reuse")));
        boolean aliases = saveMemory && !"off".equalsIgnoreCase(System.getProperty("sdzoo.plan.views"));
        StepRewrites.Slots rewriteSlots = new StepRewrites.Slots() {
            @Override
            public INDArray get(int slot) {
                return initial.get(slot);
            }

            @Override
            public int add(INDArray array) {
                initial.add(array);
                return initial.size() - 1;
            }

            @Override
            public boolean perRun(int slot) {
                return perRun.stream().anyMatch(n -> slots.get(n) == slot);
            }

            @Override
            public INDArray[] all() {
                return initial.toArray(new INDArray[0]);
            }

            @Override
            public boolean canAlias(int slot, int of) {
                String view = nameOf(slot);
                String owner = nameOf(of);
                return aliases && view != null && owner != null && !outputs.contains(view) && !perRun.contains(owner)
                        && !perRun.contains(view);
            }

            @Override
            public void alias(int slot, int of) {
                liveness.viewed(nameOf(slot), nameOf(of));
                initial.set(slot, initial.get(of));
            }

            private String nameOf(int slot) {
                for (Map.Entry<String, Integer> e : slots.entrySet()) {
                    if (e.getValue() == slot) {
                        return e.getKey();
                    }
                }
                return null;
            }
        };
        boolean views = saveMemory && !"off".equalsIgnoreCase(System.getProperty("sdzoo.plan.views"));
        // outputs of steps folded to constants: computed once here, never run again
        Set<String> folded = new java.util.HashSet<>();
        Set<String> runningStates = new java.util.HashSet<>(org.sdzoo.zoo.samediff.RunningState.names(graph));
        for (int index = 0; index < opOrder.size(); index++) {
            String opName = opOrder.get(index);
            SameDiffOp sdOp = graph.getOps().get(opName);
            DifferentialFunction df = sdOp.getOp();
            String[] args = df.argNames() == null ? new String[0] : df.argNames();
            for (String a : args) {
                slotOf(graph, a, slots, initial, placeholders, placeholderSlots, fixedNames, fed, perRun);
            }
            PlanStep.Kind kind = kindOf(df);
            boolean axisArg = kind == PlanStep.Kind.LEGACY && df instanceof ReduceOp
                    && ((ReduceOp) df).getOpType() != Op.Type.REDUCE3 && args.length == 2;
            if (axisArg) {
                if (fed.contains(args[1])) {
                    throw new UnplannableException("reduction '" + opName + "' takes its axis from the data");
                }
                INDArray axis = initial.get(slots.get(args[1]));
                if (axis.isEmpty()) {
                    throw new UnplannableException("reduction '" + opName + "' has an empty axis");
                }
                df.setDimensions(Shape.normalizeAxis(initial.get(slots.get(args[0])).rank(), axis.toIntVector()));
                ((BaseReduceOp) df).setEmptyReduce(false);
            }
            int used = axisArg ? 1 : args.length;
            int[] in = new int[used];
            INDArray[] inArrays = new INDArray[used];
            boolean valueDependent = false;
            List<Integer> fedPairs = new ArrayList<>();
            for (int i = 0; i < used; i++) {
                in[i] = slots.get(args[i]);
                inArrays[i] = initial.get(in[i]);
                valueDependent |= fed.contains(args[i]) && !inArrays[i].dataType().isFPType()
                        && !SHAPE_FROM_SHAPES.contains(df.opName());
                if (perRun.contains(args[i])) {
                    fedPairs.add(i);
                    fedPairs.add(in[i]);
                }
            }
            String[] outNames = df.outputVariablesNames();
            int[] out = new int[outNames.length];
            DataType[] outTypes = new DataType[outNames.length];
            boolean shapeOp = kind == PlanStep.Kind.CUSTOM && SHAPE_OPS.contains(df.opName());
            // Running states (batch norm's statistics) are constants the trainer overwrites in place: never folded.
            boolean folds = rewrites.folds(df, kind, shapeOp, java.util.Arrays.stream(args).allMatch(a -> folded.contains(a)
                    || (graph.getVariable(a).getVariableType() == VariableType.CONSTANT && !runningStates.contains(a))));
            for (int i = 0; i < outNames.length; i++) {
                out[i] = initial.size();
                slots.put(outNames[i], out[i]);
                initial.add(null);
                outTypes[i] = graph.getVariable(outNames[i]).dataType();
                if (!shapeOp && java.util.Arrays.stream(args).anyMatch(fed::contains)) {
                    fed.add(outNames[i]);
                }
                if (kind == PlanStep.Kind.ALIAS && perRun.contains(args[0])) {
                    perRun.add(outNames[i]);
                }
            }
            boolean scalarFromInput = kind == PlanStep.Kind.LEGACY && df instanceof ScalarOp && args.length == 2;
            boolean random = df instanceof RandomBernoulli;
            PlanStep step = new PlanStep(opName, df, kind, kind == PlanStep.Kind.ALIAS ? null
                    : Nd4j.getExecutioner().buildContext(), in, out, valueDependent, random && seededRandom,
                    scalarFromInput);
            INDArray[] produced;
            if (kind == PlanStep.Kind.ALIAS) {
                produced = step.prepare(inArrays, null);
                liveness.viewed(outNames[0], args[0]);
            } else {
                List<LongShapeDescriptor> shapes = step.bind(inArrays, kind == PlanStep.Kind.CUSTOM ? outTypes : null);
                PlanStep view = !views || kind != PlanStep.Kind.CUSTOM || valueDependent || shapes.size() != 1 ? null
                        : VIEW_OPS.contains(df.opName()) ? step.asView(inArrays[0], shapes.get(0), perRun.contains(args[0]))
                        : "strided_slice".equals(df.opName()) && used == 1
                        ? step.asSliceView(inArrays[0], shapes.get(0), perRun.contains(args[0])) : null;
                if (view != null) {
                    step = view;
                    produced = new INDArray[] {view.view(inArrays[0])};
                    liveness.viewed(outNames[0], args[0]);
                    if (perRun.contains(args[0])) {
                        perRun.add(outNames[0]);
                    }
                } else {
                    // a folded output is never recycled: its array must hold the constant in every run
                    produced = step.allocate(shapes, folds ? d -> Nd4j.create(d, true) : liveness::take);
                    for (int i = 0; i < produced.length && !folds; i++) {
                        liveness.allocated(outNames[i], produced[i], "softmax".equals(df.opName()));
                    }
                }
            }
            if (produced.length != out.length) {
                throw new UnplannableException("op '" + opName + "' (" + df.opName() + ") computes " + produced.length
                        + " output shapes for " + out.length + " outputs");
            }
            for (int i = 0; i < out.length; i++) {
                initial.set(out[i], produced[i]);
            }
            if (folds) {
                step.run(initial.toArray(new INDArray[0]));
                folded.addAll(java.util.Arrays.asList(outNames));
                liveness.release(index);
                continue;
            }
            steps.add(step);
            fedInputs.add(fedPairs.stream().mapToInt(Integer::intValue).toArray());
            INDArray[] ran = initial.toArray(new INDArray[0]);
            step.run(ran);
            threads.assign(step, ran);
            List<StepRewrites.Replacement> faster = rewrites.rewrite(step, rewriteSlots);
            if (!faster.isEmpty()) {
                steps.remove(steps.size() - 1);
                fedInputs.remove(fedInputs.size() - 1);
                for (StepRewrites.Replacement r : faster) {
                    steps.add(r.step());
                    fedInputs.add(r.fedPairs());
                }
            }
            liveness.release(index);
        }
        Map<String, Integer> outputSlots = new LinkedHashMap<>();
        for (String o : outputs) {
            outputSlots.put(o, slotOf(graph, o, slots, initial, placeholders, placeholderSlots, fixedNames, fed, perRun));
        }
        rewrites.prune(steps, fedInputs, outputSlots.values(), rewriteSlots);
        INDArray[] values = initial.toArray(new INDArray[0]);
        INDArray[] fixedArrays = fixedNames.stream().map(n -> values[slots.get(n)]).toArray(INDArray[]::new);
        ExecutionPlan plan = new ExecutionPlan(graph, steps, values, placeholderSlots, fixedNames.toArray(new String[0]),
                fixedArrays, fedInputs.toArray(new int[0][]), outputSlots, rewrites.kept(), rewrites.pruned());
        plan.singleThreadSteps = (int) steps.stream().filter(st -> st.threads == 1).count();
        plan.resolveAliases();
        plan.reusedArrays = liveness.reused();
        plan.folded = folded.size();
        return plan;
    }

    /**
     * Asks for a garbage collection before a large plan allocates its arrays. The session run that
     * recorded the op order left its intermediates unreferenced, and ND4J frees an array's native
     * memory only when the collector finds it: the Java heap is small and quiet, so they stayed
     * allocated beside the plan's (a TCN step at the adding shapes: 1.6 GB of session arrays, the
     * plan's 0.5 GB on top). ND4J's deallocator threads then free them while the plan is built.
     * Graphs whose placeholders times ops are below {@value #COLLECT_ABOVE} elements skip it
     * (a collection costs more than their arrays).
     */
    private static void collectSessionArrays(int ops, Map<String, INDArray> placeholders) {
        long fed = placeholders.values().stream().mapToLong(INDArray::length).sum();
        if (fed * ops > COLLECT_ABOVE) {
            System.gc();
        }
    }

    /** Elements (placeholders' total times ops) above which planning first collects the session's garbage. */
    private static final long COLLECT_ABOVE = 1L << 22;

    private static int slotOf(SameDiff graph, String name, Map<String, Integer> slots, List<INDArray> initial,
                              Map<String, INDArray> placeholders, Map<String, Integer> placeholderSlots,
                              List<String> fixedNames, Set<String> fed, Set<String> perRun) {
        Integer known = slots.get(name);
        if (known != null) {
            return known;
        }
        SDVariable v = graph.getVariable(name);
        VariableType type = v.getVariableType();
        INDArray value;
        if (type == VariableType.PLACEHOLDER) {
            value = placeholders.get(name);
            if (value == null) {
                throw new UnplannableException("placeholder '" + name + "' is read but not fed");
            }
            fed.add(name);
            perRun.add(name);
        } else if (type == VariableType.VARIABLE || type == VariableType.CONSTANT) {
            value = v.getArr();
            fixedNames.add(name);
        } else {
            throw new UnplannableException("variable '" + name + "' is read before the op that computes it");
        }
        int slot = initial.size();
        initial.add(value);
        slots.put(name, slot);
        if (type == VariableType.PLACEHOLDER) {
            placeholderSlots.put(name, slot);
        }
        return slot;
    }

    private static PlanStep.Kind kindOf(DifferentialFunction df) {
        String cls = df.getClass().getSimpleName();
        if (CONTROL_FLOW.contains(cls)) {
            throw new UnplannableException("control flow op " + cls + " '" + df.getOwnName() + "'");
        }
        if (df instanceof Identity) {
            return PlanStep.Kind.ALIAS;
        }
        if (df.getClass().getName().startsWith("org.nd4j.linalg.api.ops.random.") && !(df instanceof RandomBernoulli)) {
            throw new UnplannableException("random op " + cls + " '" + df.getOwnName() + "' (only bernoulli draws are"
                    + " seeded as the session seeds them)");
        }
        String pkg = df.getClass().getName();
        if (pkg.contains(".controlflow.") || pkg.contains(".tensorops.") || cls.equals("Invoke")
                || cls.equals("CreateView") || cls.equals("Assert") || cls.equals("Assign")
                || cls.equals("ExternalErrorsFunction") || cls.equals("GradientBackwardsMarker")) {
            throw new UnplannableException("op " + cls + " '" + df.getOwnName() + "' runs only in SameDiff's session");
        }
        if (df instanceof DynamicCustomOp) {
            return PlanStep.Kind.CUSTOM;
        }
        if (df instanceof Op && !(df instanceof CustomOp)) {
            return PlanStep.Kind.LEGACY;
        }
        throw new UnplannableException("op " + cls + " '" + df.getOwnName() + "' is of a kind the plan does not know");
    }

    /** Aliases hold their input's array from planning on, unless that input is fed per run. */
    private void resolveAliases() {
        for (PlanStep s : steps) {
            if (s.kind == PlanStep.Kind.ALIAS) {
                values[s.outputs[0]] = values[s.inputs[0]];
            }
        }
    }

    /**
     * Runs the plan on new placeholder values of the planned shapes and types.
     *
     * @return the outputs by name: the plan's own arrays, overwritten by the next run
     * @throws ShapeChangedException when a parameter array was replaced or a value-dependent op
     *                               changed shape: plan again
     */
    Map<String, INDArray> run(Map<String, INDArray> placeholders) {
        if (!small && singleThreadSteps > 0) {
            // per-step counts (ThreadPolicy): the run's count is restored on the way out
            try (OpThreads perStep = OpThreads.limit(1)) {
                return runAll(placeholders, perStep);
            }
        }
        if (!small) {
            return runAll(placeholders, null);
        }
        // A parallel region waits for every thread it opens: on arrays this small a second
        // thread saves nothing on a quiet machine and, when other processes keep the cores busy,
        // each wait lasts a scheduler slice (10-30x slower ops, speed.md).
        try (OpThreads one = OpThreads.limit(1)) {
            return runAll(placeholders, null);
        }
    }

    /** @param perStep the op threads to switch between steps' counts, or null to run every step on the current count */
    private Map<String, INDArray> runAll(Map<String, INDArray> placeholders, OpThreads perStep) {
        for (int i = 0; i < fixedNames.length; i++) {
            if (graph.getArrForVarName(fixedNames[i]) != fixedArrays[i]) {
                throw new ShapeChangedException(fixedNames[i]);
            }
        }
        for (Map.Entry<String, Integer> e : placeholderSlots.entrySet()) {
            values[e.getValue()] = placeholders.get(e.getKey());
        }
        // with per-step counts, the run starts on one thread; RUN_THREADS steps switch back to the run's counts
        int now = perStep == null ? ThreadPolicy.RUN_THREADS : 1;
        for (int s = 0; s < steps.size(); s++) {
            PlanStep step = steps.get(s);
            // views and aliases run no op: they keep whatever count is set
            if (perStep != null && step.kind != PlanStep.Kind.VIEW && step.kind != PlanStep.Kind.ALIAS) {
                int want = step.kind == PlanStep.Kind.KERNEL ? ThreadPolicy.RUN_THREADS : step.threads;
                if (want != now) {
                    if (want == ThreadPolicy.RUN_THREADS) {
                        perStep.usePrevious();
                    } else {
                        perStep.use(want);
                    }
                    now = want;
                }
            }
            step.feed(values, fedInputs[s]);
            if (PlanProfile.ON) {
                long start = System.nanoTime();
                step.run(values);
                PlanProfile.add(step, values, System.nanoTime() - start);
            } else {
                step.run(values);
            }
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        outputSlots.forEach((name, slot) -> out.put(name, values[slot]));
        return out;
    }

    /** @return the steps of a large plan that run on one op thread ({@link ThreadPolicy}) */
    int singleThreadSteps() {
        return small ? 0 : singleThreadSteps;
    }

    /** @return the {@code scatter_add} steps that make their updates from a gather and a scale ({@link RowKernels}) */
    int fusedScatters() {
        return (int) steps.stream().filter(s -> s.kernel instanceof RowKernels.ScatterAddRows r && r.fusesGather()).count();
    }

    /** @return the {@code scatter_add} kernels whose rows start from zero instead of a zero {@code fill} */
    int zeroStartScatters() {
        return (int) steps.stream().filter(s -> s.kernel instanceof RowKernels.ScatterAddRows r && r.startsFromZeros()).count();
    }

    /** @return the steps of this kind standing for an op named {@code opName} */
    int steps(PlanStep.Kind kind, String opName) {
        return (int) steps.stream().filter(s -> s.kind == kind && opName.equals(s.op.opName())).count();
    }

    /** @return the steps that call libnd4j directly rather than through ND4J's executioner ({@link NativeCall}) */
    int directSteps() {
        return (int) steps.stream().filter(PlanStep::callsDirectly).count();
    }

    /** @return the graph ops dropped because nothing reads their outputs */
    int pruned() {
        return pruned;
    }

    /** @return the op outputs that depend only on shapes and constants, computed once at planning */
    int folded() {
        return folded;
    }

    /** @return the graph ops replaced by faster equivalents that give the same bits */
    int rewritten() {
        return rewritten;
    }

    /** @return the steps whose output is a view of their input (reshapes of c-contiguous arrays) */
    int views() {
        return (int) steps.stream().filter(s -> s.kind == PlanStep.Kind.VIEW).count();
    }

    /** @return the op outputs that reuse the array of an intermediate nothing reads any more */
    long reusedArrays() {
        return reusedArrays;
    }

    /** @return the purges of op contexts that released earlier runs' fed arrays ({@link PlanStep#feed}) */
    long fedPurges() {
        return steps.stream().mapToLong(PlanStep::purges).sum();
    }

    /** @return the number of ops run per call */
    int size() {
        return steps.size();
    }

    /** @return the placeholders the plan reads */
    Set<String> placeholders() {
        return placeholderSlots.keySet();
    }
}
