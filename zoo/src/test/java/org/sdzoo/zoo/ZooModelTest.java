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

    /** {@code total [B] = Σ_T x}, {@code doubled [B, T] = 2x}. */
    private static ZooModel twoOutputs() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        x.sum("total", 1);
        x.mul("doubled", 2.0);
        return new ZooModel(new Config(), sd, List.of(new TensorSpec("x", "[B, T]", -1, 3)), List.of(),
                List.of(new TensorSpec("total", "[B]", -1), new TensorSpec("doubled", "[B, T]", -1, 3)), given -> given);
    }

    @Test
    void predictReturnsTheWantedOutputsAsArraysOfTheCallersOwn() {
        ZooModel model = twoOutputs();
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Map<String, INDArray> all = model.predict(Map.of("x", x));
        // the first call plans, later ones run the plan and must copy its arrays out
        Map<String, INDArray> first = model.predict(Map.of("x", x), List.of("doubled"));
        Map<String, INDArray> second = model.predict(Map.of("x", x), List.of("doubled"));
        model.predict(Map.of("x", x.mul(10)), List.of("doubled"));
        assertEquals(List.of("doubled"), List.copyOf(second.keySet()));
        assertEquals(all.get("doubled"), first.get("doubled"));
        assertEquals(all.get("doubled"), second.get("doubled"), "a later call changed an array the caller kept");
        assertEquals(List.of("doubled", "total"), List.copyOf(model.predict(Map.of("x", x), List.of("doubled", "total"))
                .keySet()), "in the order asked for");
    }

    @Test
    void predictRefusesAnOutputTheModelDoesNotHave() {
        ZooModel model = twoOutputs();
        Map<String, INDArray> given = Map.of("x", Nd4j.ones(DataType.DOUBLE, 1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(given, List.of("total", "logits")));
        assertEquals("'logits' is not an output of this masked-sum model: ask for one of [total, doubled]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.predict(given, List.of()));
        assertEquals("no output asked for: name one or more of [total, doubled]", e.getMessage());
    }
}
