package org.sdzoo.zoo.train;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.samediff.ArrayLayout;
import org.sdzoo.zoo.samediff.OpThreads;

/**
 * Adam's update of one float32 parameter in one pass of Java loops, computing what
 * {@link ParameterUpdater}'s ND4J ops compute, operation for operation: each scalar cast to float
 * as ND4J casts an op's scalar, then {@code m = m·β1 + g·(1-β1)}, {@code v = v·β2 + (g·g)·(1-β2)},
 * {@code p = p - (m / (√v / √bias2 + ε))·(lr / bias1)}, every step an IEEE float operation (Java
 * does not fuse a multiply and an add; {@code (float) Math.sqrt} is the correctly rounded float
 * root, as {@code sqrtf}). The ND4J form makes four temporary arrays and ten native calls per
 * parameter; a Transformer's hundred parameters paid that every step. {@code AdamLoopTest} checks
 * the bits against the ND4J form.
 */
final class AdamLoop {

    /** Elements from which a parameter's loop is split over the op threads. */
    private static final int PARALLEL_MIN = 1 << 16;

    private AdamLoop() {
    }

    /** @return whether the loop handles these arrays (float32, contiguous, one shape) */
    static boolean handles(INDArray p, INDArray g, INDArray m, INDArray v) {
        for (INDArray a : new INDArray[] {p, g, m, v}) {
            if (a.dataType() != DataType.FLOAT || a.isEmpty() || !contiguousFromStart(a) || a.length() != p.length()
                    || a.length() > Integer.MAX_VALUE / 4) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether {@code a}'s elements are its buffer's first {@code length} in row-major
     *         order (a plan's gradients are reshapes of its arrays: views by ND4J's flag, laid out
     *         so)
     */
    private static boolean contiguousFromStart(INDArray a) {
        return a.offset() == 0 && a.data().length() >= a.length() && ArrayLayout.cContiguous(a);
    }

    /** Updates {@code p}, {@code m} and {@code v} in place (arrays {@link #handles} accepts). */
    static void update(INDArray p, INDArray g, INDArray m, INDArray v, double b1, double b2, double bias1,
            double bias2, double epsilon, double lr) {
        float beta1 = (float) b1;
        float keep1 = (float) (1 - b1);
        float beta2 = (float) b2;
        float keep2 = (float) (1 - b2);
        float root2 = (float) Math.sqrt(bias2);
        float eps = (float) epsilon;
        float rate = (float) (lr / bias1);
        FloatBuffer pb = floats(p);
        FloatBuffer gb = floats(g);
        FloatBuffer mb = floats(m);
        FloatBuffer vb = floats(v);
        int n = (int) p.length();
        int chunks = n < PARALLEL_MIN ? 1 : Math.max(1, Math.min(OpThreads.ompThreads(), n / PARALLEL_MIN));
        IntStream range = IntStream.range(0, chunks);
        (chunks > 1 ? range.parallel() : range).forEach(c -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            int len = to - from;
            float[] pa = new float[len];
            float[] ga = new float[len];
            float[] ma = new float[len];
            float[] va = new float[len];
            pb.get(from, pa, 0, len);
            gb.get(from, ga, 0, len);
            mb.get(from, ma, 0, len);
            vb.get(from, va, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = ga[i];
                float mi = ma[i] * beta1 + gi * keep1;
                float vi = va[i] * beta2 + (gi * gi) * keep2;
                float denominator = (float) Math.sqrt(vi) / root2 + eps;
                ma[i] = mi;
                va[i] = vi;
                pa[i] = pa[i] - (mi / denominator) * rate;
            }
            pb.put(from, pa, 0, len);
            mb.put(from, ma, 0, len);
            vb.put(from, va, 0, len);
        });
    }

    private static FloatBuffer floats(INDArray a) {
        return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
