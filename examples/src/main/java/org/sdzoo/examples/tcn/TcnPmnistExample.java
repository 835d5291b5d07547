package org.sdzoo.examples.tcn;

import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.zoo.models.tcn.TcnConfig;

/** Permuted MNIST (the 784 pixels in one fixed order of seed 1111): see {@link MnistTcnExample}. */
public final class TcnPmnistExample extends MnistTcnExample {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-pmnist";
    /** The paper's test accuracy, percent. */
    static final double PAPER_ACCURACY = 97.2;

    @Override
    public About about() {
        return new About(NAME, "TCN on permuted MNIST (784 pixels in a fixed order, needs --data-dir or "
                + DataDirectory.ENV_VAR + "), test accuracy beside the paper's 97.2", TcnConfig.ARCHITECTURE,
                "no --data: MNIST's IDX files in <data dir>/mnist; --samples N training images");
    }

    @Override
    boolean permuted() {
        return true;
    }

    @Override
    double paperAccuracy() {
        return PAPER_ACCURACY;
    }
}
