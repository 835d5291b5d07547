package org.sdzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.config.Precision;

class ZooModelTest {

    private record Config() implements ModelConfig {
        @Override
        public String architecture() {
            return "masked-sum";
        }

        @Override
        public Precision precision() {
            return Precision.FLOAT64;
        }
    }

    /** {@code total [B] = Σ_T tokens · tokensMask}; the mask defaults to all ones. */
    private static ZooModel maskedSum() {
        SameDiff sd = SameDiff.create();
        SDVariable tokens = sd.placeHolder("tokens", DataType.DOUBLE, -1, 3);
        SDVariable mask = sd.placeHolder("tokensMask", DataType.DOUBLE, -1, 3);
        tokens.mul(mask).sum("total", 1);
        return new ZooModel(new Config(), sd, List.of(new TensorSpec("tokens", "[B, T]", -1, 3)),
                List.of(new TensorSpec("tokensMask", "[B, T]", -1, 3)), List.of(new TensorSpec("total", "[B]", -1)),
                given -> {
                    Map<String, INDArray> feed = new HashMap<>(given);
                    feed.putIfAbsent("tokensMask", Nd4j.onesLike(given.get("tokens")));
                    return feed;
                });
    }

    @Test
    void aFeaturesMaskFeedsTheInputNamedAfterItsFeature() {
        ZooModel model = maskedSum();
        INDArray tokens = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0}, {1, 0, 0}});
        MultiDataSet padded = new MultiDataSet(new INDArray[] {tokens}, new INDArray[0], new INDArray[] {mask}, null);
        Map<String, INDArray> feed = model.placeholders(padded);
        assertEquals(mask, feed.get("tokens" + ZooModel.MASK_SUFFIX));
        assertEquals(Nd4j.createFromArray(3.0, 4.0), model.sameDiff().output(feed, "total").get("total"));
        assertEquals(Nd4j.createFromArray(6.0, 15.0), model.predict(tokens), "no mask: the default");
    }

    @Test
    void aFeaturesMaskWithoutAnInputIsRefused() {
        SameDiff sd = SameDiff.create();
        sd.placeHolder("x", DataType.DOUBLE, -1, 2).sum("s", 1);
        ZooModel model = new ZooModel(new Config(), sd, List.of(new TensorSpec("x", "[B, F]", -1, 2)), List.of(),
                List.of(new TensorSpec("s", "[B]", -1)), given -> given);
        INDArray x = Nd4j.ones(DataType.DOUBLE, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.placeholders(
                new MultiDataSet(new INDArray[] {x}, new INDArray[0], new INDArray[] {x}, null)));
        assertTrue(e.getMessage().equals("the data has a features mask for 'x' but this masked-sum model takes no"
                + " 'xMask' input: drop the mask"), e.getMessage());
    }
}
