package org.sdzoo.zoo.samediff;

import java.util.List;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's {@code gather} with a correct gradient. M2.1's own backprop writes the incoming gradient
 * into the input's rows one index at a time, so a repeated index keeps only its last
 * contribution, and a second gather in the same graph fails with a shape error. The gradient of
 * {@code out = gather(x, idx, axis)} is the scatter-add of the incoming gradient over the indices,
 * which is {@code unsortedSegmentSum} with the indices as segment ids. The forward op is ND4J's,
 * unchanged; {@link SameDiffFixes#install()} makes SameDiff build this class wherever it rebuilds
 * a graph's ops by name (gradient graph, {@code dup}, load).
 */
public class SummingGather extends Gather {

    /** For SameDiff's reflective rebuild of ops by name. */
    public SummingGather() {
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SameDiff sd = sameDiff;
        SDVariable input = arg(0);
        SDVariable indices = args().length > 1 ? arg(1) : sd.constant(Nd4j.createFromArray(this.indices));
        SDVariable incoming = gradients.get(0);
        int axis = jaxis >= 0 ? jaxis : jaxis + rankOf(input);
        SDVariable flatIds = indices.reshape(-1).castTo(DataType.INT64);
        SDVariable rows = sd.sizeAt(input, axis).castTo(DataType.INT64);
        SDVariable count = sd.sizeAt(flatIds, 0).castTo(DataType.INT64).reshape(1);
        SDVariable minusOne = sd.constant(Nd4j.createFromArray(-1L));
        SDVariable dx;
        if (axis == 0) {
            SDVariable g = incoming.reshape(sd.concat(0, count, minusOne));          // [L, Q]
            SDVariable summed = SegmentSum.rows(sd, g, flatIds, rows);           // [n, Q]
            dx = summed.reshape(sd.shape(input).castTo(DataType.INT64));
        } else {
            // Outer dims before the axis are folded into P, inner ones into Q: grad [P, L, Q].
            SDVariable outer = sd.shape(input).castTo(DataType.INT64)
                    .get(SDIndex.interval(0, axis)).prod(true, 0).reshape(1);
            SDVariable g = incoming.reshape(sd.concat(0, outer, count, minusOne));  // [P, L, Q]
            SDVariable byIndex = g.permute(1, 0, 2).reshape(sd.concat(0, count, minusOne)); // [L, P*Q]
            SDVariable summed = SegmentSum.rows(sd, byIndex, flatIds, rows);      // [n, P*Q]
            SDVariable back = summed.reshape(sd.concat(0, rows.reshape(1), outer, minusOne))
                    .permute(1, 0, 2);                                             // [P, n, Q]
            dx = back.reshape(sd.shape(input).castTo(DataType.INT64));
        }
        return args().length > 1 ? List.of(dx, sd.zerosLike(indices)) : List.of(dx);
    }

    private static int rankOf(SDVariable input) {
        long[] shape = input.getShape();
        if (shape == null) {
            throw new IllegalStateException("gather with a negative axis on '" + input.name()
                    + "' whose rank is unknown: pass a non-negative axis");
        }
        return shape.length;
    }
}
