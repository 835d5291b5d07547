package org.sdzoo.examples.tcn;

import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.zoo.models.tcn.TcnConfig;

/** Sequential MNIST (pixel by pixel, T = 784): see {@link MnistTcnExample}. */
public final class TcnSeqMnistExample extends MnistTcnExample {

    /** The example's name on the command line. */
    public static final String NAME = "tcn-seq-mnist";
    /** The paper's test accuracy, percent. */
    static final double PAPER_ACCURACY = 99.0;

    @Override
    public About about() {
        return new About(NAME, "TCN on sequential MNIST (784 pixels, needs --data-dir or " + DataDirectory.ENV_VAR
                + "), test accuracy beside the paper's 99.0", TcnConfig.ARCHITECTURE,
                "no --data: MNIST's IDX files in <data dir>/mnist; --samples N training images");
    }

    @Override
    boolean permuted() {
        return false;
    }

    @Override
    double paperAccuracy() {
        return PAPER_ACCURACY;
    }
}
