package org.sdzoo.zoo.models.gcn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * Graph classification with a GCN ({@link GcnGraphConfig}): the graphs of a batch as one
 * block-diagonal graph ({@code GraphBatch}), GCN layers over it, ReLU, a readout per graph
 * ({@code Readout}: segment sum, mean or max over the graph's nodes), dropout and a linear layer.
 *
 * <p>Inputs: as {@link Gcn}, then {@value #GRAPH_INDEX} {@code [N]} the graph (0 .. G-1) of each
 * node; with batch normalisation, the optional {@value Gcn#NODE_MASK} {@code [N]} (1 = real node,
 * 0 = padding; default every node) keeps padding nodes out of the batch statistics. Output:
 * {@value #LOGITS} {@code [G, C]}. Parameters: the GCN's {@code gc1/…} and
 * {@code classifier.weight [C, D]}, {@code classifier.bias [C]}; with
 * {@link GcnGraphConfig#layerReadouts()} one linear layer per layer instead, {@code classifier.0.*}
 * (the input features, {@code [C, F]}) to {@code classifier.L.*} (the last GCN layer).
 */
public final class GraphClassifier {

    /** Input: the graph of each node {@code [N]}, integers 0 .. G-1. */
    public static final String GRAPH_INDEX = "graph_index";
    /** Output: class scores per graph {@code [G, C]}. */
    public static final String LOGITS = "graph_logits";

    static final String GRAPH_IDS = "graph_ids";
    static final String CLASSIFIER = "classifier";
    static final String NUM_GRAPHS = "num_graphs";

    private GraphClassifier() {
    }

    /** @return the classifier with Glorot GCN weights and PyTorch's Linear initialisation, from {@code seed} */
    public static ZooModel create(GcnGraphConfig config, long seed) {
        GcnConfig encoder = config.encoder();
        ZooModel gcn = Gcn.create(encoder, seed, config.batchNorm());
        SameDiff sd = gcn.sameDiff();
        DataType type = encoder.precision().dataType();
        SDVariable h = encoder.activation().apply(sd.getVariable(Gcn.LOGITS));             // [N, D]
        SDVariable ids = sd.placeHolder(GRAPH_IDS, DataType.INT32, -1);
        SDVariable numGraphs = sd.placeHolder(NUM_GRAPHS, DataType.INT32);
        Scope classifier = Scope.root(sd, seed, type).child(CLASSIFIER);
        if (config.layerReadouts()) {
            sd.identity(LOGITS, layerScores(sd, config, classifier, h, ids, numGraphs));   // [G, C]
        } else {
            SDVariable pooled = config.readout().apply(sd, h, ids, numGraphs);            // [G, D]
            Linear head = Linear.create(classifier, encoder.numClasses(), config.numClasses(), true);
            sd.identity(LOGITS, head.apply(Dropout.apply(sd, pooled, config.dropout())));  // [G, C]
        }
        List<TensorSpec> inputs = new ArrayList<>(gcn.inputs());
        inputs.add(new TensorSpec(GRAPH_INDEX, "[N]", -1));
        GraphFeed graphFeed = new GraphFeed(encoder);
        return new ZooModel(config, sd, inputs, gcn.optionalInputs(),
                List.of(new TensorSpec(LOGITS, "[G, C]", -1, config.numClasses())), given -> {
                    Map<String, INDArray> feed = graphFeed.apply(given);
                    int[] graphOf = GraphFeed.ids(given.get(GRAPH_INDEX), GRAPH_INDEX);
                    int graphs = 0;
                    for (int g : graphOf) {
                        if (g < 0) {
                            throw new IllegalArgumentException("'" + GRAPH_INDEX + "' holds graph " + g
                                    + ": number the graphs 0 .. G-1");
                        }
                        graphs = Math.max(graphs, g + 1);
                    }
                    if (graphOf.length != feedNodes(feed, given)) {
                        throw new IllegalArgumentException("'" + GRAPH_INDEX + "' has " + graphOf.length
                                + " entries but the graph has " + feedNodes(feed, given) + " nodes: give one graph id per node");
                    }
                    if (config.batchNorm()) {
                        feed.put(Gcn.NODE_MASK, nodeMask(given.get(Gcn.NODE_MASK), graphOf.length, type));
                    }
                    feed.put(GRAPH_IDS, Nd4j.createFromArray(graphOf));
                    feed.put(NUM_GRAPHS, Nd4j.scalar(graphs));
                    return feed;
                });
    }

    /**
     * The GIN paper's sum over layers of {@code dropout(Linear_k(readout(H_k)))}, H_0 the input
     * features {@code [N, F]} and H_k the k-th GCN layer's activated output {@code [N, D_k]}; the
     * linear layers are {@code classifier.0} … {@code classifier.L}.
     *
     * @return the summed scores {@code [G, C]}
     */
    private static SDVariable layerScores(SameDiff sd, GcnGraphConfig config, Scope classifier, SDVariable last,
                                          SDVariable ids, SDVariable numGraphs) {
        GcnConfig encoder = config.encoder();
        List<Integer> sizes = encoder.layerSizes();
        List<SDVariable> states = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        states.add(sd.getVariable(Gcn.FEATURES));
        widths.add(encoder.inputFeatures());
        for (int i = 0; i < sizes.size(); i++) {
            states.add(i < sizes.size() - 1 ? sd.getVariable(Gcn.hiddenName(i, sizes.size())) : last);
            widths.add(sizes.get(i));
        }
        SDVariable scores = null;
        for (int k = 0; k < states.size(); k++) {
            SDVariable pooled = config.readout().apply(sd, states.get(k), ids, numGraphs);   // [G, D_k]
            Linear head = Linear.create(classifier.child(k), widths.get(k), config.numClasses(), true);
            SDVariable score = Dropout.apply(sd, head.apply(pooled), config.dropout());     // [G, C]
            scores = scores == null ? score : scores.add(score);
        }
        return scores;
    }

    /**
     * @param given the caller's node mask {@code [N]} (or {@code [N, 1]}), or null for every node
     * @return the mask {@code [N]} of zeros and ones, with at least one 1
     */
    private static INDArray nodeMask(INDArray given, int nodes, DataType type) {
        if (given == null) {
            return Nd4j.ones(type, nodes);
        }
        if (given.length() != nodes) {
            throw new IllegalArgumentException("'" + Gcn.NODE_MASK + "' has " + given.length() + " entries but the graph has "
                    + nodes + " nodes: give one 0 or 1 per node (1 = a real node, 0 = padding)");
        }
        double[] values = given.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double real = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0 && values[i] != 1) {
                throw new IllegalArgumentException("'" + Gcn.NODE_MASK + "' holds " + values[i] + " at node " + i
                        + ": use 1 for a real node and 0 for padding");
            }
            real += values[i];
        }
        if (real == 0) {
            throw new IllegalArgumentException("'" + Gcn.NODE_MASK + "' masks every node, so batch normalisation has no"
                    + " statistics: mark the real nodes with 1");
        }
        return Nd4j.createFromArray(values).castTo(type);
    }

    static long feedNodes(Map<String, INDArray> feed, Map<String, INDArray> given) {
        return feed.containsKey(Gcn.NUM_NODES) ? feed.get(Gcn.NUM_NODES).getLong(0) : given.get(Gcn.FEATURES).size(0);
    }
}
