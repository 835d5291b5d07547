package org.sdzoo.zoo.models.gcn;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;

/**
 * The graph autoencoder of Kipf and Welling (2016, tkipf/gae {@code GCNModelAE}): a GCN encoder
 * whose last layer is the embedding {@code Z [N, D]} (no activation), and the inner-product
 * decoder {@code Z Zᵀ}, the logit of an edge for every node pair. The decoder has no parameters,
 * so the encoder's config describes the whole model and an archive restores as that GCN, whose
 * {@value Gcn#LOGITS} are the embeddings; pairs are scored by their dot product
 * ({@code DotProductDecoder}).
 *
 * <p>Inputs: as {@link Gcn}. Outputs: {@value #RECONSTRUCTION} {@code [N, N]} (the primary
 * output), {@value #EMBEDDINGS} {@code [N, D]}.
 */
public final class GraphAutoencoder {

    /** Output: the edge logit of every node pair {@code [N, N]}, {@code Z Zᵀ}. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** Output: the node embeddings {@code Z [N, D]}. */
    public static final String EMBEDDINGS = "embeddings";

    private GraphAutoencoder() {
    }

    /**
     * @param encoder the GCN encoder: gae's is hidden [32], numClasses 16 (the embedding width D),
     *                dropout 0, no bias, raw features
     * @param seed    the seed of the initial weights
     * @return the autoencoder; its primary output is {@value #RECONSTRUCTION}
     */
    public static ZooModel create(GcnConfig encoder, long seed) {
        ZooModel gcn = Gcn.create(encoder, seed);
        SameDiff sd = gcn.sameDiff();
        SDVariable z = sd.identity(EMBEDDINGS, sd.getVariable(Gcn.LOGITS));        // [N, D]
        sd.mmul(RECONSTRUCTION, z, z, false, true, false);                           // [N, N]
        return new ZooModel(encoder, sd, gcn.inputs(), gcn.optionalInputs(),
                List.of(new TensorSpec(RECONSTRUCTION, "[N, N]", -1, -1),
                        new TensorSpec(EMBEDDINGS, "[N, D]", -1, encoder.numClasses())),
                new GraphFeed(encoder));
    }
}
