package org.sdzoo.zoo.blocks.nn;

import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applying a last-dimension operation to inputs of any rank. M2.1's mmul does not broadcast a
 * 3-D input against a 2-D weight ("ranks must be the same"), so {@code [..., F]} is folded to
 * {@code [M, F]}, transformed, and unfolded with the leading dimensions read at run time (the
 * batch size may be unknown when the graph is built).
 */
final class Shapes {

    private Shapes() {
    }

    /** @return whether {@code x} is known to be 2-D, so no folding is needed */
    static boolean isMatrix(SDVariable x) {
        long[] shape = x.getShape();
        return shape != null && shape.length == 2;
    }

    /** {@code [..., F]} → {@code [M, F]} with M the product of the leading dimensions. */
    static SDVariable fold(SDVariable x, long lastDim) {
        return x.reshape(-1, lastDim);
    }

    /** {@code [M, G]} → {@code [..., G]} with the leading dimensions of {@code like}. */
    static SDVariable unfold(SameDiff sd, SDVariable y, SDVariable like, long lastDim) {
        return unfoldAll(sd, List.of(y), like, lastDim).get(0);
    }

    /**
     * Each {@code [M, G]} → {@code [..., G]} with the leading dimensions of {@code like}, the
     * target shape computed once for all of them (at run time it takes four ops).
     */
    static List<SDVariable> unfoldAll(SameDiff sd, List<SDVariable> ys, SDVariable like, long lastDim) {
        // Only declared shapes (placeholders, variables, constants) are trusted; an op output's
        // shape may be one seen at an earlier run.
        long[] known = like.getVariableType() == VariableType.ARRAY ? null : like.getShape();
        if (known != null && known.length >= 2 && allPositive(known, 1, known.length - 1)) {
            // Only the first size may be unknown (e.g. [B, T, F] with T fixed): one static reshape.
            long[] shape = known.clone();
            shape[0] = -1;
            shape[shape.length - 1] = lastDim;
            return ys.stream().map(y -> y.reshape(shape)).toList();
        }
        SDVariable leading = sd.shape(like).castTo(DataType.INT64).get(SDIndex.interval(0, -1)); // [rank - 1]
        SDVariable last = sd.constant(Nd4j.createFromArray(lastDim));
        SDVariable shape = sd.concat(0, leading, last);
        return ys.stream().map(y -> y.reshape(shape)).toList();
    }

    private static boolean allPositive(long[] shape, int from, int to) {
        for (int i = from; i < to; i++) {
            if (shape[i] <= 0) {
                return false;
            }
        }
        return true;
    }
}
