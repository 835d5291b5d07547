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
import org.sdzoo.zoo.blocks.graph.DotProductDecoder;
import org.sdzoo.zoo.blocks.graph.MlpLinkDecoder;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * Link prediction with a GCN encoder and a pair decoder (PyG's {@code link_pred.py}, Kipf and
 * Welling's GAE scored on sampled pairs): the encoder runs on the graph whose edges may propagate
 * (the training edges), and only the asked pairs are scored, so training can sample fresh
 * negatives each epoch and a graph of any size costs {@code O(P)} for the decoder, never
 * {@code N × N}.
 *
 * <p>Inputs: as {@link Gcn}, then {@value #PAIRS} {@code [P, 2]} integer (source, target) node
 * pairs. Outputs: {@value #PAIR_LOGITS} {@code [P]} (the primary output; {@code sigmoid} gives
 * the probability of an edge), {@value #EMBEDDINGS} {@code [N, D]}. Parameters: the encoder's as
 * {@link Gcn}, the MLP decoder's {@code decoder.lin1.*}, {@code decoder.lin2.*}.
 */
public final class LinkPredictor {

    /** Input: the node pairs to score {@code [P, 2]}. */
    public static final String PAIRS = "pairs";
    /** Output: the logit of an edge for each pair {@code [P]}. */
    public static final String PAIR_LOGITS = "pair_logits";
    /** Output: the node embeddings {@code [N, D]}. */
    public static final String EMBEDDINGS = "embeddings";
    /** Graph placeholder: the pairs as INT32 {@code [P, 2]}. */
    static final String PAIR_IDS = "pair_ids";

    private LinkPredictor() {
    }

    /** @return the predictor with Glorot GCN weights and PyTorch's Linear initialisation, from {@code seed} */
    public static ZooModel create(GcnLinkConfig config, long seed) {
        GcnConfig encoder = config.encoder();
        ZooModel gcn = Gcn.create(encoder, seed);
        SameDiff sd = gcn.sameDiff();
        SDVariable z = sd.identity(EMBEDDINGS, sd.getVariable(Gcn.LOGITS));                  // [N, D]
        SDVariable pairs = sd.placeHolder(PAIR_IDS, DataType.INT32, -1, 2);
        SDVariable logits = config.decoder() == LinkDecoder.DOT ? DotProductDecoder.apply(sd, z, pairs)
                : MlpLinkDecoder.create(Scope.root(sd, seed, encoder.precision().dataType()).child("decoder"),
                        encoder.numClasses(), config.decoderHidden()).apply(sd, z, pairs);
        sd.identity(PAIR_LOGITS, logits);                                                    // [P]
        List<TensorSpec> inputs = new ArrayList<>(gcn.inputs());
        inputs.add(new TensorSpec(PAIRS, "[P, 2]", -1, 2));
        GraphFeed graphFeed = new GraphFeed(encoder);
        return new ZooModel(config, sd, inputs, gcn.optionalInputs(),
                List.of(new TensorSpec(PAIR_LOGITS, "[P]", -1), new TensorSpec(EMBEDDINGS, "[N, D]", -1,
                        encoder.numClasses())), given -> {
                    Map<String, INDArray> feed = graphFeed.apply(given);
                    long nodes = GraphClassifier.feedNodes(feed, given);
                    int[] ids = GraphFeed.ids(given.get(PAIRS), PAIRS);
                    for (int i = 0; i < ids.length; i++) {
                        if (ids[i] < 0 || ids[i] >= nodes) {
                            throw new IllegalArgumentException("'" + PAIRS + "' holds node " + ids[i] + " in pair " + i / 2
                                    + " but the graph's nodes are 0 .. " + (nodes - 1) + ": give pairs of its nodes");
                        }
                    }
                    feed.put(PAIR_IDS, Nd4j.createFromArray(ids).reshape(ids.length / 2, 2));
                    return feed;
                });
    }
}
