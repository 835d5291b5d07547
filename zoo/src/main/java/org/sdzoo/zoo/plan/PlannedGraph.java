package org.sdzoo.zoo.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.NativeMemoryGuard;
import org.sdzoo.zoo.samediff.QuietSameDiff;
import org.sdzoo.zoo.samediff.SeededRandomOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a SameDiff graph's forward pass, or its loss and parameter gradients, through an
 * {@link ExecutionPlan} where one applies and through SameDiff's session where not: the
 * trainer's step and {@code ZooModel.predict} call this.
 *
 * <p>For each new set of placeholder shapes the first call runs the session (its answer is the
 * one returned) while recording the order in which it ran the ops; the plan is then built in
 * that order and run twice from the same generator state, and kept only if both runs equal the
 * session's outputs bit for bit (to 1e-7 relative) and leave the generator where the session
 * left it. Later calls with those shapes run the plan. A graph the plan cannot run (control flow,
 * an op kind it does not know, a disagreement) stays on the session, with the reason logged at
 * DEBUG once. So the plan can make a call faster, never its answer different.
 *
 * <p>The system property {@value #PROPERTY}{@code =off} forces the session everywhere, to
 * compare the two paths.
 */
public final class PlannedGraph {

    /** The system property that turns plans off ({@code off}) or on (anything else, the default). */
    public static final String PROPERTY = "sdzoo.plan";

    private static final Logger LOG = LoggerFactory.getLogger(PlannedGraph.class);
    private static final int MAX_PLANS = 8;
    /** The system property bounding the bytes the kept plans of one graph hold ({@code off}: no bound). */
    public static final String CACHE_PROPERTY = "sdzoo.plan.cacheBytes";
    static final String CACHE_DEFAULT = "2g";
    /**
     * After this many plans, a new input shape is planned only while plans are reused at least
     * once each on average: planning costs a session run, a compile and two checking runs, so
     * inputs whose shape changes on nearly every call (variable-length sequences, one per batch)
     * run faster through the session alone.
     */
    static final int PLANS_BEFORE_REUSE_CHECK = 16;
    /**
     * The same check after this many plans were dropped for {@value #CACHE_PROPERTY} before any
     * reuse: plans that large (a translation model's, over a gigabyte) cost many steps' time each
     * to build. A plan that served calls before it was dropped (batches of one shape run
     * consecutively, one plan alive at a time) does not count.
     */
    static final int EVICTIONS_BEFORE_REUSE_CHECK = 3;
    private static final int MAX_REPLANS = 8;
    private static final double TOLERANCE = 1e-7;
    private static final String GRAD_FUNCTION = "grad";

    private final SameDiff sd;
    private final List<String> outputs;
    private final List<String> parameters;
    private final boolean gradients;
    private final Map<String, ExecutionPlan> plans = new LinkedHashMap<>(8, 0.75f, true);
    /** per kept plan, the calls it served after planning */
    private final Map<String, Long> hits = new HashMap<>();
    private final INDArray phase;
    private String fallbackReason;
    private int replans;
    private boolean lastPlanned;
    private int plansBuilt;
    private long planHits;
    private boolean churnLogged;
    private int evictedForBytes;

    private PlannedGraph(SameDiff sd, List<String> outputs, List<String> parameters, boolean gradients) {
        this.sd = sd;
        this.outputs = List.copyOf(outputs);
        this.parameters = List.copyOf(parameters);
        this.gradients = gradients;
        this.phase = Nd4j.scalar(gradients);
    }

    /** A forward pass (inference phase) computing {@code outputs}, as {@code sd.output}. */
    public static PlannedGraph forOutputs(SameDiff sd, List<String> outputs) {
        return new PlannedGraph(sd, outputs, List.of(), false);
    }

    /**
     * A training pass computing {@code outputs} and the gradients of their sum with respect to
     * {@code parameters}, as {@code sd.calculateGradientsAndOutputs}.
     */
    public static PlannedGraph forGradients(SameDiff sd, List<String> outputs, List<String> parameters) {
        return new PlannedGraph(sd, outputs, parameters, true);
    }

    /** @return whether plans are on: {@value #PROPERTY} is not {@code off} */
    public static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "on"));
    }

    /**
     * What a call computed. Arrays from a plan belong to it and are overwritten by the next call:
     * copy what must outlive it.
     *
     * @param outputs   the requested outputs by name
     * @param gradients each parameter's gradient by parameter name (empty for a forward pass)
     * @param planned   whether the plan computed them (false: SameDiff's session did)
     */
    public record Result(Map<String, INDArray> outputs, Map<String, INDArray> gradients, boolean planned) {
    }

    /**
     * Runs the graph.
     *
     * @param placeholders the graph's placeholders by name, as for SameDiff
     */
    public synchronized Result run(Map<String, INDArray> placeholders) {
        NativeMemoryGuard.check();
        if (!enabled() || fallbackReason != null) {
            return session(placeholders, null);
        }
        Map<String, INDArray> feed = completed(placeholders);
        String key = shapeKey(feed);
        ExecutionPlan plan = plans.get(key);
        if (plan != null) {
            planHits++;
            hits.merge(key, 1L, Long::sum);
            Random rng = Nd4j.getRandom();
            long root = rng.rootState();
            long node = rng.nodeState();
            try {
                return fromPlan(plan.run(feed));
            } catch (ShapeChangedException e) {
                rng.setStates(root, node);
                plans.remove(key);
                hits.remove(key);
                if (++replans > MAX_REPLANS) {
                    fallBack("the plan had to be rebuilt " + replans + " times (" + e.getMessage() + ")");
                    return session(placeholders, null);
                }
                LOG.debug("planning again: {}", e.getMessage());
            } catch (RuntimeException e) {
                rng.setStates(root, node);
                fallBack("the plan failed: " + e);
                return session(placeholders, null);
            }
        }
        if ((plansBuilt >= PLANS_BEFORE_REUSE_CHECK || evictedForBytes >= EVICTIONS_BEFORE_REUSE_CHECK)
                && planHits < plansBuilt) {
            if (!churnLogged) {
                churnLogged = true;
                LOG.info("the input shapes of {} change on almost every call ({} plans built, reused {} times, {} dropped"
                        + " unused to stay within {} MB): new shapes run through SameDiff's session; pad inputs to fewer"
                        + " lengths, or raise -D{}, to get the plan's speed",
                        gradients ? "training steps" : "the forward pass", plansBuilt, planHits, evictedForBytes,
                        cacheBytes() >> 20, CACHE_PROPERTY);
            }
            return session(placeholders, null);
        }
        plansBuilt++;
        makeRoomForAnotherPlan();
        return planFromSession(key, placeholders, feed);
    }

    /**
     * Before planning a new shape, drops the least recently used plans while the kept ones and one
     * more of the largest kept size would exceed {@value #CACHE_PROPERTY}, and collects their
     * arrays: planning runs the session (several gigabytes for a translation model's step) and
     * then allocates the new plan, and a plan dropped only afterwards was resident through both
     * (Multi30k: 7.7 GB peak against 2.9 GB while training).
     */
    private void makeRoomForAnotherPlan() {
        long budget = cacheBytes();
        long largest = plans.values().stream().mapToLong(ExecutionPlan::ownedBytes).max().orElse(0);
        if (dropEldest((total, count) -> total + largest > budget, 0, "before planning another")) {
            // ND4J frees an array's memory when the collector finds it unreachable
            System.gc();
        }
    }

    /**
     * Drops the least recently used plans while more than {@value #MAX_PLANS} are kept or their
     * arrays exceed {@value #CACHE_PROPERTY} together; the newest plan always stays. A translation
     * model's plans hold a gigabyte or more each (logits over the vocabulary for every position,
     * and their gradients), so a count alone let bucketed batches keep 16 GB alive.
     */
    private void evictBeyondBudget() {
        long budget = cacheBytes();
        dropEldest((total, count) -> count > MAX_PLANS || total > budget, 1, "to keep the plans within " + (budget >> 20)
                + " MB");
    }

    /**
     * Drops the least recently used plans while {@code over(kept bytes, kept plans)} holds and
     * more than {@code keep} remain; a plan dropped for bytes before it served a call counts
     * toward {@link #EVICTIONS_BEFORE_REUSE_CHECK}.
     *
     * @return whether any was dropped
     */
    private boolean dropEldest(java.util.function.BiPredicate<Long, Integer> over, int keep, String why) {
        long total = plans.values().stream().mapToLong(ExecutionPlan::ownedBytes).sum();
        boolean dropped = false;
        for (var eldest = plans.entrySet().iterator(); eldest.hasNext() && plans.size() > keep
                && over.test(total, plans.size()); ) {
            var plan = eldest.next();
            if (plans.size() <= MAX_PLANS && hits.getOrDefault(plan.getKey(), 0L) == 0) {
                evictedForBytes++;
            }
            hits.remove(plan.getKey());
            total -= plan.getValue().ownedBytes();
            eldest.remove();
            dropped = true;
            LOG.debug("dropped the plan for {} ({} MB) {}", plan.getKey(), plan.getValue().ownedBytes() >> 20, why);
        }
        return dropped;
    }

    /** @return {@value #CACHE_PROPERTY} in bytes, else {@value #CACHE_DEFAULT} */
    static long cacheBytes() {
        long bytes = NativeMemoryGuard.parseSize(CACHE_PROPERTY, System.getProperty(CACHE_PROPERTY, CACHE_DEFAULT));
        return bytes == 0 ? Long.MAX_VALUE : bytes;
    }

    /** @return the bytes of the arrays the kept plans own */
    synchronized long keptBytes() {
        return plans.values().stream().mapToLong(ExecutionPlan::ownedBytes).sum();
    }

    /** @return how many plans are kept */
    synchronized int plansKept() {
        return plans.size();
    }

    /** @return why this graph runs through SameDiff's session, when it does */
    public synchronized Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** @return the graph ops the kept plans replaced by faster equivalents ({@link StepRewrites}) */
    synchronized int rewrittenOps() {
        return plans.values().stream().mapToInt(ExecutionPlan::rewritten).sum();
    }

    /** @return the {@code scatter_add} steps of the kept plans that make their own updates from a gather and a scale */
    synchronized int fusedScatters() {
        return plans.values().stream().mapToInt(ExecutionPlan::fusedScatters).sum();
    }

    /** @return the zero-start {@code scatter_add} kernels of the plans built so far */
    synchronized int zeroStartScatters() {
        return plans.values().stream().mapToInt(ExecutionPlan::zeroStartScatters).sum();
    }

    /** @return the steps of the kept plans computing an op named {@code opName} in Java */
    synchronized int kernelSteps(String opName) {
        return plans.values().stream().mapToInt(p -> p.steps(PlanStep.Kind.KERNEL, opName)).sum();
    }

    /** @return the steps of the kept plans whose output is an input's array under another name, by op name */
    synchronized int aliasSteps(String opName) {
        return plans.values().stream().mapToInt(p -> p.steps(PlanStep.Kind.ALIAS, opName)).sum();
    }

    /** @return the steps of the kept plans that call libnd4j directly ({@link NativeCall}) */
    synchronized int directSteps() {
        return plans.values().stream().mapToInt(ExecutionPlan::directSteps).sum();
    }

    /** @return the op outputs of the kept plans computed once at planning (shapes and constants) */
    synchronized int foldedOps() {
        return plans.values().stream().mapToInt(ExecutionPlan::folded).sum();
    }

    /** @return the steps of the kept plans whose output is a view of their input, not a copy */
    synchronized int viewSteps() {
        return plans.values().stream().mapToInt(ExecutionPlan::views).sum();
    }

    /** @return the op outputs of the kept plans that reuse an array nothing reads any more */
    synchronized long reusedArrays() {
        return plans.values().stream().mapToLong(ExecutionPlan::reusedArrays).sum();
    }

    /** @return the steps of the kept plans put on one op thread ({@link ThreadPolicy}) */
    synchronized int singleThreadSteps() { return plans.values().stream().mapToInt(ExecutionPlan::singleThreadSteps).sum(); }

    /** @return the purges of the kept plans' op contexts that released earlier runs' fed arrays */
    synchronized long fedPurges() {
        return plans.values().stream().mapToLong(ExecutionPlan::fedPurges).sum();
    }

    /** @return the graph ops the kept plans dropped because nothing reads their outputs */
    synchronized int prunedOps() {
        return plans.values().stream().mapToInt(ExecutionPlan::pruned).sum();
    }

    /** @return plans built so far, kept or not */
    synchronized int plansBuilt() {
        return plansBuilt;
    }

    /** @return whether the last call ran the plan */
    public synchronized boolean lastRunPlanned() {
        return lastPlanned;
    }

    private Result planFromSession(String key, Map<String, INDArray> placeholders, Map<String, INDArray> feed) {
        Random rng = Nd4j.getRandom();
        long root0 = rng.rootState();
        long node0 = rng.nodeState();
        OpOrder order = new OpOrder();
        Result reference = session(placeholders, order);
        releaseSessionCache();
        long root1 = rng.rootState();
        long node1 = rng.nodeState();
        try {
            SameDiff graph = gradients ? sd.getFunction(GRAD_FUNCTION) : sd;
            Map<String, String> planNames = planOutputNames();
            boolean seeded = sd.getListeners().stream().anyMatch(l -> l instanceof SeededRandomOps);
            rng.setStates(root0, node0);
            ExecutionPlan plan = ExecutionPlan.compile(graph, order.names, feed, new ArrayList<>(planNames.keySet()),
                    seeded);
            // planning ran every op once; both checks start from the session's starting state
            rng.setStates(root0, node0);
            String first = disagreement(reference, plan.run(feed), planNames, rng, root1, node1);
            rng.setStates(root0, node0);
            // The second run reuses every array: it catches an op that reads its output before writing it.
            String second = first != null ? first : disagreement(reference, plan.run(feed), planNames, rng, root1, node1);
            if (second != null) {
                fallBack(second);
            } else {
                plans.put(key, plan);
                evictBeyondBudget();
                LOG.debug("planned {} ops ({} MB of arrays, {} graph ops rewritten, {} folded to constants, {} unread ones dropped, {} views,"
                        + " {} arrays reused, {} direct native calls) for {}", plan.size(), plan.ownedBytes() >> 20, plan.rewritten(),
                        plan.folded(), plan.pruned(), plan.views(), plan.reusedArrays(), plan.directSteps(), key);
            }
        } catch (UnplannableException | ShapeChangedException e) {
            fallBack(e.getMessage());
        } catch (RuntimeException e) {
            fallBack("planning failed: " + e);
        } finally {
            rng.setStates(root1, node1);
        }
        return reference;
    }

    /**
     * Frees the arrays SameDiff's session keeps cached after the planning run (M2.1's array cache
     * holds up to a quarter of the JVM's maximum memory per graph), before the plan allocates its
     * own: planning a TCN otherwise holds both. The session is rebuilt if it runs again.
     */
    private void releaseSessionCache() {
        long thread = Thread.currentThread().getId();
        for (SameDiff g : gradients ? List.of(sd, sd.getFunction(GRAD_FUNCTION)) : List.of(sd)) {
            if (g == null) {
                continue;
            }
            var session = g.getSessions().remove(thread);
            if (session != null) {
                session.getMmgr().close();
            }
        }
    }

    /** @return plan output name → the name in a {@link Result} */
    private Map<String, String> planOutputNames() {
        Map<String, String> names = new LinkedHashMap<>();
        outputs.forEach(o -> names.put(o, o));
        for (String p : parameters) {
            SDVariable g = sd.getVariable(p).getGradient();
            if (g == null) {
                throw new UnplannableException("parameter '" + p + "' has no gradient variable");
            }
            names.put(g.name(), p);
        }
        return names;
    }

    private String disagreement(Result reference, Map<String, INDArray> planned, Map<String, String> planNames,
                                Random rng, long root, long node) {
        if (rng.rootState() != root || rng.nodeState() != node) {
            return "the plan drew ND4J's generator differently from the session";
        }
        for (Map.Entry<String, String> e : planNames.entrySet()) {
            INDArray expected = outputs.contains(e.getKey()) ? reference.outputs().get(e.getKey())
                    : reference.gradients().get(e.getValue());
            INDArray actual = planned.get(e.getKey());
            if (!close(expected, actual)) {
                return "the plan's '" + e.getKey() + "' differs from the session's";
            }
        }
        return null;
    }

    /** Equal shapes and types, and values equal to {@value #TOLERANCE} of the array's largest magnitude. */
    static boolean close(INDArray a, INDArray b) {
        if (a == null || b == null || a.dataType() != b.dataType() || !Arrays.equals(a.shape(), b.shape())) {
            return a == b;
        }
        if (a.isEmpty()) {
            return true;
        }
        if (!a.dataType().isFPType()) {
            // ND4J's equals allows 1e-5 for floating types only
            return a.equals(b);
        }
        double scale = Math.max(a.amaxNumber().doubleValue(), b.amaxNumber().doubleValue());
        return a.sub(b).amaxNumber().doubleValue() <= TOLERANCE * scale;
    }

    private Result fromPlan(Map<String, INDArray> planned) {
        lastPlanned = true;
        Map<String, INDArray> outs = new LinkedHashMap<>();
        for (String o : outputs) {
            outs.put(o, planned.get(o));
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String p : parameters) {
            grads.put(p, planned.get(sd.getVariable(p).getGradient().name()));
        }
        return new Result(outs, grads, true);
    }

    private Result session(Map<String, INDArray> placeholders, OpOrder recorder) {
        lastPlanned = false;
        List<Listener> original = new ArrayList<>(sd.getListeners());
        if (recorder != null) {
            List<Listener> with = new ArrayList<>(original);
            with.add(recorder);
            sd.setListeners(with);
        }
        try {
            if (!gradients) {
                return new Result(sd.output(placeholders, outputs.toArray(new String[0])), Map.of(), false);
            }
            var outAndGrad = sd.getFunction(GRAD_FUNCTION) != null
                    ? sd.calculateGradientsAndOutputs(placeholders, outputs, parameters)
                    // The first call builds the gradient graph, which M2.1 narrates on System.out.
                    : QuietSameDiff.run(() -> sd.calculateGradientsAndOutputs(placeholders, outputs, parameters));
            return new Result(outAndGrad.getOutputs(), outAndGrad.getGradients(), false);
        } finally {
            if (recorder != null) {
                sd.setListeners(original);
            }
        }
    }

    /** The placeholders as the session sees them: in the graph's types, with the learning phase. */
    private Map<String, INDArray> completed(Map<String, INDArray> placeholders) {
        Map<String, INDArray> feed = new HashMap<>(placeholders);
        for (Map.Entry<String, INDArray> e : feed.entrySet()) {
            var type = sd.getVariable(e.getKey()).dataType();
            if (e.getValue().dataType() != type) {
                e.setValue(e.getValue().castTo(type));
            }
        }
        if (LearningPhase.isUsedBy(sd) && !feed.containsKey(LearningPhase.NAME)
                && sd.getVariable(LearningPhase.NAME).getVariableType() == VariableType.PLACEHOLDER) {
            feed.put(LearningPhase.NAME, phase);
        }
        return feed;
    }

    private static String shapeKey(Map<String, INDArray> feed) {
        StringBuilder b = new StringBuilder();
        feed.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(e.getKey()).append(':')
                .append(e.getValue().dataType()).append(Arrays.toString(e.getValue().shape())).append(' '));
        // blocks may size arrays by the phase (Dropout's draw), so a phase a caller feeds is part of the key
        INDArray phase = feed.get(LearningPhase.NAME);
        if (phase != null) {
            b.append(phase.getDouble(0));
        }
        return b.toString();
    }

    private void fallBack(String reason) {
        fallbackReason = reason;
        plans.clear();
        hits.clear();
        LOG.debug("running {} through SameDiff's session: {}", gradients ? "training steps" : "the forward pass", reason);
    }

    /** Records the order in which SameDiff's session runs the ops. */
    private static final class OpOrder extends BaseListener {
        final List<String> names = new ArrayList<>();

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
            names.add(op.getName());
        }
    }
}
