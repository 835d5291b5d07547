package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final BernoulliLoops TAIL = scalar();

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
        int lanes = I.length();
        int i = from;
        if (kept) {
            IntVector iota = IntVector.zero(I).addIndex(1);
            int limit = threshold ^ Integer.MIN_VALUE;
            FloatVector one = FloatVector.broadcast(F, 1f);
            FloatVector zero = FloatVector.zero(F);
            for (; i <= to - lanes; i += lanes) {
                IntVector step = iota.add(i + 2);
                IntVector s0 = step.mul(node + ROOT_MIX).or(root);
                IntVector s1 = step.mul(s0.add(NODE_MIX)).lanewise(VectorOperators.XOR, node);
                IntVector u = s1.lanewise(VectorOperators.XOR, s0).mul(GOLDEN)
                        .lanewise(VectorOperators.ROL, 5).mul(5);
                VectorMask<Integer> passes = u.lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
                        .compare(VectorOperators.LE, limit);
                zero.blend(one, passes.cast(F)).intoByteBuffer(out, i * Float.BYTES, ORDER);
            }
        }
        TAIL.draw(out, root, node, threshold, kept, i, to);
    }
}
