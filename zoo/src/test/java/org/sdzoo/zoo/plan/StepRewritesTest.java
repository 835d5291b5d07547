package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.samediff.OpThreads;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The plan's rewrites of {@code softmax_bp}, {@code multiply_bp} (broadcast and same-shape),
 * {@code add_bp} and {@code subtract_bp} apply, and the gradients stay those of SameDiff's
 * session bit for bit, in float32 and float64, for a gain and a bias broadcast from the right
 * ({@code [F]}) and a column ({@code [B, 1]}).
 */
class StepRewritesTest {

    @Test
    void float32() {
        check(DataType.FLOAT);
    }

    @Test
    void float64() {
        check(DataType.DOUBLE);
    }

    private static void check(DataType type) {
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", type, -1, 5);
        SDVariable gain = sd.var("gain", Nd4j.rand(type, 5));
        SDVariable scale = sd.var("scale", Nd4j.rand(type, 1));
        SDVariable bias = sd.var("bias", Nd4j.rand(type, 5));
        SDVariable w = sd.var("w", Nd4j.rand(type, 5, 5));
        SDVariable h = x.mul(gain).add(bias).mmul(w).mul(scale);
        SDVariable p = sd.nn.softmax(h, 1);
        SDVariable column = p.sum(true, 1);                                  // [B, 1]
        SDVariable loss = sd.math.square(p.mul(column).sub(column)).mul(p).sum().rename("loss");
        sd.setLossVariables(loss.name());
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        List<String> params = List.of("gain", "bias", "scale", "w");
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), params);
        Map<String, INDArray> feed = Map.of("x", Nd4j.rand(type, 4, 5));
        planned.run(feed);
        int threads = OpThreads.ompThreads();
        PlannedGraph.Result viaPlan = planned.run(feed);
        assertEquals(threads, OpThreads.ompThreads(), "a small plan runs on one op thread and restores the count");
        assertTrue(viaPlan.planned(), planned.fallbackReason().orElse(""));
        // softmax_bp; multiply_bp for gain, scale, the column and the last (same-shape) product;
        // add_bp for the bias; subtract_bp for the column; square's _powderivative; in float32 with
        // the vector loops, the forward product and softmax too (DenseKernels)
        int dense = type == DataType.FLOAT && DenseLoops.get().vectorized() ? 1 : 0;
        assertEquals(8 + 2 * dense, planned.rewrittenOps());
        assertEquals(dense, planned.kernelSteps("matmul"));
        assertEquals(dense, planned.kernelSteps("softmax"));
        var session = sd.calculateGradientsAndOutputs(feed, List.of("loss"), params);
        for (String param : params) {
            assertArrayEquals(session.getGradients().get(param).castTo(DataType.DOUBLE).data().asDouble(),
                    viaPlan.gradients().get(param).castTo(DataType.DOUBLE).data().asDouble(), param);
        }
    }
}
