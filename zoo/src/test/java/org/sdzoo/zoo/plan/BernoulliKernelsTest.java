package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.random.custom.RandomBernoulli;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The Java Bernoulli draw gives M2.1's {@code random_bernoulli} bits from the same generator
 * states (several states, probabilities and lengths, scalar and vector loops, split over threads),
 * and a float32 plan with dropout draws its masks in Java and still computes the session's
 * gradients bit for bit, step after step, leaving the generator where the session leaves it.
 */
class BernoulliKernelsTest {

    @Test
    void loopsDrawTheOpsBits() {
        long[][] states = {{42, -559038779}, {7, 123456789012345L}, {-3, Long.MIN_VALUE + 5}, {1L << 40, 1}};
        double[] probabilities = {0.9, 0.5, 0.1, 0.8, 1.0, 0.0};
        int[] lengths = {1, 17, 1000, 300_001};
        for (long[] s : states) {
            for (double p : probabilities) {
                for (int n : lengths) {
                    float[] op = opDraw(s[0], s[1], p, n);
                    for (BernoulliLoops loops : List.of(BernoulliLoops.scalar(), BernoulliLoops.get())) {
                        Integer threshold = BernoulliLoops.threshold(p);
                        ByteBuffer out = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
                        // two ranges, as the kernel splits over threads
                        int half = n / 2;
                        loops.draw(out, (int) s[0], (int) s[1], threshold == null ? 0 : threshold, threshold != null, 0,
                                half);
                        loops.draw(out, (int) s[0], (int) s[1], threshold == null ? 0 : threshold, threshold != null,
                                half, n);
                        float[] java = new float[n];
                        out.asFloatBuffer().get(java);
                        assertArrayEquals(op, java, loops.describe() + ", states " + s[0] + "/" + s[1] + ", p " + p
                                + ", length " + n);
                    }
                }
            }
        }
    }

    @Test
    void thresholdIsTheLastUniformThatPasses() {
        assertEquals(-1, (int) BernoulliLoops.threshold(1.0), "p = 1 keeps every u");
        assertEquals(511, (int) BernoulliLoops.threshold(0.0), "p = 0 keeps u below 2^9 (their number is 0)");
        assertNull(BernoulliLoops.threshold(-0.5), "a negative p keeps none");
        long t = Integer.toUnsignedLong(BernoulliLoops.threshold(0.9));
        assertTrue(BernoulliLoops.kept(0.9f, t) && !BernoulliLoops.kept(0.9f, t + 1), "0.9's threshold " + t);
    }

    /**
     * The op's uniform number is {@code u}'s top 23 bits, not {@code u / 2^32} rounded to float:
     * with the probability set to an element's own number, where rounding would have crossed it,
     * the op keeps that element, and so do the loops.
     */
    @Test
    void drawsOnTheProbabilityFollowTheOp() {
        long root = 42000126L;
        long node = 47796518162285299L;
        int n = 1 << 16;
        int boundary = -1;
        for (int i = 0; i < n && boundary < 0; i++) {
            long u = Integer.toUnsignedLong(BernoulliLoops.uniformBits((int) root, (int) node, i));
            if ((float) u / 4294967296f > (float) (u >>> 9) * 0x1p-23f) {
                boundary = i;
            }
        }
        assertTrue(boundary >= 0, "an element whose rounded number is above its truncated one");
        long u = Integer.toUnsignedLong(BernoulliLoops.uniformBits((int) root, (int) node, boundary));
        double p = (float) (u >>> 9) * 0x1p-23f;
        float[] op = opDraw(root, node, p, n);
        assertEquals(1f, op[boundary], "the op keeps the element whose number is p");
        for (BernoulliLoops loops : List.of(BernoulliLoops.scalar(), BernoulliLoops.get())) {
            ByteBuffer out = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            loops.draw(out, (int) root, (int) node, BernoulliLoops.threshold(p), true, 0, n);
            float[] java = new float[n];
            out.asFloatBuffer().get(java);
            assertArrayEquals(op, java, loops.describe() + " with p " + p);
        }
    }

    @Test
    void planDrawsMasksInJavaWithTheSessionsGradients() {
        assumeTrue(BernoulliLoops.get().vectorized(), "the kernel is used with the vector loop only");
        Nd4j.getRandom().setSeed(5);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 300);
        SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 300, 300).subi(0.5));
        SDVariable h = Dropout.apply(sd, sd.nn.tanh(x.mmul(w)), 0.3);
        SDVariable loss = h.mul(h).sum().rename("loss");
        sd.setLossVariables(loss.name());
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), List.of("w"));
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.FLOAT, 400, 300));
        double previous = Double.NaN;
        for (int step = 0; step < 4; step++) {
            Nd4j.getRandom().setSeed(100 + step);
            PlannedGraph.Result viaPlan = planned.run(feed);
            long afterPlan = Nd4j.getRandom().nextLong();
            Nd4j.getRandom().setSeed(100 + step);
            System.setProperty(PlannedGraph.PROPERTY, "off");
            PlannedGraph.Result viaSession;
            try {
                viaSession = planned.run(feed);
            } finally {
                System.clearProperty(PlannedGraph.PROPERTY);
            }
            assertEquals(Nd4j.getRandom().nextLong(), afterPlan, "the generator after the step");
            double l = viaPlan.outputs().get("loss").getDouble(0);
            assertEquals(viaSession.outputs().get("loss").getDouble(0), l, 0.0, "loss, step " + step);
            assertTrue(RowKernels.sameBytes(viaSession.gradients().get("w"), viaPlan.gradients().get("w").dup()),
                    "w's gradient, step " + step);
            assertEquals(step > 0, viaPlan.planned(), "planned from the second run, step " + step);
            assertNotEquals(previous, l, "each seed draws other masks");
            previous = l;
        }
        assertTrue(planned.kernelSteps("random_bernoulli") >= 1, "the mask is drawn in Java");
    }

    /** M2.1's op drawing {@code n} floats with probability {@code p} from the generator states {@code root, node}. */
    private static float[] opDraw(long root, long node, double p, int n) {
        INDArray shape = Nd4j.createFromArray(new long[] {n});
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n);
        RandomBernoulli op = new RandomBernoulli(shape, out, p);
        try (OpContext context = Nd4j.getExecutioner().buildContext()) {
            context.setInputArray(0, shape);
            context.setOutputArray(0, out);
            context.setTArguments(p);
            context.setRngStates(root, node);
            Nd4j.getExecutioner().exec(op, context);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toFloatVector();
    }
}
