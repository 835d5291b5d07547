package org.sdzoo.datasets.graph;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Conversions between ND4J arrays and the Java arrays the graph types keep. */
final class GraphArrays {

    private GraphArrays() {
    }

    /** Copies an integer (or whole-valued) vector to {@code int[]}, naming {@code what} on error. */
    static int[] toInts(INDArray a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null; pass an integer array.");
        }
        if (a.rank() != 1 && !(a.rank() == 2 && (a.size(1) == 1 || a.size(0) == 1)) && a.length() != 0) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + " but a vector was expected; flatten it.");
        }
        if (a.length() == 0) {
            return new int[0];
        }
        if (!a.dataType().isIntType()) {
            double[] d = a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(what + "[" + i + "] is " + d[i] + ", not an integer id; store ids as integers.");
                }
                out[i] = (int) d[i];
            }
            return out;
        }
        long[] l = a.castTo(DataType.INT64).dup('c').data().asLong();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] > Integer.MAX_VALUE || l[i] < Integer.MIN_VALUE) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + l[i] + ", beyond the int range of node ids.");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /** Splits an {@code [E, 2]} integer array into its source and target columns. */
    static int[][] toPairs(INDArray edges, String what) {
        if (edges == null) {
            throw new IllegalArgumentException(what + " is null; pass an integer [E, 2] array of (source, target) pairs.");
        }
        if (edges.rank() != 2 || edges.size(1) != 2) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(edges.shape())
                    + " but [E, 2] (source, target) pairs were expected; transpose a PyG [2, E] edge_index first.");
        }
        int[] flat = toInts(edges.dup('c').reshape('c', new long[] {edges.length()}), what);
        int e = (int) edges.size(0);
        int[] sources = new int[e];
        int[] targets = new int[e];
        for (int i = 0; i < e; i++) {
            sources[i] = flat[2 * i];
            targets[i] = flat[2 * i + 1];
        }
        return new int[][] {sources, targets};
    }

    /** Packs sources and targets as an INT32 {@code [E, 2]} array. */
    static INDArray pairs(int[] sources, int[] targets) {
        int[] flat = new int[2 * sources.length];
        for (int i = 0; i < sources.length; i++) {
            flat[2 * i] = sources[i];
            flat[2 * i + 1] = targets[i];
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(flat).reshape(sources.length, 2);
    }
}
