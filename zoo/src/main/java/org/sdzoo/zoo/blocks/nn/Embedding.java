package org.sdzoo.zoo.blocks.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.sdzoo.zoo.samediff.SameDiffFixes;

/**
 * {@code torch.nn.Embedding(V, D)}: rows of {@code weight [V, D]} looked up by integer ids.
 * The lookup is a gather; its gradient sums over repeated ids because {@link SameDiffFixes} is
 * installed (M2.1's own gather gradient does not). No {@code padding_idx}, {@code max_norm} or
 * sparse gradients.
 *
 * @param weight        {@code [V, D]}, named {@code <scope>.weight}
 * @param numEmbeddings V
 * @param embeddingDim  D
 */
public record Embedding(SDVariable weight, long numEmbeddings, long embeddingDim) {

    static {
        SameDiffFixes.install();
    }

    /** Creates {@code weight} with PyTorch's default initialisation, N(0, 1). */
    public static Embedding create(Scope scope, long numEmbeddings, long embeddingDim) {
        if (numEmbeddings < 1 || embeddingDim < 1) {
            throw new IllegalArgumentException("Embedding '" + scope.path() + "' needs numEmbeddings (" + numEmbeddings
                    + ") and embeddingDim (" + embeddingDim + ") >= 1");
        }
        SDVariable w = scope.param("weight",
                scope.init("weight").normal(scope.dataType(), 0, 1, numEmbeddings, embeddingDim));
        return new Embedding(w, numEmbeddings, embeddingDim);
    }

    /**
     * @param ids integer ids in [0, V), any shape, e.g. {@code [B, T]}; an id out of range is not
     *            checked by the graph, so check data before it reaches here
     * @return {@code [..., D]}, e.g. {@code [B, T, D]}
     */
    public SDVariable apply(SDVariable ids) {
        if (!ids.dataType().isIntType()) {
            throw new IllegalArgumentException("embedding ids '" + ids.name() + "' are " + ids.dataType()
                    + ": give integer ids (INT32 or INT64)");
        }
        SameDiffFixes.install();
        return weight.getSameDiff().gather(weight, ids, 0);
    }
}
