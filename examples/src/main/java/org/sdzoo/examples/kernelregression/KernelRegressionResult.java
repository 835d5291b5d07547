package org.sdzoo.examples.kernelregression;

import java.nio.file.Path;
import java.util.List;
import org.sdzoo.examples.ExampleResult;

/**
 * The numbers of one kernel-regression run.
 *
 * @param losses           the parametric model's training loss per epoch (half the summed squared error)
 * @param w                the learned inverse bandwidth, one per feature
 * @param mseAverage       MSE of average pooling
 * @param mseNonparametric MSE of the fixed Gaussian kernel
 * @param mseParametric    MSE of the learned Gaussian kernel
 * @param mseKind          what the MSEs measure, e.g. "test MSE vs the true function"
 * @param seed             the seed of the data and the trainer
 * @param epochs           the epochs trained
 * @param trainSeconds     wall-clock seconds of training
 * @param outDir           where the files were written
 */
public record KernelRegressionResult(List<Double> losses, double[] w, double mseAverage, double mseNonparametric,
                                     double mseParametric, String mseKind, long seed, int epochs, double trainSeconds,
                                     Path outDir) implements ExampleResult {

    /**
     * d2l publishes figures for this experiment, not numbers. The reference column is d2l's code
     * run in PyTorch 1.13 on its own random draw (torch seed 0, float64), measured by
     * zoo/src/test/resources/fixtures/kernel_regression/make_fixture.py: the same protocol on
     * different data, so expect the same ordering and size, not the same digits.
     */
    static final double[] PYTORCH_REFERENCE = {1.039945, 0.675041, 0.091369};

    /** Copies the arrays. */
    public KernelRegressionResult {
        losses = List.copyOf(losses);
        w = w.clone();
    }

    @Override
    public double[] w() {
        return w.clone();
    }

    @Override
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append("Nadaraya-Watson kernel regression (d2l, attention pooling), seed ").append(seed).append('\n');
        s.append(String.format("%-8s %s%n", "epoch", "loss (sum of squared errors / 2)"));
        for (int e = 0; e < losses.size(); e++) {
            s.append(String.format("%-8d %.6f%n", e + 1, losses.get(e)));
        }
        s.append("learned w: ").append(formatW()).append(String.format("  (%.2f s of training)%n", trainSeconds));
        boolean synthetic = mseKind.startsWith("test");
        s.append(String.format("%-16s %-12s %s%n", "estimator", "MSE", synthetic ? "d2l code in PyTorch (own draw)" : ""));
        double[] mse = {mseAverage, mseNonparametric, mseParametric};
        String[] names = {"average", "nonparametric", "parametric"};
        for (int i = 0; i < 3; i++) {
            s.append(String.format("%-16s %-12.6f %s%n", names[i], mse[i],
                    synthetic ? String.format("%.6f", PYTORCH_REFERENCE[i]) : ""));
        }
        s.append("MSE is the ").append(mseKind).append('\n');
        if (synthetic) {
            s.append("d2l publishes figures, not numbers (the learned kernel fits closer and its attention"
                    + " concentrates); the reference is d2l's code on its own random draw. Exact parity on shared"
                    + " data is KernelRegressionParityTest.\n");
        }
        s.append("files: ").append(outDir).append('\n');
        return s.toString();
    }

    private String formatW() {
        if (w.length == 1) {
            return String.format("%.6f", w[0]);
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < w.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format("%.6f", w[i]));
        }
        return s.append(']').toString();
    }
}
