package org.sdzoo.zoo.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A measurement, not a unit test (run by hand): the plan's Java row kernels alone, at the sizes
 * of a GCN step on Cora with CSR features (gathering W's 1,433 rows for 49,216 non-zeros, and the
 * edge list's 13,264 rows of 16 features), median of several repeats.
 *
 * <pre>java -cp examples/target/sdzoo.jar:zoo/target/test-classes org.sdzoo.zoo.plan.RowKernelsBench [calls]</pre>
 */
public final class RowKernelsBench {

    private RowKernelsBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.println("row sums: " + RowSums.get().describe());
        measure("gather W rows [1433,16] x 49216", new RowKernels.GatherRows(), gatherValues(1433, 16, 49216), calls);
        measure("gather node rows [2708,16] x 13264", new RowKernels.GatherRows(), gatherValues(2708, 16, 13264), calls);
        measure("scatter_add 49216 x 16 into 2708 rows", new RowKernels.ScatterAddRows(),
                scatterValues(2708, 16, 49216), calls);
        measure("scatter_add 49216 x 16 into 1433 rows", new RowKernels.ScatterAddRows(),
                scatterValues(1433, 16, 49216), calls);
        measure("scatter_add 13264 x 16 into 2708 rows", new RowKernels.ScatterAddRows(),
                scatterValues(2708, 16, 13264), calls);
        measure("scatter_add 13264 x 7 into 2708 rows", new RowKernels.ScatterAddRows(),
                scatterValues(2708, 7, 13264), calls);
        // CSR X [2708, 1433] (18 non-zeros a row) times W [1433, 16], and its transpose in the backward pass
        measure("fused X.W: 48744 x 16 into 2708 rows", RowKernels.ScatterAddRows.fused(),
                fusedValues(2708, 1433, 16, 18, false), calls);
        measure("fused X^T.G: 48744 x 16 into 1433 rows", RowKernels.ScatterAddRows.fused(),
                fusedValues(2708, 1433, 16, 18, true), calls);
    }

    /** ref, ids, x, sourceIds, c, out of a CSR product (or its transpose): rows sorted, columns random */
    private static INDArray[] fusedValues(int rows, int columns, int width, int perRow, boolean transpose) {
        Nd4j.getRandom().setSeed(1);
        int count = rows * perRow;
        int[] rowIds = new int[count];
        for (int i = 0; i < count; i++) {
            rowIds[i] = i / perRow;
        }
        INDArray sorted = Nd4j.createFromArray(rowIds);
        INDArray random = ids(columns, count);
        int targets = transpose ? columns : rows;
        int sources = transpose ? rows : columns;
        return new INDArray[] {Nd4j.zeros(DataType.FLOAT, targets, width), transpose ? random : sorted,
                Nd4j.rand(DataType.FLOAT, sources, width), transpose ? sorted : random,
                Nd4j.rand(DataType.FLOAT, count, 1), Nd4j.create(DataType.FLOAT, targets, width)};
    }

    private static INDArray[] gatherValues(int rows, int width, int count) {
        Nd4j.getRandom().setSeed(1);
        return new INDArray[] {Nd4j.rand(DataType.FLOAT, rows, width), ids(rows, count),
                Nd4j.create(DataType.FLOAT, count, width)};
    }

    private static INDArray[] scatterValues(int rows, int width, int count) {
        Nd4j.getRandom().setSeed(1);
        return new INDArray[] {Nd4j.zeros(DataType.FLOAT, rows, width), ids(rows, count),
                Nd4j.rand(DataType.FLOAT, count, width), Nd4j.create(DataType.FLOAT, rows, width)};
    }

    private static INDArray ids(int rows, int count) {
        Random random = new Random(2);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = random.nextInt(rows);
        }
        return Nd4j.createFromArray(ids);
    }

    private static void measure(String name, StepKernel kernel, INDArray[] values, int calls) {
        int[] inputs = switch (values.length) {
            case 3 -> new int[] {0, 1};
            case 4 -> new int[] {0, 1, 2};
            default -> new int[] {0, 1, 2, 3, 4};
        };
        int[] outputs = {values.length - 1};
        double[] repeats = new double[7];
        for (int r = -2; r < repeats.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                kernel.run(values, inputs, outputs);
            }
            if (r >= 0) {
                repeats[r] = (System.nanoTime() - t0) / 1e6 / calls;
            }
        }
        Arrays.sort(repeats);
        System.out.printf(Locale.ROOT, "%-42s median %.3f ms a call (min %.3f, max %.3f)%n", name,
                repeats[repeats.length / 2], repeats[0], repeats[repeats.length - 1]);
    }
}
