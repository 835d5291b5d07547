package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the fixed cost per op of an {@link ExecutionPlan} against SameDiff's session, and
 * whether one OpenMP thread beats two on small ops. Not a test: timings on a shared machine
 * vary, so run it on a quiet one:
 *
 * <pre>java -cp examples/target/sdzoo.jar org.sdzoo.zoo.plan.PlanOverhead [calls] [repeats]</pre>
 *
 * <p>Part 1 runs a chain of 100 element-wise ops on a {@code [4, 4]} float32 array (50 times
 * {@code y = tanh(y) + b}) through the plan and through {@code sd.output}, and prints each path's
 * median microseconds per op ({@code plan_overhead_torch.py} beside this class times PyTorch on
 * the same chain). Part 2 times {@code add} and {@code matmul} through a reused op context at
 * sizes 4 to 256 with ND4J's maximum threads set to 1 and to 2.
 */
public final class PlanOverhead {

    private static final int CHAIN_OPS = 100;

    private PlanOverhead() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        chain(calls, repeats);
        threads(calls, repeats);
    }

    private static void chain(int calls, int repeats) {
        SameDiff sd = SameDiff.create();
        SDVariable y = sd.placeHolder("x", DataType.FLOAT, 4, 4);
        SDVariable b = sd.constant("b", Nd4j.rand(DataType.FLOAT, 4, 4).muli(0.01));
        for (int i = 0; i < CHAIN_OPS / 2; i++) {
            y = sd.math().tanh(y).add(b);
        }
        String out = y.name();
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.FLOAT, 4, 4));
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of(out));
        planned.run(feed);
        planned.run(feed);
        if (!planned.lastRunPlanned()) {
            throw new IllegalStateException("the chain did not plan: " + planned.fallbackReason().orElse("?"));
        }
        double plan = medianMicros(() -> planned.run(feed), calls, repeats) / CHAIN_OPS;
        double session = medianMicros(() -> sd.output(feed, out), Math.max(1, calls / 10), repeats) / CHAIN_OPS;
        System.out.printf("chain of %d element-wise ops on [4, 4] float32, %d threads:%n", CHAIN_OPS,
                Nd4j.getEnvironment().maxThreads());
        System.out.printf("  plan     %8.2f us per op%n  session  %8.2f us per op (%.1fx)%n", plan, session,
                session / plan);
    }

    private static void threads(int calls, int repeats) {
        int original = Nd4j.getEnvironment().maxThreads();
        System.out.printf("reused op context, us per call, max threads 1 vs %d:%n", Math.max(2, original));
        System.out.println("  size    add/1    add/N  matmul/1 matmul/N");
        for (int n : new int[] {4, 16, 32, 64, 128, 256}) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.rand(DataType.FLOAT, n, n);
            double[] t = new double[4];
            int k = 0;
            for (DynamicCustomOp op : new DynamicCustomOp[] {new AddOp(), new Mmul()}) {
                OpContext ctx = Nd4j.getExecutioner().buildContext();
                ctx.setInputArrays(a, c);
                ctx.setOutputArrays(Nd4j.create(DataType.FLOAT, n, n));
                if (op instanceof Mmul) {
                    ctx.setIArguments(0, 0, 0);
                    ctx.setTArguments(1.0, 0.0);
                }
                int perSize = (int) Math.max(50, calls * 16.0 / n);
                for (int threads : new int[] {1, Math.max(2, original)}) {
                    Nd4j.getEnvironment().setMaxThreads(threads);
                    t[k++] = medianMicros(() -> Nd4j.getExecutioner().exec(op, ctx), perSize, repeats);
                }
            }
            Nd4j.getEnvironment().setMaxThreads(original);
            System.out.printf("  %4d %8.2f %8.2f %8.2f %8.2f%n", n, t[0], t[1], t[2], t[3]);
        }
    }

    /** @return the median over {@code repeats} of the mean microseconds per call of {@code calls} calls, after a warm-up */
    static double medianMicros(Runnable work, int calls, int repeats) {
        for (int i = 0; i < calls; i++) {
            work.run();
        }
        double[] us = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                work.run();
            }
            us[r] = (System.nanoTime() - start) / 1e3 / calls;
        }
        Arrays.sort(us);
        return us[repeats / 2];
    }
}
