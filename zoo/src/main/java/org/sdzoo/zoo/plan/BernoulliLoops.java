package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The inner loop of {@link BernoulliKernels}: M2.1's {@code random_bernoulli} draw of element
 * {@code i} from the generator's two states, as libnd4j's {@code RandomGenerator} computes it.
 * Its uniform number is {@code (u(i) >>> 9) / 2^23} in float, where {@code u(i)} mixes the
 * states' low 32 bits with {@code i + 2} by multiplies, an or, xors, a rotation and a multiply by 5
 * (all modulo 2^32, so 32-bit lanes compute it); the element is 1 where {@code p} is at least that
 * number ({@link #kept}). That test is
 * monotone in {@code u}, so it is one unsigned comparison with a threshold found once per
 * probability ({@link #threshold}). Two implementations give the same bits: {@link #scalar} and,
 * with {@code --add-modules jdk.incubator.vector} on a CPU with 256-bit vectors,
 * {@code VectorBernoulliLoops}.
 */
abstract class BernoulliLoops {

    static final int ROOT_MIX = 24243287;
    static final int NODE_MIX = 723829;
    static final int GOLDEN = 0x9E3779BB;

    /** @return the fastest implementation this JVM runs */
    static BernoulliLoops get() {
        return Best.LOOPS;
    }

    private static final class Best {
        static final BernoulliLoops LOOPS = VectorLoops.choose("bernoulli loops", BernoulliLoops.class,
                "org.sdzoo.zoo.plan.VectorBernoulliLoops", Scalar::new, BernoulliLoops::describe);
    }

    /** @return the plain loop, the reference the vector form is tested against */
    static BernoulliLoops scalar() {
        return new Scalar();
    }

    /** @return whether this loop uses vector instructions (only then is the kernel worth it) */
    abstract boolean vectorized();

    abstract String describe();

    /**
     * Writes float32 draws {@code [from, to)} into {@code out} (native byte order): 1 where
     * {@code u(i)}, as an unsigned number, is at most {@code threshold}, else 0.
     *
     * @param root      the generator's root state's low 32 bits
     * @param node      its node state's low 32 bits
     * @param threshold from {@link #threshold}; {@code kept} false when no {@code u} passes
     */
    abstract void draw(ByteBuffer out, int root, int node, int threshold, boolean kept, int from, int to);

    /** @return {@code u(index)}: libnd4j's {@code xoroshiro32} of {@code index} and the states */
    static int uniformBits(int root, int node, int index) {
        int step = index + 2;
        int s0 = root | (step * (node + ROOT_MIX));
        int s1 = node ^ (step * (s0 + NODE_MIX));
        return Integer.rotateLeft((s1 ^ s0) * GOLDEN, 5) * 5;
    }

    /**
     * @param p the draw's probability of a 1, compared in float as the op's float32 output does
     * @return the largest unsigned {@code u} that {@link #kept} keeps, or null when
     *         none (every draw 0)
     */
    static Integer threshold(double p) {
        float probability = (float) p;
        if (!kept(probability, 0)) {
            return null;
        }
        // binary search over unsigned u for the last one that passes
        long lo = 0;
        long hi = 0xFFFF_FFFFL;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (kept(probability, mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return (int) lo;
    }

    /**
     * The op's test: its uniform float is {@code u}'s top 23 bits as a mantissa in [1, 2) less 1,
     * {@code (u >>> 9) / 2^23} exactly (not {@code u / 2^32} rounded, which differs where the
     * rounding crosses the probability: one element in a Transformer step's 13 million).
     */
    static boolean kept(float probability, long u) {
        return probability >= (float) (u >>> 9) * 0x1p-23f;
    }

    /** The plain loop: one element at a time. */
    private static final class Scalar extends BernoulliLoops {

        @Override
        boolean vectorized() {
            return false;
        }

        @Override
        String describe() {
            return "scalar";
        }

        @Override
        void draw(ByteBuffer out, int root, int node, int threshold, boolean kept, int from, int to) {
            ByteBuffer o = out.duplicate().order(ByteOrder.nativeOrder());
            int limit = threshold ^ Integer.MIN_VALUE;
            for (int i = from; i < to; i++) {
                boolean one = kept && (uniformBits(root, node, i) ^ Integer.MIN_VALUE) <= limit;
                o.putFloat(i * Float.BYTES, one ? 1f : 0f);
            }
        }
    }
}
