package org.sdzoo.zoo.plan;

import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code random_bernoulli} (a dropout mask's draw) in Java: M2.1's op spends about 1.7 ns an
 * element on two threads (a Transformer training step draws 13 million, 23 ms); the same draws in
 * 32-bit vector lanes ({@link BernoulliLoops}) take a fraction of that. Like the plan's op step,
 * the kernel takes ND4J's generator's states and then advances it by one {@code nextLong}, as
 * {@code SeededRandomOps} does in the session, so a training run draws the same masks either way.
 */
final class BernoulliKernels {

    private static final long PARALLEL_MIN = 1L << 16;

    private BernoulliKernels() {
    }

    /**
     * A draw into a float32 array: {@link #run} draws with ND4J's generator, {@link #drawWith}
     * with given states (the planning check replays the op's).
     */
    static final class Draw implements StepKernel {
        private final BernoulliLoops loops;
        private final int threshold;
        private final boolean kept;

        private Draw(BernoulliLoops loops, Integer threshold) {
            this.loops = loops;
            this.kept = threshold != null;
            this.threshold = kept ? threshold : 0;
        }

        @Override
        public void run(INDArray[] values, int[] inputs, int[] outputs) {
            INDArray out = values[outputs[0]];
            checkShape(values[inputs[0]], out);
            Random random = Nd4j.getRandom();
            long root = random.rootState();
            long node = random.nodeState();
            random.nextLong();
            drawWith(out, root, node);
        }

        /** Fills {@code out} (float32, plain) with the draws of the generator states {@code root, node}. */
        void drawWith(INDArray out, long root, long node) {
            int length = Math.toIntExact(out.length());
            ByteBuffer to = RowKernels.bytes(out);
            RangeSplit.run(length, length, PARALLEL_MIN, 64,
                    (lo, hi) -> loops.draw(to, (int) root, (int) node, threshold, kept, lo, hi));
        }

        /** The op's output shape comes from its input's values: a run with other values is replanned. */
        private static void checkShape(INDArray shape, INDArray out) {
            if (shape.length() != out.rank()) {
                throw new ShapeChangedException("random_bernoulli");
            }
            for (int d = 0; d < out.rank(); d++) {
                if (shape.getLong(d) != out.size(d)) {
                    throw new ShapeChangedException("random_bernoulli");
                }
            }
        }
    }

    /**
     * @return the kernel of a seeded {@code random_bernoulli} step with a float32 output, or null
     *         when it does not apply (the vector API missing: the scalar loop is no faster than the op)
     */
    static Draw of(PlanStep step, StepRewrites.Slots slots) {
        BernoulliLoops loops = BernoulliLoops.get();
        if (!loops.vectorized() || !step.seededRandom || !(step.op instanceof DynamicCustomOp op)
                || !"random_bernoulli".equals(op.opName()) || op.tArgs().length != 1
                || step.inputs.length != 1 || step.outputs.length != 1) {
            return null;
        }
        INDArray out = slots.get(step.outputs[0]);
        if (out.dataType() != DataType.FLOAT || !RowKernels.plain(out) || out.length() > Integer.MAX_VALUE / 4) {
            return null;
        }
        return new Draw(loops, BernoulliLoops.threshold(op.tArgs()[0]));
    }
}
