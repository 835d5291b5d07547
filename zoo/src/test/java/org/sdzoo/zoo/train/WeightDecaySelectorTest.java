package org.sdzoo.zoo.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Weight decay reaches only the parameters its regular expression names (GCN: the first layer). */
class WeightDecaySelectorTest {

    private final TrainerConfig config = TrainerConfig.builder().optimizer(Optimizer.SGD).learningRate(0.1)
            .weightDecay(0.5).weightDecayParameters("layer0/.*").build();

    @Test
    void selectsByTheWholeName() {
        ParameterSelector selector = new ParameterSelector(config.weightDecayParameters());
        assertTrue(selector.selects("layer0/W"));
        assertFalse(selector.selects("layer1/W"));
        assertFalse(selector.selects("xlayer0/W"), "the whole name must match");
        assertFalse(new ParameterSelector("").selects("layer0/W"), "empty selects nothing");
    }

    @Test
    void noDecayWhenWeightDecayIsZero() {
        ParameterUpdater updater = new ParameterUpdater(TrainerConfig.builder().optimizer(Optimizer.SGD)
                .learningRate(0.1).weightDecayParameters(".*").build());
        INDArray p = Nd4j.createFromArray(2.0);
        updater.apply("layer0/W", p, Nd4j.createFromArray(0.0), 0.1, 1);
        assertEquals(2.0, p.getDouble(0), 0);
    }

    @Test
    void onlySelectedParametersAreDecayed() {
        ParameterUpdater updater = new ParameterUpdater(config);
        INDArray first = Nd4j.createFromArray(2.0);
        INDArray second = Nd4j.createFromArray(2.0);
        updater.apply("layer0/W", first, Nd4j.createFromArray(0.0), 0.1, 1);
        updater.apply("layer1/W", second, Nd4j.createFromArray(0.0), 0.1, 1);
        assertEquals(2.0 - 0.1 * 0.5 * 2.0, first.getDouble(0), 1e-15);
        assertEquals(2.0, second.getDouble(0), 0);
    }
}
