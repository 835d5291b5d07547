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
    void selectsByName() {
        assertTrue(config.decays("layer0/W"));
        assertFalse(config.decays("layer1/W"));
        assertFalse(TrainerConfig.builder().weightDecayParameters(".*").build().decays("layer0/W"),
                "no decay when weightDecay is 0");
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
