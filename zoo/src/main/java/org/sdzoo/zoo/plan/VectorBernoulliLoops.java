package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BernoulliLoops} with the JDK's vector API: each 32-bit lane computes one element's
 * {@code u(i)} with the scalar loop's integer operations (exact in any lane) and compares it with
 * the threshold. Loaded by name only when the module is present, so it never links without it.
 */
final class VectorBernoulliLoops extends BernoulliLoops {

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final BernoulliLoops TAIL = scalar();
    /** Draws made per chunk (its scratch array's size). */
    private static final int CHUNK = 4096;

    VectorBernoulliLoops() {
        if (I.vectorBitSize() < 256 || F.length() != I.length()) {
            throw new IllegalStateException("the CPU's vectors are " + I.vectorBitSize() + " bits, fewer than 256");
        }
    }

    @Override
    boolean vectorized() {
        return true;
    }

    @Override
    String describe() {
        return "vector (" + I.length() + " lanes, jdk.incubator.vector)";
    }

    @Override
    void draw(ByteBuffer out, int root, int node, int threshold, boolean kept, int from, int to) {
        if (!kept) {
            TAIL.draw(out, root, node, threshold, false, from, to);
            return;
        }
        // lanes into a float[] chunk, then a bulk copy: vector stores into byte buffers lose C2's
        // intrinsic once another kernel's warm-up has profiled the JDK's buffer code on heap
        // buffers (see VectorDenseLoops.expInPlace)
        int lanes = I.length();
        IntVector iota = IntVector.zero(I).addIndex(1);
        int limit = threshold ^ Integer.MIN_VALUE;
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector zero = FloatVector.zero(F);
        java.nio.FloatBuffer floats = out.asFloatBuffer();
        float[] chunk = new float[Math.min(CHUNK, to - from)];
        for (int start = from; start < to; start += chunk.length) {
            int n = Math.min(chunk.length, to - start);
            int i = 0;
            for (; i <= n - lanes; i += lanes) {
                IntVector step = iota.add(start + i + 2);
                IntVector s0 = step.mul(node + ROOT_MIX).or(root);
                IntVector s1 = step.mul(s0.add(NODE_MIX)).lanewise(VectorOperators.XOR, node);
                IntVector u = s1.lanewise(VectorOperators.XOR, s0).mul(GOLDEN)
                        .lanewise(VectorOperators.ROL, 5).mul(5);
                VectorMask<Integer> passes = u.lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
                        .compare(VectorOperators.LE, limit);
                zero.blend(one, passes.cast(F)).intoArray(chunk, i);
            }
            for (; i < n; i++) {
                chunk[i] = (uniformBits(root, node, start + i) ^ Integer.MIN_VALUE) <= limit ? 1f : 0f;
            }
            floats.put(start, chunk, 0, n);
        }
    }
}
