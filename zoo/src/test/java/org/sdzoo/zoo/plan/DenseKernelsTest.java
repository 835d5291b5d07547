package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sdzoo.zoo.blocks.attention.HitMacAttention;
import org.sdzoo.zoo.blocks.attention.HitMacOutputs;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * The Java {@code exp} computes glibc's {@code expf} bit for bit (M2.1's op, over a million values
 * from every range, the overflow and underflow edges, infinities and NaN), in its scalar and vector
 * forms; the Java softmax gives the op's bits (scalar and vector forms) from rows of 2 to 5000;
 * the Java products give the op's bits on the HiT-MAC shapes and with either input
 * transposed, and decline what they do not handle; through a plan of the HiT-MAC attention layer
 * both kernels run and the outputs stay the session's bit for bit.
 */
class DenseKernelsTest {

    @Test
    void expIsTheOpsExpBitForBit() {
        Random random = new Random(11);
        int n = 1 << 20;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double scale = switch (i % 4) {
                case 0 -> 1;
                case 1 -> 10;
                case 2 -> 110;
                default -> 1e-6;
            };
            x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        float[] edges = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, DenseLoops.OVERFLOW,
            Math.nextUp(DenseLoops.OVERFLOW), DenseLoops.UNDERFLOW, Math.nextDown(DenseLoops.UNDERFLOW), -87.5f,
            -100f, 88f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
        System.arraycopy(edges, 0, x, 3, edges.length);
        INDArray in = Nd4j.createFromArray(x);
        float[] expected = Transforms.exp(in, true).toFloatVector();
        for (DenseLoops loops : List.of(DenseLoops.scalar(), DenseLoops.get())) {
            ByteBuffer out = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            loops.exp(in.data().asNio().order(ByteOrder.nativeOrder()), out, 0, n);
            int mismatches = 0;
            for (int i = 0; i < n; i++) {
                if (Float.floatToRawIntBits(out.getFloat(i * Float.BYTES)) != Float.floatToRawIntBits(expected[i])) {
                    mismatches++;
                }
            }
            assertEquals(0, mismatches, loops.describe() + ": elements whose exp differs from the op's");
        }
        if (DenseLoops.get().vectorized()) {
            // through the kernel, split over the op threads at this size
            SameDiff sd = SameDiff.create();
            SDVariable v = sd.var("x", in);
            SDVariable e = sd.math.exp(v);
            INDArray[] values = {in, Nd4j.create(DataType.FLOAT, n)};
            PlanStep step = new PlanStep("exp", sd.getVariableOutputOp(e.name()), PlanStep.Kind.LEGACY, null,
                    new int[] {0}, new int[] {1}, false, false, false);
            StepKernel kernel = DenseKernels.exp(step, new ArraySlots(values));
            assertNotNull(kernel, "a float32 exp");
            kernel.run(values, step.inputs, step.outputs);
            assertTrue(RowKernels.sameBytes(Nd4j.createFromArray(expected), values[1]), "the exp kernel's bits");
        }
    }

    @Test
    void softmaxGivesTheOpsBits() {
        assumeTrue(DenseLoops.get().vectorized(), "the softmax kernel is used with the vector loops only");
        for (long[] shape : new long[][] {{1, 20, 20, 20}, {64, 5, 5}, {4, 3}, {256, 32, 32}, {2708, 7}, {3, 5000}}) {
            Nd4j.getRandom().setSeed(shape[0]);
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, shape).muli(3));
            SDVariable y = sd.nn.softmax(x, shape.length - 1);
            INDArray byOp = sd.output(Map.of(), y.name()).get(y.name());
            INDArray[] values = {x.getArr(), Nd4j.create(DataType.FLOAT, shape)};
            PlanStep step = new PlanStep("softmax", sd.getVariableOutputOp(y.name()), PlanStep.Kind.CUSTOM, null,
                    new int[] {0}, new int[] {1}, false, false, false);
            StepKernel kernel = DenseKernels.softmax(step, new ArraySlots(values));
            assertNotNull(kernel, java.util.Arrays.toString(shape));
            kernel.run(values, step.inputs, step.outputs);
            assertTrue(RowKernels.sameBytes(byOp, values[1]), "softmax of " + java.util.Arrays.toString(shape));
            for (DenseLoops loops : List.of(DenseLoops.scalar(), DenseLoops.get())) {
                ByteBuffer out = ByteBuffer.allocateDirect((int) byOp.length() * Float.BYTES).order(ByteOrder.nativeOrder());
                int width = (int) shape[shape.length - 1];
                loops.softmax(x.getArr().data().asNio().order(ByteOrder.nativeOrder()), out, width, 0,
                        (int) byOp.length() / width);
                ByteBuffer expected = byOp.data().asNio().order(ByteOrder.nativeOrder());
                expected.limit((int) byOp.length() * Float.BYTES);
                assertEquals(expected, out, loops.describe() + ", softmax of " + java.util.Arrays.toString(shape));
            }
        }
    }

    @Test
    void productsGiveTheOpsBits() {
        assumeTrue(DenseLoops.get().vectorized(), "the products are used with the vector loops only");
        product(new long[] {20, 4}, new long[] {4, 384}, false, false);     // HiT-MAC's stacked Q, K, V
        product(new long[] {320, 4}, new long[] {4, 384}, false, false);    // ... at batch 64, two threads
        product(new long[] {4, 5, 128}, new long[] {4, 5, 128}, false, true); // Q Kᵀ
        product(new long[] {64, 5, 5}, new long[] {64, 5, 128}, false, false); // softmax · V
        product(new long[] {4, 128}, new long[] {128, 3}, false, false);    // the actor
        product(new long[] {7, 6}, new long[] {7, 9}, true, false);         // a transposed left side
        product(new long[] {2, 6, 7}, new long[] {2, 9, 6}, true, true);
    }

    private static void product(long[] xShape, long[] yShape, boolean tx, boolean ty) {
        Nd4j.getRandom().setSeed(xShape[0] * 31 + yShape[yShape.length - 1]);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.randn(DataType.FLOAT, xShape));
        SDVariable y = sd.var("y", Nd4j.randn(DataType.FLOAT, yShape));
        SDVariable z = sd.mmul(x, y, tx, ty, false);
        INDArray byOp = sd.output(Map.of(), z.name()).get(z.name());
        INDArray[] values = {x.getArr(), y.getArr(), Nd4j.create(DataType.FLOAT, byOp.shape()).addi(7)};
        PlanStep step = new PlanStep("matmul", sd.getVariableOutputOp(z.name()), PlanStep.Kind.CUSTOM, null,
                new int[] {0, 1}, new int[] {2}, false, false, false);
        StepKernel kernel = DenseKernels.matmul(step, new ArraySlots(values));
        assertNotNull(kernel, "a float32 product of " + java.util.Arrays.toString(xShape));
        kernel.run(values, step.inputs, step.outputs);
        assertTrue(RowKernels.sameBytes(byOp, values[2]), "the product's bits, " + java.util.Arrays.toString(xShape)
                + (tx ? "ᵀ" : "") + " · " + java.util.Arrays.toString(yShape) + (ty ? "ᵀ" : ""));
    }

    @Test
    void productsReadSliceViewsInPlace() {
        assumeTrue(DenseLoops.get().vectorized(), "the products are used with the vector loops only");
        Nd4j.getRandom().setSeed(5);
        INDArray stacked = Nd4j.randn(DataType.FLOAT, 4, 5, 384);     // Q, K and V side by side
        INDArray q = stacked.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 128));
        INDArray k = stacked.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(128, 256));
        INDArray v = stacked.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(256, 384));
        INDArray weights = Nd4j.rand(DataType.FLOAT, 4, 5, 5);
        viewProduct(q, k, false, true);
        viewProduct(weights, v, false, false);
        viewProduct(k, q, true, false);
    }

    private static void viewProduct(INDArray x, INDArray y, boolean tx, boolean ty) {
        assertTrue(x.isView() || y.isView());
        INDArray byOp = Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(x.dup(), y.dup())
                .addIntegerArguments(tx ? 1 : 0, ty ? 1 : 0, 0).build())[0];
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.mmul(sd.var("x", x.dup()), sd.var("y", y.dup()), tx, ty, false);
        INDArray[] values = {x, y, Nd4j.create(DataType.FLOAT, byOp.shape())};
        PlanStep step = new PlanStep("matmul", sd.getVariableOutputOp(z.name()), PlanStep.Kind.CUSTOM, null,
                new int[] {0, 1}, new int[] {2}, false, false, false);
        StepKernel kernel = DenseKernels.matmul(step, new ArraySlots(values));
        assertNotNull(kernel, "a product of slices");
        kernel.run(values, step.inputs, step.outputs);
        assertTrue(RowKernels.sameBytes(byOp, values[2]), "the product of slices, transposes " + tx + ", " + ty);
    }

    @Test
    void productsDeclineWhatTheyDoNotHandle() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.randn(DataType.DOUBLE, 3, 4));
        SDVariable y = sd.var("y", Nd4j.randn(DataType.DOUBLE, 4, 5));
        SDVariable z = sd.mmul(x, y);
        INDArray[] values = {x.getArr(), y.getArr(), Nd4j.create(DataType.DOUBLE, 3, 5)};
        PlanStep step = new PlanStep("matmul", sd.getVariableOutputOp(z.name()), PlanStep.Kind.CUSTOM, null,
                new int[] {0, 1}, new int[] {2}, false, false, false);
        assertNull(DenseKernels.matmul(step, new ArraySlots(values)), "float64 stays with BLAS");
        DynamicCustomOp scaled = DynamicCustomOp.builder("matmul").addInputs(values[0], values[1])
                .addFloatingPointArguments(2.0, 0.0).build();
        PlanStep alpha = new PlanStep("matmul", scaled, PlanStep.Kind.CUSTOM, null, new int[] {0, 1}, new int[] {2},
                false, false, false);
        assertNull(DenseKernels.matmul(alpha, new ArraySlots(values)), "alpha 2 is not a plain product");
    }

    @Test
    void hitMacAttentionRunsBothKernelsAndKeepsTheSessionsBits() {
        assumeTrue(DenseLoops.get().vectorized(), "the kernels are used with the vector loops only");
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 5, 4);
        HitMacOutputs out = HitMacAttention.create(Scope.root(sd, 3, DataType.FLOAT), 4, 128, false).apply(x, null);
        out.z().rename("z");
        out.global().rename("global");
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.FLOAT, 6, 5, 4).subi(0.5).muli(4));
        PlannedGraph planned = PlannedGraph.forOutputs(sd, List.of("z", "global"));
        planned.run(feed);
        PlannedGraph.Result viaPlan = planned.run(feed);
        assertTrue(viaPlan.planned(), planned.fallbackReason().orElse(""));
        assertTrue(planned.kernelSteps("exp") >= 1, "exp runs in Java");
        assertTrue(planned.kernelSteps("matmul") >= 3, "the products run in Java: " + planned.kernelSteps("matmul"));
        Map<String, INDArray> session = sd.output(feed, "z", "global");
        for (String name : List.of("z", "global")) {
            assertTrue(RowKernels.sameBytes(session.get(name), viaPlan.outputs().get(name).dup()), name);
        }
    }
}
