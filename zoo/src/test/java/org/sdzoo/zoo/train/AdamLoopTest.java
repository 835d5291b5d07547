package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam's Java loop gives the ND4J ops' bits: parameters and both moments after several steps, for
 * Adam and AdamW with decoupled decay, on a small parameter and on one large enough to be split
 * over the op threads, with gradients spanning nine decades; arrays it does not handle (float64,
 * strided or offset views) are left to the ops, reshapes and leading blocks of a buffer are not.
 */
class AdamLoopTest {

    @Test
    void adamAndAdamWGiveTheOpsBits() {
        for (Optimizer optimizer : new Optimizer[] {Optimizer.ADAM, Optimizer.ADAMW}) {
            for (long length : new long[] {37, 300_001}) {
                TrainerConfig config = TrainerConfig.builder().optimizer(optimizer).learningRate(3e-3)
                        .weightDecay(optimizer == Optimizer.ADAMW ? 0.01 : 0).build();
                ParameterUpdater loop = new ParameterUpdater(config, true);
                ParameterUpdater ops = new ParameterUpdater(config, false);
                Nd4j.getRandom().setSeed(length);
                INDArray p1 = Nd4j.randn(DataType.FLOAT, length);
                INDArray p2 = p1.dup();
                for (int t = 1; t <= 4; t++) {
                    java.util.Random random = new java.util.Random(length * 10 + t);
                    float[] values = new float[(int) length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
                    }
                    INDArray g = Nd4j.createFromArray(values);
                    loop.apply("w", p1, g.dup(), 1e-3 * t, t);
                    ops.apply("w", p2, g.dup(), 1e-3 * t, t);
                    String what = optimizer + ", " + length + " elements, step " + t;
                    assertArrayEquals(p2.data().asFloat(), p1.data().asFloat(), what + ": parameters");
                    assertArrayEquals(ops.state().get("w/m").data().asFloat(), loop.state().get("w/m").data().asFloat(),
                            what + ": first moment");
                    assertArrayEquals(ops.state().get("w/v").data().asFloat(), loop.state().get("w/v").data().asFloat(),
                            what + ": second moment");
                }
            }
        }
    }

    @Test
    void leavesOtherArraysToTheOps() {
        INDArray f = Nd4j.create(DataType.FLOAT, 4, 5);
        assertTrue(AdamLoop.handles(f, f.dup(), f.dup(), f.dup()));
        INDArray d = Nd4j.create(DataType.DOUBLE, 4, 5);
        assertFalse(AdamLoop.handles(d, d.dup(), d.dup(), d.dup()), "float64");
        INDArray view = Nd4j.create(DataType.FLOAT, 8, 5).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertFalse(AdamLoop.handles(view.transpose().transpose().permute(1, 0), f, f, f), "a transposed view");
        INDArray rows = Nd4j.create(DataType.FLOAT, 8, 5).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertFalse(AdamLoop.handles(rows, f, f, f), "a view that does not start the buffer");
        INDArray columns = Nd4j.create(DataType.FLOAT, 4, 10).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5));
        assertFalse(AdamLoop.handles(columns, f, f, f), "a strided view");
        assertTrue(AdamLoop.handles(view, f, f, f), "the first rows of a buffer, as a plan's reshaped gradient");
        assertTrue(AdamLoop.handles(Nd4j.create(DataType.FLOAT, 20).reshape(4, 5), f, f, f), "a reshape");
    }
}
