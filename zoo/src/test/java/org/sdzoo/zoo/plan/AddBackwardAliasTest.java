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
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * A residual connection's and a bias's {@code add_bp} pass the incoming gradient on as the same
 * array under another name, not a copy, where the plan does not return it: the gradients through
 * the plan stay the session's bit for bit over several runs with new inputs (the aliased array is
 * kept alive while its other name is read), and a returned gradient still gets its own array.
 */
class AddBackwardAliasTest {

    @Test
    void residualAndBiasGradientsAreTheIncomingArray() {
        Nd4j.getRandom().setSeed(9);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 16);
        SDVariable w1 = sd.var("w1", Nd4j.rand(DataType.FLOAT, 16, 16).subi(0.5));
        SDVariable b1 = sd.var("b1", Nd4j.rand(DataType.FLOAT, 16).subi(0.5));
        SDVariable w2 = sd.var("w2", Nd4j.rand(DataType.FLOAT, 16, 16).subi(0.5));
        SDVariable h = sd.nn.tanh(x.mmul(w1).add(b1));                      // bias add: [B, 16] + [16]
        SDVariable r = h.add(sd.nn.tanh(h.mmul(w2)));                          // residual: same shapes
        SDVariable r2 = r.add(sd.nn.tanh(r.mmul(w2)));
        SDVariable loss = r2.mul(r2).sum().rename("loss");
        sd.setLossVariables(loss.name());
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        List<String> params = List.of("w1", "b1", "w2");
        PlannedGraph planned = PlannedGraph.forGradients(sd, List.of("loss"), params);
        for (int run = 0; run < 4; run++) {
            Map<String, INDArray> feed = Map.of("x", Nd4j.rand(DataType.FLOAT, 32, 16).subi(0.5));
            PlannedGraph.Result viaPlan = planned.run(feed);
            var session = sd.calculateGradientsAndOutputs(feed, List.of("loss"), params);
            assertEquals(session.getOutputs().get("loss").getFloat(0), viaPlan.outputs().get("loss").getFloat(0), 0f,
                    "loss, run " + run);
            for (String p : params) {
                assertArrayEquals(session.getGradients().get(p).dup().data().asFloat(),
                        viaPlan.gradients().get(p).dup().data().asFloat(), p + ", run " + run);
            }
            assertEquals(run > 0, viaPlan.planned(), "planned from the second run");
        }
        assertTrue(planned.aliasSteps("add_bp") >= 3, "the residuals' and the bias's add_bp alias the gradient: "
                + planned.aliasSteps("add_bp"));
        assertTrue(planned.kernelSteps("add_bp") >= 1, "the bias gradient (a vector flagged 'f') is summed in Java");
    }
}
