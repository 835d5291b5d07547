package org.sdzoo.zoo.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.check.GradientCheck;

class SegmentSumTest {

    /** Many rows per segment on several threads: an unlocked scatter_add loses some of them. */
    @Test
    void equalsALoopOverRowsWithManyDuplicateIds() {
        int rows = 20_000, width = 8, segments = 300;
        Random random = new Random(7);
        double[][] data = new double[rows][width];
        int[] ids = random.ints(rows, 0, segments - 1).toArray(); // the last segment stays empty
        double[][] expected = new double[segments][width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                data[i][j] = random.nextDouble();
                expected[ids[i]][j] += data[i][j];
            }
        }
        SameDiff sd = SameDiff.create();
        SDVariable out = SegmentSum.rows(sd, sd.constant(Nd4j.createFromArray(data)),
                sd.constant(Nd4j.createFromArray(ids)), sd.constant(Nd4j.scalar(segments)));
        for (int repeat = 0; repeat < 5; repeat++) {
            INDArray got = sd.output(Map.of(), out.name()).get(out.name());
            assertEquals(0, got.sub(Nd4j.createFromArray(expected)).amaxNumber().doubleValue(), 1e-9);
        }
    }

    @Test
    void passesTheGradientCheck() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.rand(DataType.DOUBLE, 7, 3).subi(0.5));
        SDVariable ids = sd.constant(Nd4j.createFromArray(2, 0, 2, 1, 0, 2, 2));
        SDVariable summed = SegmentSum.rows(sd, x, ids, sd.constant(Nd4j.scalar(4)));
        summed.mul(sd.constant(Nd4j.rand(DataType.DOUBLE, 4, 3))).sum("loss");
        GradientCheck.Result result = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(result.passed(), result.toString());
    }
}
