package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * A measurement, not a unit test (run by hand): the element-wise op kinds {@link ThreadPolicy}
 * puts on one thread, through reused op contexts as a plan runs them, on the run's thread count
 * and on one, from 1,024 to 1,048,576 float elements (median µs per call); and the cost of one
 * switch of the count ({@link OpThreads#use}). The size where two threads start to win is
 * {@code sdzoo.plan.threads.below}'s default.
 *
 * <pre>java -cp examples/target/sdzoo.jar:zoo/target/test-classes org.sdzoo.zoo.plan.ThreadPolicyBench</pre>
 */
public final class ThreadPolicyBench {

    private ThreadPolicyBench() {
    }

    public static void main(String[] args) {
        int threads = OpThreads.ompThreads();
        System.out.printf(Locale.ROOT, "%-22s %9s %10s %10s %7s%n", "op", "elements", threads + " thr µs", "1 thr µs",
                "ratio");
        for (int n = 1 << 10; n <= 1 << 20; n <<= 2) {
            INDArray x = Nd4j.rand(DataType.FLOAT, n).subi(0.5);
            INDArray y = Nd4j.rand(DataType.FLOAT, n);
            INDArray z = Nd4j.create(DataType.FLOAT, n);
            measure("add (custom)", n, threads, new AddOp(x, y, z), x, y, z);
            measure("thresholdedrelu_bp", n, threads, new ThresholdReluBp(x, y, z, 0.0), x, y, z);
            measure("tanh (legacy)", n, threads, new Tanh(x, z), x, null, z);
            measure("scalar multiply", n, threads, new ScalarMultiplication(x, null, z, 2.0), x, null, z);
        }
        try (OpThreads t = OpThreads.limit(threads)) {
            int switches = 200_000;
            long start = System.nanoTime();
            for (int i = 0; i < switches; i++) {
                t.use(1);
                t.use(threads);
            }
            System.out.printf(Locale.ROOT, "one switch of the op thread count: %.3f µs%n",
                    (System.nanoTime() - start) / 1e3 / (2.0 * switches));
        }
    }

    private static void measure(String name, int n, int threads, Object op, INDArray x, INDArray y, INDArray z) {
        OpContext context = Nd4j.getExecutioner().buildContext();
        context.setInputArray(0, x);
        if (y != null) {
            context.setInputArray(1, y);
        }
        context.setOutputArray(0, z);
        if (op instanceof CustomOp c) {
            context.setIArguments(c.iArgs());
            context.setTArguments(c.tArgs());
        }
        double many = time(op, context, threads);
        double one = time(op, context, 1);
        System.out.printf(Locale.ROOT, "%-22s %9d %10.2f %10.2f %7.2f%n", name, n, many, one, one / many);
    }

    /** @return the median over 7 repeats of the mean µs per call */
    private static double time(Object op, OpContext context, int threads) {
        int calls = Math.max(10, (1 << 18) / (int) context.getInputArray(0).length());
        double[] repeats = new double[7];
        try (OpThreads t = OpThreads.limit(threads)) {
            for (int r = -2; r < repeats.length; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    if (op instanceof CustomOp c) {
                        Nd4j.getExecutioner().exec(c, context);
                    } else {
                        Nd4j.getExecutioner().exec((Op) op, context);
                    }
                }
                if (r >= 0) {
                    repeats[r] = (System.nanoTime() - start) / 1e3 / calls;
                }
            }
        }
        Arrays.sort(repeats);
        return repeats[repeats.length / 2];
    }
}
