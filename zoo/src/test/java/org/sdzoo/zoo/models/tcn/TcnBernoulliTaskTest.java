package org.sdzoo.zoo.models.tcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.task.Evaluator;
import org.sdzoo.zoo.task.MaskedBernoulliTask;
import org.sdzoo.zoo.testing.ModelHarness;

/** The per-step head with the frame-wise Bernoulli NLL of the TCN paper's music experiments. */
class TcnBernoulliTaskTest {

    private static ZooModel model() {
        return Tcn.create(TcnConfig.builder().inputChannels(3).channels(List.of(2)).kernelSize(2).dropout(0.0)
                .weightNorm(false).head(TcnHead.PER_STEP).outputs(3).seed(5).precision(Precision.FLOAT64).build());
    }

    private static MultiDataSet batch() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 4);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 4, 3).gt(0.5).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0}, {1, 1, 1, 1}});
        return new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null, new INDArray[] {mask});
    }

    @Test
    void lossIsTheFrameNllOverRealSteps() {
        ZooModel model = model();
        MultiDataSet batch = batch();
        INDArray z = model.predict(Map.of(Tcn.INPUT, batch.getFeatures(0))).get(Tcn.OUTPUT);
        double total = 0;
        double steps = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                if (batch.getLabelsMaskArray(0).getDouble(b, t) == 0) {
                    continue;
                }
                steps++;
                for (int k = 0; k < 3; k++) {
                    double p = 1 / (1 + Math.exp(-z.getDouble(b, t, k)));
                    double y = batch.getLabels(0).getDouble(b, t, k);
                    total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
                }
            }
        }
        double unmasked = Evaluator.evaluate(model, new MaskedBernoulliTask(3),
                DataIterators.fullBatch(batch.getFeatures(), batch.getLabels())).get("loss");
        assertTrue(Double.isFinite(unmasked) && Math.abs(unmasked - total / steps) > 1e-9,
                "without the mask the padded step counts, so the loss differs");
        ZooModel same = model();
        MaskedBernoulliTask task = new MaskedBernoulliTask(3);
        task.attachLoss(same);
        Map<String, INDArray> feed = new java.util.HashMap<>(same.placeholders(batch));
        feed.putAll(task.feed(same, batch));
        double graph = same.sameDiff().output(feed, "loss").get("loss").getDouble(0);
        assertEquals(total / steps, graph, 1e-12);
    }

    /**
     * Batches padded to a length multiple (the JSB example's, so that a plan per shape is reused)
     * must train exactly as unpadded ones: the model is causal and the mask drops padded steps.
     */
    @Test
    void paddingTheTimeAxisWithMaskedStepsChangesNeitherLossNorGradients() {
        MultiDataSet exact = batch();
        long extra = 3;
        INDArray x = Nd4j.concat(2, exact.getFeatures(0), Nd4j.zeros(DataType.DOUBLE, 2, 3, extra));
        INDArray y = Nd4j.concat(1, exact.getLabels(0), Nd4j.ones(DataType.DOUBLE, 2, extra, 3));
        INDArray mask = Nd4j.concat(1, exact.getLabelsMaskArray(0), Nd4j.zeros(DataType.DOUBLE, 2, extra));
        MultiDataSet padded = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null, new INDArray[] {mask});
        Map<String, INDArray> a = lossAndGradients(exact);
        Map<String, INDArray> b = lossAndGradients(padded);
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.size() > 2, "the loss and the parameters' gradients");
        for (String name : a.keySet()) {
            assertTrue(a.get(name).equalsWithEps(b.get(name), 1e-12), name + ": " + a.get(name) + " vs " + b.get(name));
        }
    }

    private static Map<String, INDArray> lossAndGradients(MultiDataSet batch) {
        ZooModel model = model();
        MaskedBernoulliTask task = new MaskedBernoulliTask(3);
        task.attachLoss(model);
        Map<String, INDArray> feed = new java.util.HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        List<String> parameters = model.sameDiff().variables().stream()
                .filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .map(org.nd4j.autodiff.samediff.SDVariable::name).toList();
        Map<String, INDArray> out = new java.util.TreeMap<>(model.sameDiff().calculateGradients(feed, parameters));
        out.put("loss", model.sameDiff().output(feed, "loss").get("loss"));
        return out;
    }

    @Test
    void passesTheStrictGradientCheck() {
        ModelHarness.gradientCheck(model(), new MaskedBernoulliTask(3), batch());
    }

    @Test
    void aHeadOfTheWrongWidthIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MaskedBernoulliTask(88).attachLoss(model()))
                .getMessage().contains("needs logits [B, T, 88]"));
    }
}
