package org.sdzoo.zoo.models.gcn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** The non-linearity between graph convolutions. */
public enum GcnActivation {
    /** {@code max(0, x)}, Kipf and Welling's choice. */
    RELU,
    /** {@code x} for {@code x > 0}, else {@code exp(x) - 1}. */
    ELU,
    /** {@code tanh(x)}. */
    TANH,
    /** No non-linearity: the model is then SGC-like (one linear map of {@code P^k X}). */
    IDENTITY;

    /** @return {@code x} with this activation applied element-wise, same shape */
    public SDVariable apply(SameDiff sd, SDVariable x) {
        return switch (this) {
            case RELU -> sd.nn.relu(x, 0);
            case ELU -> sd.nn.elu(x);
            case TANH -> sd.math.tanh(x);
            case IDENTITY -> x;
        };
    }
}
