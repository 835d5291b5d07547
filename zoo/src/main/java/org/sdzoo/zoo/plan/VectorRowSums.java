package org.sdzoo.zoo.plan;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowSums} with the JDK's vector API, for rows whose width is a multiple of a vector: a row's
 * update is added 8 floats (4 doubles) at a time, each lane the scalar loop's multiply and add;
 * other widths take the scalar loop. Rows of 16 floats (a GCN's hidden width) take two
 * straight-line vectors, half the time of a two-iteration loop. Each case is its own small method
 * with its own loop: the JIT compiles the vector API into vector instructions only when it can
 * inline all of a method's calls, and one method serving several widths lost that (measured: the
 * 16-wide product took twice as long once a 7-wide scatter had run through the same method).
 * Loaded by name only when the module is present ({@link RowSums#get}), so the class never links on
 * a JVM without it.
 */
final class VectorRowSums extends RowSums {

    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final RowSums SCALAR = RowSums.scalar();

    VectorRowSums() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < F8.vectorBitSize()) {
            throw new IllegalStateException("the CPU's vectors are " + FloatVector.SPECIES_PREFERRED.vectorBitSize()
                    + " bits, fewer than 256");
        }
    }

    @Override
    void addFloat(float[] sums, int lo, int width, int[] targets, int[] order, int first, int end, float[] add,
            int[] from, float[] scale) {
        if (width == 16) {
            if (from == null) {
                sum16(sums, lo, targets, order, first, end, add);
            } else {
                scaledSum16(sums, lo, targets, order, first, end, add, from, scale);
            }
        } else if (width % 8 == 0) {
            if (from == null) {
                sum8s(sums, lo, width, targets, order, first, end, add);
            } else {
                scaledSum8s(sums, lo, width, targets, order, first, end, add, from, scale);
            }
        } else {
            SCALAR.addFloat(sums, lo, width, targets, order, first, end, add, from, scale);
        }
    }

    @Override
    void addDouble(double[] sums, int lo, int width, int[] targets, int[] order, int first, int end, double[] add,
            int[] from, double[] scale) {
        if (width % 4 != 0) {
            SCALAR.addDouble(sums, lo, width, targets, order, first, end, add, from, scale);
        } else if (from == null) {
            sum4s(sums, lo, width, targets, order, first, end, add);
        } else {
            scaledSum4s(sums, lo, width, targets, order, first, end, add, from, scale);
        }
    }

    private static void sum16(float[] sums, int lo, int[] targets, int[] order, int first, int end, float[] add) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * 16;
            int u = m * 16;
            FloatVector.fromArray(F8, sums, base).add(FloatVector.fromArray(F8, add, u)).intoArray(sums, base);
            FloatVector.fromArray(F8, sums, base + 8).add(FloatVector.fromArray(F8, add, u + 8)).intoArray(sums, base + 8);
        }
    }

    private static void scaledSum16(float[] sums, int lo, int[] targets, int[] order, int first, int end,
            float[] add, int[] from, float[] scale) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * 16;
            int u = from[m] * 16;
            FloatVector s = FloatVector.broadcast(F8, scale[m]);
            FloatVector.fromArray(F8, sums, base).add(FloatVector.fromArray(F8, add, u).mul(s)).intoArray(sums, base);
            FloatVector.fromArray(F8, sums, base + 8).add(FloatVector.fromArray(F8, add, u + 8).mul(s))
                    .intoArray(sums, base + 8);
        }
    }

    private static void sum8s(float[] sums, int lo, int width, int[] targets, int[] order, int first, int end,
            float[] add) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * width;
            int u = m * width;
            for (int j = 0; j < width; j += 8) {
                FloatVector.fromArray(F8, sums, base + j).add(FloatVector.fromArray(F8, add, u + j))
                        .intoArray(sums, base + j);
            }
        }
    }

    private static void scaledSum8s(float[] sums, int lo, int width, int[] targets, int[] order, int first, int end,
            float[] add, int[] from, float[] scale) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * width;
            int u = from[m] * width;
            FloatVector s = FloatVector.broadcast(F8, scale[m]);
            for (int j = 0; j < width; j += 8) {
                FloatVector.fromArray(F8, sums, base + j).add(FloatVector.fromArray(F8, add, u + j).mul(s))
                        .intoArray(sums, base + j);
            }
        }
    }

    private static void sum4s(double[] sums, int lo, int width, int[] targets, int[] order, int first, int end,
            double[] add) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * width;
            int u = m * width;
            for (int j = 0; j < width; j += 4) {
                DoubleVector.fromArray(D4, sums, base + j).add(DoubleVector.fromArray(D4, add, u + j))
                        .intoArray(sums, base + j);
            }
        }
    }

    private static void scaledSum4s(double[] sums, int lo, int width, int[] targets, int[] order, int first,
            int end, double[] add, int[] from, double[] scale) {
        for (int k = first; k < end; k++) {
            int m = order == null ? k : order[k];
            int base = (targets[m] - lo) * width;
            int u = from[m] * width;
            DoubleVector s = DoubleVector.broadcast(D4, scale[m]);
            for (int j = 0; j < width; j += 4) {
                DoubleVector.fromArray(D4, sums, base + j).add(DoubleVector.fromArray(D4, add, u + j).mul(s))
                        .intoArray(sums, base + j);
            }
        }
    }

    @Override
    String describe() {
        return "vector (" + F8.vectorBitSize() + "-bit, jdk.incubator.vector; rows whose width is a multiple of "
                + F8.length() + " floats or " + D4.length() + " doubles)";
    }
}
