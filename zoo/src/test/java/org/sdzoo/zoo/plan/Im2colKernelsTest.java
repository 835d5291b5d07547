package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2col;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2colBp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.conv.TemporalConvNet;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.samediff.ArrayLayout;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The Java {@code im2col} and {@code im2col_bp} kernels give M2.1's ops' bits (kernel 3 and 4,
 * dilations 1 and 3, float32 and float64), decline the cases they do not handle, and in a TCN's
 * training plan (kernel 3, dilations 1 and 2, a downsample) the gradients stay the session's bit
 * for bit; the reshapes of {@code im2col}'s {@code [1, C, 1, K, B, T]} output are views.
 */
class Im2colKernelsTest {

    @Test
    void kernelsGiveTheOpsBits() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            kernels(type, 3, 1, new long[] {2, 3, 4, 13});
            kernels(type, 4, 3, new long[] {2, 3, 4, 13});
            // large enough to be split over the op threads by rows
            kernels(type, 3, 2, new long[] {4, 8, 1, 900});
        }
    }

    /** im2col and im2col_bp of an {@code [B, C, H, W]} image by the op and by the kernel. */
    private static void kernels(DataType type, int taps, int dilation, long[] shape) {
        Nd4j.getRandom().setSeed(taps);
        SameDiff sd = SameDiff.create();
        SDVariable image = sd.var("image", Nd4j.randn(type, shape));
        SDVariable grad = sd.var("grad", Nd4j.randn(type, shape[0], shape[1], 1, taps, shape[2],
                shape[3] - (taps - 1) * dilation));
        Conv2DConfig config = Conv2DConfig.builder().kH(1).kW(taps).sH(1).sW(1).pH(0).pW(0).dH(1).dW(dilation)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        Im2col forward = new Im2col(sd, image, config);
        Im2colBp backward = new Im2colBp(sd, image, grad, config);
        Map<String, INDArray> byOp = sd.output(Map.of(), forward.outputVariable().name(),
                backward.outputVariable().name());
        INDArray[] values = {image.getArr(), grad.getArr(), Nd4j.create(type, byOp.get(forward.outputVariable().name())
                .shape()), Nd4j.create(type, shape).addi(7)};
        StepRewrites.Slots slots = new ArraySlots(values);
        PlanStep im2col = new PlanStep("im2col", forward, PlanStep.Kind.CUSTOM, null, new int[] {0}, new int[] {2},
                false, false, false);
        PlanStep col2im = new PlanStep("im2col_bp", backward, PlanStep.Kind.CUSTOM, null, new int[] {0, 1},
                new int[] {3}, false, false, false);
        Im2colKernels.of(im2col, slots).run(values, im2col.inputs, im2col.outputs);
        Im2colKernels.of(col2im, slots).run(values, col2im.inputs, col2im.outputs);
        String what = type + ", kernel " + taps + ", dilation " + dilation;
        assertTrue(RowKernels.sameBytes(byOp.get(forward.outputVariable().name()), values[2]), "im2col, " + what);
        assertTrue(RowKernels.sameBytes(byOp.get(backward.outputVariable().name()), values[3]), "im2col_bp, " + what);

        Conv2DConfig strided = Conv2DConfig.builder().kH(1).kW(taps).sH(1).sW(2).pH(0).pW(0).dH(1).dW(dilation)
                .paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
        PlanStep other = new PlanStep("im2col", new Im2col(sd, image, strided), PlanStep.Kind.CUSTOM, null,
                new int[] {0}, new int[] {2}, false, false, false);
        assertNull(Im2colKernels.of(other, slots), "a stride of 2 is not the kernels' case");
    }

    @Test
    void tcnGradientsThroughThePlanEqualTheSession() {
        DataType type = DataType.FLOAT;
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", type, -1, 2, -1);
        TemporalConvNet net = TemporalConvNet.create(Scope.root(sd, 3, type), 2, List.of(3, 4), 3, 2, 0.0, true);
        Nd4j.getRandom().setSeed(5);
        INDArray probe = Nd4j.randn(type, 3, 4, 9);
        net.apply(x).mul(sd.constant(probe)).sum().rename("loss");
        sd.setLossVariables("loss");
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        List<String> params = sd.variables().stream().filter(v -> v.getVariableType()
                == org.nd4j.autodiff.samediff.VariableType.VARIABLE).map(SDVariable::name).toList();
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), params);
        Map<String, INDArray> feed = Map.of("x", Nd4j.randn(type, 3, 2, 9));
        planned.run(feed);
        PlannedGraph.Result viaPlan = planned.run(feed);
        assertTrue(viaPlan.planned(), planned.fallbackReason().orElse(""));
        assertTrue(planned.viewSteps() >= 4, "views " + planned.viewSteps());
        var session = sd.calculateGradientsAndOutputs(feed, List.of("loss"), params);
        for (String param : params) {
            assertArrayEquals(session.getGradients().get(param).castTo(DataType.DOUBLE).data().asDouble(),
                    viaPlan.gradients().get(param).castTo(DataType.DOUBLE).data().asDouble(), param);
        }
    }

    /** M2.1's {@code Shape.hasDefaultStridesForShape} says false for these; their reshapes are views. */
    @Test
    void sizeOneDimensionsKeepAnArrayContiguous() {
        assertTrue(ArrayLayout.cContiguous(Nd4j.create(DataType.FLOAT, 30, 2, 1)));
        assertTrue(ArrayLayout.cContiguous(Nd4j.create(DataType.FLOAT, 1, 3, 1, 7, 4, 5)));
        assertFalse(ArrayLayout.cContiguous(Nd4j.create(DataType.FLOAT, 3, 4).transpose()));
        assertFalse(ArrayLayout.cContiguous(Nd4j.create(DataType.FLOAT, 3, 4, 5).get(
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2),
                org.nd4j.linalg.indexing.NDArrayIndex.all())));
    }
}
