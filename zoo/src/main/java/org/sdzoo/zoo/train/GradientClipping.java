package org.sdzoo.zoo.train;

import java.util.Collection;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gradient clipping, which SameDiff's TrainingConfig lacks. Both work in place and follow
 * {@code torch.nn.utils.clip_grad_norm_} / {@code clip_grad_value_}.
 */
public final class GradientClipping {

    private GradientClipping() {
    }

    /** @return the L2 norm of all gradients together */
    public static double globalNorm(Collection<INDArray> gradients) {
        double sumSquares = 0;
        for (INDArray g : gradients) {
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        return Math.sqrt(sumSquares);
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when the global norm exceeds
     * {@code maxNorm}.
     *
     * @return the global norm before clipping
     */
    public static double byGlobalNorm(Collection<INDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1) {
            for (INDArray g : gradients) {
                g.muli(scale);
            }
        }
        return norm;
    }

    /** Clamps every gradient element into {@code [-maxValue, maxValue]}. */
    public static void byValue(Collection<INDArray> gradients, double maxValue) {
        for (INDArray g : gradients) {
            g.assign(Transforms.max(Transforms.min(g, maxValue, false), -maxValue, false));
        }
    }
}
