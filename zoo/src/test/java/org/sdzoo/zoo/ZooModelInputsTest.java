package org.sdzoo.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.models.kernelregression.KernelRegression;
import org.sdzoo.zoo.models.kernelregression.KernelRegressionConfig;

/** Inputs that would reach a native op in a shape it cannot handle are refused in Java. */
class ZooModelInputsTest {

    @Test
    void aZeroSizeInputIsRefusedBeforeAnyNativeOpSeesIt() {
        // np.ones((0, 1), 'f4') given to predict killed the JVM: "*** buffer overflow detected ***".
        ZooModel model = KernelRegression.create(KernelRegressionConfig.builder().build(),
                Nd4j.createFromArray(0.0, 1.0, 2.0), Nd4j.createFromArray(1.0, 2.0, 0.5));
        String input = model.inputs().get(0).name();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(Nd4j.create(DataType.FLOAT, 0, 1)));
        assertEquals("input '" + input + "' has shape [0, 1] and holds no values: every dimension needs a size of"
                + " at least 1.", e.getMessage());
    }
}
