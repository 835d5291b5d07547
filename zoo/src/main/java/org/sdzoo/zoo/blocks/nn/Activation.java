package org.sdzoo.zoo.blocks.nn;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Element-wise activations with PyTorch's defaults, named as in {@code torch.nn.functional}
 * ({@code relu}, {@code gelu}, {@code tanh}, {@code sigmoid}, {@code elu}, {@code leaky_relu}).
 * Shape in = shape out, any shape.
 */
public enum Activation {
    RELU("relu"),
    /** The exact form {@code x·Φ(x) = x/2·(1 + erf(x/√2))}, PyTorch's default {@code approximate='none'}. */
    GELU("gelu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    /** α = 1, PyTorch's default. */
    ELU("elu"),
    /** negative slope 0.01, PyTorch's default. */
    LEAKY_RELU("leaky_relu");

    /** {@code nn.LeakyReLU}'s default negative slope. */
    public static final double LEAKY_RELU_SLOPE = 0.01;

    private final String torchName;

    Activation(String torchName) {
        this.torchName = torchName;
    }

    /** @return the name in {@code torch.nn.functional}, also used in configs */
    public String torchName() {
        return torchName;
    }

    /** @return {@code x} transformed element-wise, same shape */
    public SDVariable apply(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return switch (this) {
            case RELU -> sd.nn.relu(x, 0);
            // ND4J's gelu is the sigmoid approximation and preciseGelu the tanh one: neither is PyTorch's.
            case GELU -> x.mul(sd.math.erf(x.mul(1 / Math.sqrt(2))).add(1)).mul(0.5);
            case TANH -> sd.math.tanh(x);
            case SIGMOID -> sd.nn.sigmoid(x);
            case ELU -> sd.nn.elu(x);
            // relu(x) - slope·relu(-x): ND4J's leakyRelu keeps its slope as a float32 argument,
            // so its float64 gradient is 0.00999999977 instead of 0.01.
            case LEAKY_RELU -> sd.nn.relu(x, 0).sub(sd.nn.relu(x.neg(), 0).mul(LEAKY_RELU_SLOPE));
        };
    }

    /** Parses a {@link #torchName()} (any case, '-' for '_'); names the accepted values otherwise. */
    public static Activation parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace('-', '_');
        for (Activation a : values()) {
            if (a.torchName.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation '" + name + "' is not supported: use one of "
                + Arrays.stream(values()).map(Activation::torchName).toList());
    }
}
