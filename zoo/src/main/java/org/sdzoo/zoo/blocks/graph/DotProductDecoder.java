package org.sdzoo.zoo.blocks.graph;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.samediff.SameDiffFixes;

/**
 * The link decoder of graph autoencoders (Kipf and Welling 2016, PyG's {@code InnerProductDecoder}):
 * the score of a node pair is the dot product of their embeddings, a logit for "the edge exists"
 * ({@code sigmoid} gives the probability). Only the asked pairs are computed, never {@code Z Zᵀ};
 * the embeddings are gathered per pair, whose gradient needs {@link SameDiffFixes} (installed here).
 */
public final class DotProductDecoder {

    private DotProductDecoder() {
    }

    /**
     * @param z     node embeddings {@code [N, D]}
     * @param pairs {@code [P, 2]} integer (source, target) node pairs
     * @return the logits {@code [P]}, {@code z[source] · z[target]}
     */
    public static SDVariable apply(SameDiff sd, SDVariable z, SDVariable pairs) {
        SameDiffFixes.install();
        SDVariable sources = pairs.get(SDIndex.all(), SDIndex.point(0));   // [P]
        SDVariable targets = pairs.get(SDIndex.all(), SDIndex.point(1));   // [P]
        return sd.gather(z, sources, 0).mul(sd.gather(z, targets, 0)).sum(1); // [P]
    }
}
