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

    /** What d2l shows for this experiment: figures, no single number. */
    public static final String PAPER = "paper: qualitative (d2l Fig. 11.2.x): parametric fit is less smooth,"
            + " attention concentrates";

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
        s.append(String.format("%-16s %-12s %s%n", "estimator", "MSE", "d2l"));
        s.append(String.format("%-16s %-12.6f %s%n", "average", mseAverage, PAPER));
        s.append(String.format("%-16s %-12.6f %s%n", "nonparametric", mseNonparametric, ""));
        s.append(String.format("%-16s %-12.6f %s%n", "parametric", mseParametric, ""));
        s.append("MSE is the ").append(mseKind).append('\n');
        s.append("PyTorch parity (same data as the fixture) is checked by a test, not here:"
                + " KernelRegressionParityTest in sdzoo-zoo\n");
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
