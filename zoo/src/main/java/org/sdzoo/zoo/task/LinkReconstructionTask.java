package org.sdzoo.zoo.task;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Require;
import org.sdzoo.zoo.metrics.MeanLoss;
import org.sdzoo.zoo.metrics.Metric;
import org.sdzoo.zoo.metrics.MetricBatch;
import org.sdzoo.zoo.metrics.RankingMetric;

/**
 * Link prediction as a graph autoencoder learns it (tkipf/gae's {@code OptimizerAE}): the model's
 * primary output is the logit of every node pair {@code [N, N]}, the targets are the 0/1
 * adjacency {@code [N, N]} (training: the training edges plus self loops), the labels mask
 * {@code [N, N]} says which pairs count (evaluation: held-out edges and sampled non-edges; none =
 * every pair). Or, for a model that scores given pairs ({@code LinkPredictor}), logits {@code [P]}
 * against 0/1 targets {@code [P]} (edges and sampled non-edges; {@link #forPairs}: weight 1). Loss: {@code norm · mean(weighted BCE)} over the counted pairs, the positives
 * weighted by {@code posWeight}, in the stable form {@code q·y·softplus(−z) + (1−y)·softplus(z)}
 * (TensorFlow's {@code weighted_cross_entropy_with_logits}). Metrics: {@code loss},
 * {@code roc_auc}, {@code average_precision} over the counted pairs.
 */
public final class LinkReconstructionTask implements Task {

    /** Target placeholder, {@code [N, N]} 0/1. */
    public static final String LABELS = "adjacency_labels";
    /** Pair-mask placeholder, {@code [N, N]}. */
    public static final String LABELS_MASK = "adjacency_mask";

    private final double posWeight;
    private final double norm;
    /** the mask fed when every pair counts, reused while the shape and type stay */
    private INDArray allPairs;

    /**
     * @param posWeight the weight of a positive pair, gae's {@code (N² − E) / E}
     * @param norm      the loss's scale, gae's {@code N² / (2 (N² − E))}
     */
    public LinkReconstructionTask(double posWeight, double norm) {
        this.posWeight = Require.positive("posWeight", posWeight);
        this.norm = Require.positive("norm", norm);
    }

    /**
     * gae's weights for a training adjacency.
     *
     * @param numNodes N
     * @param entries  E, the nonzero entries of the training adjacency without self loops (both
     *                 directions of an undirected edge count)
     * @throws IllegalArgumentException if there are no entries or as many as pairs
     */
    public static LinkReconstructionTask forAdjacency(int numNodes, long entries) {
        double pairs = (double) numNodes * numNodes;
        if (entries < 1 || entries >= pairs) {
            throw new IllegalArgumentException("a graph of " + numNodes + " nodes with " + entries
                    + " adjacency entries has no positive or no negative pairs to learn from: give a graph with edges"
                    + " and non-edges");
        }
        return new LinkReconstructionTask((pairs - entries) / entries, pairs / (2 * (pairs - entries)));
    }

    /** Plain binary cross-entropy over scored pairs {@code [P]} (PyG's {@code link_pred.py}): weight and scale 1. */
    public static LinkReconstructionTask forPairs() {
        return new LinkReconstructionTask(1, 1);
    }

    /** @return the weight of a positive pair */
    public double posWeight() {
        return posWeight;
    }

    /** @return the loss's scale */
    public double norm() {
        return norm;
    }

    @Override
    public String name() {
        return "link-reconstruction";
    }

    @Override
    public List<String> labelNames() {
        return List.of(LABELS);
    }

    @Override
    public List<String> maskNames() {
        return List.of(LABELS_MASK);
    }

    @Override
    public String defaultMonitor() {
        return RankingMetric.ROC_AUC;
    }

    @Override
    public void attachLoss(ZooModel model) {
        SameDiff sd = model.sameDiff();
        if (Task.alreadyAttached(sd, LABELS_MASK, name())) {
            return;
        }
        long[] shape = model.outputs().get(0).shape();
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException("link prediction needs pair logits [N, N] or [P] but the model's '"
                    + model.outputs().get(0).name() + "' is " + Arrays.toString(shape)
                    + ": use a graph autoencoder or a link predictor");
        }
        long[] free = shape.length == 1 ? new long[] {-1} : new long[] {-1, -1};
        SDVariable y = sd.placeHolder(LABELS, model.dataType(), free);
        SDVariable mask = sd.placeHolder(LABELS_MASK, model.dataType(), free);
        SDVariable z = model.primaryOutput();                                              // [N, N] or [P]
        SDVariable logTerm = sd.math.log(sd.math.exp(sd.math.abs(z).neg()).add(1.0));      // [N, N]
        SDVariable softplusPos = sd.nn.relu(z, 0).add(logTerm);                            // softplus(z)
        SDVariable softplusNeg = sd.nn.relu(z.neg(), 0).add(logTerm);                      // softplus(-z)
        SDVariable bce = y.mul(posWeight).mul(softplusNeg).add(y.rsub(1.0).mul(softplusPos));
        bce.mul(mask).sum().div(mask.sum()).mul(LOSS, norm);
        sd.setLossVariables(LOSS);
    }

    /**
     * Without a pair mask every pair counts: the mask fed is one array of ones per shape and type,
     * kept, not a new {@code [N, N]} array per step (Cora's is 29 MB: a new one each step left the
     * process's malloc heap fragmented, growing by about that much a step).
     */
    @Override
    public Map<String, INDArray> feed(ZooModel model, MultiDataSet batch) {
        INDArray y = targets(batch);
        INDArray given = Task.singleLabelsMask(batch);
        INDArray mask = given == null ? allPairs(y.shape(), model.dataType()) : mask(batch, y).castTo(model.dataType());
        return Map.of(LABELS, y.castTo(model.dataType()), LABELS_MASK, mask);
    }

    private synchronized INDArray allPairs(long[] shape, DataType type) {
        if (allPairs == null || allPairs.dataType() != type || !Arrays.equals(allPairs.shape(), shape)) {
            allPairs = Nd4j.ones(type, shape);
        }
        return allPairs;
    }

    @Override
    public double weight(MultiDataSet batch) {
        INDArray y = targets(batch);
        if (Task.singleLabelsMask(batch) == null) {
            return y.length();
        }
        return mask(batch, y).castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    @Override
    public List<Metric> newMetrics() {
        return List.of(new MeanLoss(LOSS), RankingMetric.rocAuc(), RankingMetric.averagePrecision());
    }

    @Override
    public MetricBatch metricBatch(MultiDataSet batch, INDArray prediction, double loss) {
        INDArray y = targets(batch);
        return new MetricBatch(prediction, y, mask(batch, y), loss, weight(batch));
    }

    private INDArray targets(MultiDataSet batch) {
        INDArray y = Task.singleLabels(batch, name(), "a 0/1 adjacency [N, N] or 0/1 pair targets [P]");
        if (y.rank() != 1 && (y.rank() != 2 || y.size(0) != y.size(1))) {
            throw new IllegalArgumentException("the link targets have shape " + Arrays.toString(y.shape())
                    + " but a square 0/1 adjacency [N, N] or one 0/1 target per pair [P] was expected");
        }
        return y;
    }

    private static INDArray mask(MultiDataSet batch, INDArray y) {
        INDArray mask = Task.singleLabelsMask(batch);
        if (mask == null) {
            return Nd4j.ones(DataType.DOUBLE, y.shape());
        }
        if (!Arrays.equals(mask.shape(), y.shape())) {
            throw new IllegalArgumentException("the pair mask has shape " + Arrays.toString(mask.shape())
                    + " but the targets have " + Arrays.toString(y.shape()) + ": give one 0/1 entry per node pair");
        }
        return mask;
    }
}
