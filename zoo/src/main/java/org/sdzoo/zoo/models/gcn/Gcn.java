package org.sdzoo.zoo.models.gcn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.graph.FeatureMatrix;
import org.sdzoo.zoo.blocks.graph.GraphConv;
import org.sdzoo.zoo.blocks.graph.Propagation;
import org.sdzoo.zoo.blocks.nn.BatchNorm;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * Builds graph convolutional networks from a {@link GcnConfig}.
 *
 * <p><b>Inputs</b> (a graph of N nodes, E edges): dense features {@value #FEATURES} {@code [N, F]},
 * or with {@code sparseFeatures} the CSR arrays {@value #FEATURE_INDPTR} {@code [N+1]},
 * {@value #FEATURE_INDICES} {@code [nnz]} and {@value #FEATURE_VALUES} {@code [nnz]}; then
 * {@value #EDGES} {@code [E, 2]} integer (source, target) pairs (an undirected graph lists both
 * directions: PyG's {@code edge_index} transposed) and optionally {@value #EDGE_WEIGHT} {@code [E]}.
 * <b>Outputs</b>: {@value #LOGITS} {@code [N, C]} and {@value #LOG_PROBABILITIES} {@code [N, C]}.
 *
 * <p><b>What runs where.</b> Self loops, normalisation and feature row-normalisation do not depend
 * on parameters, so they run in Java ({@link GraphFeed}, through {@code GcnNorm}) when the inputs
 * are fed, and the graph receives the result: {@code P [N, N]} for the dense form, or per-edge
 * sources, targets and coefficients for the edge list. Both stay out of the gradient, nothing is
 * stored in the graph, so one model runs on any graph (Cora, karate, each graph of a batch), and
 * the result is cached for the last edge list, so full-batch training pays for it once. The
 * graph holds only the layers: dropout, {@link GraphConv}, activation, log-softmax.
 *
 * <p>Parameters are {@code gc1.weight [F, h1]}, {@code gc1.bias [h1]}, {@code gc2.…}: pygcn's
 * state_dict names ({@link Scope}), so the pygcn import maps each name to itself.
 */
public final class Gcn {

    /** Input: dense node features {@code [N, F]}. */
    public static final String FEATURES = "features";
    /** Input (sparse features): CSR row pointers {@code [N+1]}, integers. */
    public static final String FEATURE_INDPTR = "feature_indptr";
    /** Input (sparse features): the column of each nonzero {@code [nnz]}, integers. */
    public static final String FEATURE_INDICES = "feature_indices";
    /** Input (sparse features): the nonzeros {@code [nnz]}. */
    public static final String FEATURE_VALUES = "feature_values";
    /** Input: {@code [E, 2]} integer (source, target) pairs. */
    public static final String EDGES = "edges";
    /** Optional input: {@code [E]} edge weights (default 1). */
    public static final String EDGE_WEIGHT = "edge_weight";
    /**
     * Optional input of a model with batch normalisation: {@code [N]}, 1 for a node whose states
     * enter the batch statistics, 0 for a padding node; named as the features' mask, so a
     * {@code MultiDataSet}'s features mask arrives here.
     */
    public static final String NODE_MASK = FEATURES + ZooModel.MASK_SUFFIX;
    /** Output: unnormalised class scores {@code [N, C]}. */
    public static final String LOGITS = "logits";
    /** Output: {@code log_softmax(logits)} {@code [N, C]}, what pygcn returns. */
    public static final String LOG_PROBABILITIES = "log_probabilities";

    /**
     * Not an output but a named graph variable: the last hidden layer after its activation
     * {@code [N, D]}, the nodes' learned embedding; read it with {@link #embedding}.
     */
    public static final String EMBEDDING = "embedding";

    /** Graph placeholder: the row of each nonzero feature {@code [nnz]} INT32, from the CSR row pointers. */
    static final String FEATURE_ROWS = "feature_rows";
    /** Graph placeholder: N, an INT32 scalar, the segment count of the segment sums. */
    static final String NUM_NODES = "num_nodes";
    /** Graph placeholder (dense form): {@code P [N, N]}. */
    static final String ADJACENCY = "adjacency";
    /** Graph placeholder (edge list): the source of each edge after self loops {@code [E']} INT32. */
    static final String EDGE_SOURCE = "edge_source";
    /** Graph placeholder (edge list): the target of each edge {@code [E']} INT32. */
    static final String EDGE_TARGET = "edge_target";
    /** Graph placeholder (edge list): the normalised coefficient of each edge {@code [E']}. */
    static final String EDGE_COEFFICIENT = "edge_coefficient";

    /** The scope of the batch normalisations ({@code batch_norms.0}, …), as the GIN code names them. */
    static final String BATCH_NORMS = "batch_norms";

    private Gcn() {
    }

    /** @return the name scope of layer {@code index} (0-based): {@code gc1}, {@code gc2}, … as pygcn */
    public static String layerName(int index) {
        return "gc" + (index + 1);
    }

    /**
     * @param index  a hidden layer, 0 .. layers-2
     * @param layers the GCN's layers, hidden and output
     * @return the graph variable of that hidden layer's activated output {@code [N, D]}: {@value #EMBEDDING}
     *         for the last hidden layer, {@code gcK.output} (K = index + 1) for the others
     */
    public static String hiddenName(int index, int layers) {
        return index == layers - 2 ? EMBEDDING : layerName(index) + ".output";
    }

    /** @return the name of layer {@code index}'s weight {@code [in, out]} (0-based): {@code gc1.weight}, … */
    public static String weightName(int index) {
        return layerName(index) + "." + GraphConv.WEIGHT;
    }

    /** @return the name of layer {@code index}'s bias {@code [out]} (0-based): {@code gc1.bias}, … */
    public static String biasName(int index) {
        return layerName(index) + "." + GraphConv.BIAS;
    }

    /**
     * Builds a GCN with Kipf's initialisation (Glorot-uniform weights, zero biases).
     *
     * @param seed the seed of the initial weights (each parameter draws from the seed and its name)
     * @return the model; its primary output is {@value #LOGITS}
     */
    public static ZooModel create(GcnConfig config, long seed) {
        return create(config, seed, false);
    }

    /**
     * As {@link #create(GcnConfig, long)}, with {@code batchNorm} a {@link BatchNorm} after every
     * layer's convolution (before its activation), as the GIN paper's GCN baseline; its parameters
     * are {@code batch_norms.K.weight}, {@code .bias} (K = 0 … layers-1, GIN's names). Such a model
     * takes the optional input {@value #NODE_MASK} {@code [N]} (1 for a node of the batch, 0 for
     * padding; a features mask of a {@code MultiDataSet}), whose default of ones its caller feeds.
     */
    static ZooModel create(GcnConfig config, long seed, boolean batchNorm) {
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        boolean edgeList = config.propagation() == PropagationForm.EDGE_LIST;
        SDVariable numNodes = edgeList || config.sparseFeatures() ? sd.placeHolder(NUM_NODES, DataType.INT32) : null;
        FeatureMatrix x = config.sparseFeatures()
                ? new FeatureMatrix.Sparse(sd.placeHolder(FEATURE_ROWS, DataType.INT32, -1),
                        sd.placeHolder(FEATURE_INDICES, DataType.INT32, -1), sd.placeHolder(FEATURE_VALUES, type, -1), numNodes)
                : new FeatureMatrix.Dense(sd.placeHolder(FEATURES, type, -1, config.inputFeatures()));
        Propagation propagation = edgeList
                ? new Propagation.Edges(sd.placeHolder(EDGE_SOURCE, DataType.INT32, -1),
                        sd.placeHolder(EDGE_TARGET, DataType.INT32, -1), sd.placeHolder(EDGE_COEFFICIENT, type, -1), numNodes)
                : new Propagation.Dense(sd.placeHolder(ADJACENCY, type, -1, -1));

        // [N, 1]: which nodes enter the batch statistics (padding nodes do not)
        SDVariable nodeMask = batchNorm ? sd.placeHolder(NODE_MASK, type, -1).reshape(-1, 1) : null;
        Scope root = Scope.root(sd, seed, type);
        List<Integer> sizes = config.layerSizes();
        int in = config.inputFeatures();
        SDVariable h = null;
        for (int i = 0; i < sizes.size(); i++) {
            FeatureMatrix layerInput = i == 0 ? x : new FeatureMatrix.Dense(h);
            double p = i == 0 && !config.inputDropout() ? 0 : config.dropout();
            GraphConv.Outputs layer = GraphConv.apply(root.child(layerName(i)), layerInput.dropout(sd, p), propagation,
                    in, sizes.get(i), config.bias());
            SDVariable convolved = batchNorm
                    ? BatchNorm.create(root.child(BATCH_NORMS).child(i), sizes.get(i)).apply(layer.output(), nodeMask)
                    : layer.output();                                            // [N, D]
            h = i < sizes.size() - 1 ? config.activation().apply(convolved) : convolved;
            if (i < sizes.size() - 1) {
                h = h.rename(hiddenName(i, sizes.size()));               // [N, D]
            }
            in = sizes.get(i);
        }
        SDVariable logits = sd.identity(LOGITS, h);                      // [N, C]
        sd.nn.logSoftmax(LOG_PROBABILITIES, logits);                     // [N, C]

        int c = config.numClasses();
        List<TensorSpec> optional = new ArrayList<>(List.of(new TensorSpec(EDGE_WEIGHT, "[E]", -1)));
        if (batchNorm) {
            optional.add(new TensorSpec(NODE_MASK, "[N]", -1));
        }
        return new ZooModel(config, sd, inputs(config), optional,
                List.of(new TensorSpec(LOGITS, "[N, C]", -1, c), new TensorSpec(LOG_PROBABILITIES, "[N, C]", -1, c)),
                new GraphFeed(config));
    }

    /**
     * Runs the model up to its last hidden layer, without dropout.
     *
     * @param model  a GCN with at least one hidden layer
     * @param inputs the model's inputs by name, as for {@link ZooModel#predict(Map)}
     * @return the embedding {@value #EMBEDDING} {@code [N, D]}, D the last hidden size
     * @throws IllegalArgumentException if the model has no hidden layer
     */
    public static INDArray embedding(ZooModel model, Map<String, INDArray> inputs) {
        if (!(model.config() instanceof GcnConfig c) || c.hiddenSizes().isEmpty()) {
            throw new IllegalArgumentException("the model has no hidden graph convolution, so no node embedding:"
                    + " give it at least one hidden size");
        }
        return model.sameDiff().output(model.placeholders(inputs), EMBEDDING).get(EMBEDDING);
    }

    /** @return the required inputs of a model with this config, in {@code MultiDataSet} feature order */
    public static List<TensorSpec> inputs(GcnConfig config) {
        List<TensorSpec> specs = new ArrayList<>();
        if (config.sparseFeatures()) {
            specs.add(new TensorSpec(FEATURE_INDPTR, "[N+1]", -1));
            specs.add(new TensorSpec(FEATURE_INDICES, "[nnz]", -1));
            specs.add(new TensorSpec(FEATURE_VALUES, "[nnz]", -1));
        } else {
            specs.add(new TensorSpec(FEATURES, "[N, F]", -1, config.inputFeatures()));
        }
        specs.add(new TensorSpec(EDGES, "[E, 2]", -1, 2));
        return specs;
    }
}
