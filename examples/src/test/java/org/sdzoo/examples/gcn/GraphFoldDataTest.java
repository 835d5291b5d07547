package org.sdzoo.examples.gcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sdzoo.datasets.graph.DenseFeatures;
import org.sdzoo.datasets.graph.GraphCollection;
import org.sdzoo.datasets.graph.GraphData;
import org.sdzoo.datasets.graph.StratifiedKFold;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.graph.Readout;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.gcn.GcnConfig;
import org.sdzoo.zoo.models.gcn.GcnGraphConfig;
import org.sdzoo.zoo.models.gcn.GraphClassifier;
import org.sdzoo.zoo.task.MaskedClassificationTask;
import org.sdzoo.zoo.task.Task;

/** Padded mini-batches of graphs: the real graphs' scores and the loss are the unpadded batch's; one shape for all. */
class GraphFoldDataTest {

    /** Paths and cycles of 3 to 7 nodes, labelled by whether they are cycles. */
    private static GraphCollection toy() {
        List<GraphData> graphs = new ArrayList<>();
        int[] labels = new int[12];
        for (int g = 0; g < 12; g++) {
            int n = 3 + g % 5;
            boolean cycle = g % 2 == 0;
            List<Integer> s = new ArrayList<>();
            List<Integer> t = new ArrayList<>();
            for (int i = 0; i < (cycle ? n : n - 1); i++) {
                s.add(i);
                t.add((i + 1) % n);
                s.add((i + 1) % n);
                t.add(i);
            }
            float[] x = new float[n * 2];
            for (int i = 0; i < n; i++) {
                x[2 * i] = 1;
                x[2 * i + 1] = i % 3;
            }
            graphs.add(GraphData.builder("g" + g, n).features(DenseFeatures.of(n, 2, x))
                    .edges(s.stream().mapToInt(Integer::intValue).toArray(), t.stream().mapToInt(Integer::intValue).toArray())
                    .build());
            labels[g] = cycle ? 1 : 0;
        }
        return new GraphCollection("toy", graphs, labels, new int[] {0, 1}, null);
    }

    private static GcnGraphConfig config(boolean batchNorm) {
        GcnConfig encoder = GcnConfig.builder().inputFeatures(2).hiddenSizes(List.of(4)).numClasses(4).dropout(0)
                .inputDropout(false).normalizeFeatures(false).precision(Precision.FLOAT64).build();
        return new GcnGraphConfig(encoder, Readout.SUM, 0, 2, true, batchNorm);
    }

    private static GraphFoldData fold(GcnGraphConfig config, int batchSize) {
        GraphCollection toy = toy();
        StratifiedKFold.Fold fold = StratifiedKFold.split(toy.labels(), 3, 0).get(0);
        return new GraphFoldData(toy, fold, config, 1, batchSize, 4, "toy", List.of());
    }

    @Test
    void paddingChangesNeitherTheRealGraphsScoresNorTheLoss() {
        GraphFoldData data = fold(config(false), 3);
        ZooModel model = GraphClassifier.create(data.config(), 5);
        MaskedClassificationTask task = new MaskedClassificationTask(2);
        task.attachLoss(model);
        int[] graphs = {data.fold().train()[0], data.fold().train()[2], data.fold().train()[5]};
        MultiDataSet padded = data.padded(graphs, 40, 90);
        MultiDataSet plain = data.padded(graphs, nodes(data, graphs) + 2, edges(data, graphs));
        INDArray a = scoresAndLoss(model, task, padded);
        INDArray b = scoresAndLoss(model, task, plain);
        assertTrue(a.equalsWithEps(b, 1e-12), a + " vs " + b);
        assertEquals(40, padded.getFeatures(0).size(0));
    }

    @Test
    void withBatchNormalisationTheNodeMaskKeepsThePaddingOutOfTheStatistics() {
        GraphFoldData data = fold(config(true), 3);
        ZooModel model = GraphClassifier.create(data.config(), 5);
        MaskedClassificationTask task = new MaskedClassificationTask(2);
        task.attachLoss(model);
        int[] graphs = {data.fold().train()[0], data.fold().train()[2], data.fold().train()[5]};
        MultiDataSet padded = data.padded(graphs, 40, 90);
        assertEquals(nodes(data, graphs), padded.getFeaturesMaskArray(0).sumNumber().intValue(), "real nodes");
        INDArray a = scoresAndLoss(model, task, padded, true);
        INDArray b = scoresAndLoss(model, task, data.batch(graphs), true);
        assertTrue(a.equalsWithEps(b, 1e-12), "padded " + a + " vs unpadded " + b);
        // without the mask the 17 padding nodes enter the statistics and change the scores
        MultiDataSet unmasked = new org.nd4j.linalg.dataset.MultiDataSet(padded.getFeatures(), padded.getLabels(), null,
                padded.getLabelsMaskArrays());
        INDArray c = scoresAndLoss(model, task, unmasked, true);
        assertTrue(!a.equalsWithEps(c, 1e-6), "the mask matters: " + a + " vs " + c);
    }

    /** The three graphs' logits {@code [3, 2]} flattened, then the loss. */
    private static INDArray scoresAndLoss(ZooModel model, Task task, MultiDataSet batch) {
        return scoresAndLoss(model, task, batch, false);
    }

    /** As above, in the training phase when {@code training} (batch statistics; the config has no dropout). */
    private static INDArray scoresAndLoss(ZooModel model, Task task, MultiDataSet batch, boolean training) {
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        feed.putAll(org.sdzoo.zoo.samediff.LearningPhase.feed(model.sameDiff(), training));
        Map<String, INDArray> out = model.sameDiff().output(feed, GraphClassifier.LOGITS, Task.LOSS);
        INDArray logits = out.get(GraphClassifier.LOGITS).get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).dup();
        return org.nd4j.linalg.factory.Nd4j.concat(0, logits.reshape(-1), out.get(Task.LOSS).reshape(1));
    }

    private static int nodes(GraphFoldData data, int[] graphs) {
        int n = 0;
        for (int g : graphs) {
            n += data.graphs().graph(g).numNodes();
        }
        return n;
    }

    private static int edges(GraphFoldData data, int[] graphs) {
        int e = 0;
        for (int g : graphs) {
            e += data.graphs().graph(g).numEdges();
        }
        return e;
    }

    @Test
    void everyBatchOfAnEpochHasOneShapeAndAFreshSample() {
        GraphFoldData data = fold(config(false), 3);
        MultiDataSetIterator batches = data.train(9);
        Set<String> shapes = new HashSet<>();
        int count = 0;
        while (batches.hasNext()) {
            MultiDataSet b = batches.next();
            shapes.add(java.util.Arrays.toString(b.getFeatures(0).shape()) + java.util.Arrays.toString(
                    b.getFeatures(1).shape()));
            assertArrayEquals(new long[] {4}, b.getLabels(0).shape(), "3 graphs and the padding graph");
            assertEquals(0.0, b.getLabelsMaskArray(0).getDouble(3));
            count++;
        }
        assertEquals(4, count, "iterations per epoch");
        assertEquals(1, shapes.size(), "one padded shape: " + shapes);
        assertEquals(null, b0(data).getFeaturesMaskArrays(), "no node mask without batch normalisation");
        assertEquals(b0(fold(config(true), 3)).getFeatures(0).size(0), b0(fold(config(true), 3)).getFeaturesMaskArray(0)
                .length(), "with it, a node mask of the padded length");
    }

    private static MultiDataSet b0(GraphFoldData data) {
        return data.train(1).next();
    }
}
