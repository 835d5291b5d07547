package org.sdzoo.zoo.blocks.graph;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A measurement, not a unit test (run by hand): why the edge-list GCN is slower than the dense one.
 * Times the ops of one edge-list propagation, {@code out[t] += c · h[s]} over E edges of width 16,
 * as ND4J M2.1 runs them one by one ({@code gather}, {@code unsortedSegmentSum}, {@code scatter_add})
 * beside the same computation as a plain Java loop, at Cora's size (2708 nodes, 13260 edges with
 * self loops) and the large graph's (100k nodes, 1.1M edges). Medians of 5 after 2 warm-ups.
 *
 * <pre>java -cp ... org.sdzoo.zoo.blocks.graph.SegmentOpsMeasure</pre>
 */
public final class SegmentOpsMeasure {

    private static final int WIDTH = 16;

    private SegmentOpsMeasure() {
    }

    public static void main(String[] args) {
        measure("Cora", 2708, 13_260);
        measure("100k nodes", 100_000, 1_100_000);
    }

    private static void measure(String name, int n, int e) {
        Random random = new Random(1);
        int[] sources = new int[e];
        int[] targets = new int[e];
        float[] coefficients = new float[e];
        for (int k = 0; k < e; k++) {
            sources[k] = random.nextInt(n);
            targets[k] = random.nextInt(n);
            coefficients[k] = random.nextFloat();
        }
        INDArray h = Nd4j.rand(DataType.FLOAT, n, WIDTH);
        INDArray src = Nd4j.createFromArray(sources);
        INDArray dst = Nd4j.createFromArray(targets);
        INDArray messages = Nd4j.rand(DataType.FLOAT, e, WIDTH);
        float[] hj = h.data().asFloat();
        System.out.printf("%s (N %d, E %d, width %d), median ms:%n", name, n, e, WIDTH);
        System.out.printf("  gather            %10.3f%n", median(() -> Nd4j.exec(new Gather(h, src, 0))));
        System.out.printf("  unsortedSegmentSum%10.3f%n", median(() -> Nd4j.exec(new UnsortedSegmentSum(messages, dst, n))));
        System.out.printf("  scatter_add       %10.3f%n", median(() -> Nd4j.exec(new ScatterAdd(Nd4j.zeros(DataType.FLOAT, n, WIDTH),
                dst, messages))));
        System.out.printf("  Java loop (all)   %10.3f%n", median(() -> {
            float[] out = new float[n * WIDTH];
            for (int k = 0; k < e; k++) {
                int s = sources[k] * WIDTH;
                int t = targets[k] * WIDTH;
                float c = coefficients[k];
                for (int j = 0; j < WIDTH; j++) {
                    out[t + j] += c * hj[s + j];
                }
            }
        }));
    }

    private static double median(Runnable op) {
        op.run();
        op.run();
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
