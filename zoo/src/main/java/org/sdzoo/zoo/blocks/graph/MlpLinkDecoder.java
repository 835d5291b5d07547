package org.sdzoo.zoo.blocks.graph;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.samediff.SameDiffFixes;

/**
 * A learned link decoder (PyG's OGB link-prediction {@code LinkPredictor} with one hidden layer):
 * the pair's embeddings multiplied element-wise, then {@code lin2(ReLU(lin1(z_u ⊙ z_v)))}, the logit
 * of "the edge exists". Symmetric in u and v, as the dot product is. Parameters {@code lin1.*}
 * {@code [H, D]}, {@code lin2.*} {@code [1, H]}.
 *
 * @param lin1 D → H
 * @param lin2 H → 1
 */
public record MlpLinkDecoder(Linear lin1, Linear lin2) {

    /** @param scope e.g. {@code decoder}; PyTorch's Linear initialisation */
    public static MlpLinkDecoder create(Scope scope, long embeddingDim, long hidden) {
        if (embeddingDim < 1 || hidden < 1) {
            throw new IllegalArgumentException("an MLP link decoder needs embeddingDim (" + embeddingDim + ") and hidden ("
                    + hidden + ") >= 1");
        }
        return new MlpLinkDecoder(Linear.create(scope.child("lin1"), embeddingDim, hidden, true),
                Linear.create(scope.child("lin2"), hidden, 1, true));
    }

    /**
     * @param z     node embeddings {@code [N, D]}
     * @param pairs {@code [P, 2]} integer (source, target) node pairs
     * @return the logits {@code [P]}
     */
    public SDVariable apply(SameDiff sd, SDVariable z, SDVariable pairs) {
        SameDiffFixes.install();
        SDVariable sources = pairs.get(SDIndex.all(), SDIndex.point(0));                   // [P]
        SDVariable targets = pairs.get(SDIndex.all(), SDIndex.point(1));                   // [P]
        SDVariable product = sd.gather(z, sources, 0).mul(sd.gather(z, targets, 0));       // [P, D]
        return lin2.applyToMatrix(sd.nn.relu(lin1.applyToMatrix(product), 0)).reshape(-1); // [P]
    }
}
