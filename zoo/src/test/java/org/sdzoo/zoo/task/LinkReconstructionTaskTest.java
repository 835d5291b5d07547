package org.sdzoo.zoo.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnInputs;
import org.sdzoo.zoo.models.gcn.GraphAutoencoder;

/** gae's weighted reconstruction loss on a 5-node graph: value by hand, strict gradients, bad input. */
class LinkReconstructionTaskTest {

    private static final int N = 5;

    private static GraphData ring() {
        int[] s = {0, 1, 1, 2, 2, 3, 3, 4, 4, 0};
        int[] t = {1, 0, 2, 1, 3, 2, 4, 3, 0, 4};
        INDArray x = Nd4j.rand(DataType.DOUBLE, N, 3);
        return GraphData.builder("ring", N).features(x).edges(s, t).build();
    }

    private static GcnConfig encoder() {
        return GcnConfig.builder().inputFeatures(3).hiddenSizes(List.of(4)).numClasses(2).dropout(0).bias(false)
                .normalizeFeatures(false).precision(Precision.FLOAT64).build();
    }

    private static INDArray targets() {
        INDArray y = Nd4j.eye(N).castTo(DataType.DOUBLE);
        for (int i = 0; i < N; i++) {
            y.putScalar(i, (i + 1) % N, 1);
            y.putScalar((i + 1) % N, i, 1);
        }
        return y;
    }

    @Test
    void gaesWeightsAndLossByHand() {
        LinkReconstructionTask task = LinkReconstructionTask.forAdjacency(N, 10);
        assertEquals(15.0 / 10, task.posWeight(), 1e-12);
        assertEquals(25.0 / 30, task.norm(), 1e-12);
        GraphData g = ring();
        ZooModel model = GraphAutoencoder.create(encoder(), 1);
        task.attachLoss(model);
        Map<String, INDArray> inputs = GcnInputs.of(g, encoder());
        INDArray y = targets();
        MultiDataSet batch = new MultiDataSet(inputs.values().toArray(INDArray[]::new), new INDArray[] {y});
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        Map<String, INDArray> out = model.sameDiff().output(feed, Task.LOSS, GraphAutoencoder.RECONSTRUCTION);
        double[] z = out.get(GraphAutoencoder.RECONSTRUCTION).dup('c').data().asDouble();
        double[] t = y.dup('c').data().asDouble();
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            sum += -(1.5 * t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p));
        }
        assertEquals(25.0 / 30 * sum / z.length, out.get(Task.LOSS).getDouble(0), 1e-10);

        GradientCheck.Result result = GradientCheck.check(model.sameDiff(), Task.LOSS, feed);
        assertTrue(result.passed(), result.toString());
        assertEquals(model.parameterCount(), result.checked());
    }

    /**
     * Without a pair mask every pair counts with weight 1, and every step is fed the same array of
     * ones (a new {@code [N, N]} one per step fragmented the process's heap on Cora); a given mask
     * is fed as given.
     */
    @Test
    void everyPairCountsWithoutAMaskFromOneKeptArray() {
        LinkReconstructionTask task = LinkReconstructionTask.forAdjacency(N, 10);
        ZooModel model = GraphAutoencoder.create(encoder(), 1);
        task.attachLoss(model);
        MultiDataSet batch = new MultiDataSet(new INDArray[0], new INDArray[] {targets()});
        INDArray first = task.feed(model, batch).get(LinkReconstructionTask.LABELS_MASK);
        assertEquals(Nd4j.ones(model.dataType(), N, N), first);
        assertSame(first, task.feed(model, batch).get(LinkReconstructionTask.LABELS_MASK));
        assertEquals(N * N, task.weight(batch), 0);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, N, N).putScalar(0, 1, 1).putScalar(2, 3, 1);
        MultiDataSet masked = new MultiDataSet(new INDArray[0], new INDArray[] {targets()}, null, new INDArray[] {mask});
        assertEquals(mask.castTo(model.dataType()), task.feed(model, masked).get(LinkReconstructionTask.LABELS_MASK));
        assertEquals(2, task.weight(masked), 0);
    }

    @Test
    void badInputIsOneSentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LinkReconstructionTask.forAdjacency(3, 0))
                .getMessage().contains("no positive or no negative pairs"));
        LinkReconstructionTask task = LinkReconstructionTask.forAdjacency(N, 10);
        MultiDataSet notSquare = new MultiDataSet(new INDArray[0], new INDArray[] {Nd4j.zeros(2, 3)});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> task.weight(notSquare)).getMessage()
                .contains("square 0/1 adjacency"));
        MultiDataSet badMask = new MultiDataSet(new INDArray[0], new INDArray[] {Nd4j.zeros(3, 3)}, null,
                new INDArray[] {Nd4j.ones(3, 2)});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> task.weight(badMask)).getMessage()
                .contains("one 0/1 entry per node pair"));
    }
}
