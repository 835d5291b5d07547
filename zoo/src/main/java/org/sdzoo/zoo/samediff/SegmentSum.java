package org.sdzoo.zoo.samediff;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;

/**
 * Sums rows that share an id, {@code out[s] = Σ_{i: ids[i] = s} data[i]}: what
 * {@code unsortedSegmentSum} computes, built from a zero-filled array and a locked
 * {@code scatter_add}.
 *
 * <p>M2.1's {@code unsorted_segment_sum} (and {@code segment_sum}) on a 2-D input leaks native
 * memory on every call (~8 MB for Cora's 49,216 × 16 feature products; a GCN run on Cora grew
 * by 40 MB per step until the process was killed); {@code scatter_add} does not. Its lock flag
 * matters: unlocked, two threads adding to the same row race and lose updates (sums off by
 * whole units were measured on Cora-sized inputs), locked it equals the segment sum exactly.
 * The gradient is ND4J's for {@code scatter_add}: a forward {@code gather} of the incoming
 * gradient, which is correct (only gather's own backward is broken in M2.1).
 */
public final class SegmentSum {

    private SegmentSum() {
    }

    /**
     * @param data        {@code [M, D]} rows to sum
     * @param ids         {@code [M]} integer segment of each row, 0 .. S-1
     * @param numSegments S as an integer scalar
     * @return {@code [S, D]}; a segment no row names is zero
     */
    public static SDVariable rows(SameDiff sd, SDVariable data, SDVariable ids, SDVariable numSegments) {
        SDVariable shape = sd.concat(0, numSegments.reshape(1).castTo(DataType.INT64),
                sd.sizeAt(data, 1).reshape(1).castTo(DataType.INT64));
        SDVariable zeros = sd.fill(shape, data.dataType(), 0);
        ScatterAdd op = new ScatterAdd(sd, zeros, ids, data);
        op.addBArgument(true, false); // lock: rows sharing an id are added one at a time; no index check
        return op.outputVariable();
    }
}
