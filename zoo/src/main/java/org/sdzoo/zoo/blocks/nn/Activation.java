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
            case RELU -> relu(x);
            // ND4J's gelu is the sigmoid approximation and preciseGelu the tanh one: neither is PyTorch's.
            case GELU -> x.mul(sd.math.erf(x.mul(1 / Math.sqrt(2))).add(1)).mul(0.5);
            case TANH -> sd.math.tanh(x);
            case SIGMOID -> sd.nn.sigmoid(x);
            case ELU -> sd.nn.elu(x);
            // relu(x) - slope·relu(-x): ND4J's leakyRelu keeps its slope as a float32 argument,
            // so its float64 gradient is 0.00999999977 instead of 0.01.
            case LEAKY_RELU -> relu(x).sub(relu(x.neg()).mul(LEAKY_RELU_SLOPE));
        };
    }

    /**
     * {@code tanh(x)} as {@code 1 - 2 / (exp(2x) + 1)}: M2.1's {@code tanh} kernel costs about 16 ns
     * per float32 element on one thread here, its {@code exp} about 5, so this composition of five
     * element-wise ops takes about half the time of the one op on large tensors (measured at
     * [320, 384]). It agrees with {@code tanh} to 2.4e-7 absolute in float32 (the cancellation near
     * 0 costs relative, not absolute, accuracy); {@code exp(2x)} overflowing to infinity gives
     * exactly 1, underflowing to 0 gives exactly -1, and NaN stays NaN. Its gradient is
     * autodiff's through the five ops, {@code 4·e / (e + 1)²} = {@code 1 - tanh²}.
     *
     * <p>Worth it where tanh runs on many elements per op (HiT-MAC's projections); on tiny tensors
     * the four extra ops' fixed cost outweighs the saving, so {@link #TANH} keeps the one op.
     *
     * @param x any shape
     * @return {@code tanh(x)}, same shape
     */
    public static SDVariable tanhByExp(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return sd.math.exp(x.mul(2)).add(1).rdiv(2).rsub(1);
    }

    /**
     * {@code x · [x > 0]}: the same values and gradients (0 at 0, as PyTorch) as {@code sd.nn.relu},
     * whose M2.1 backward op ({@code thresholdedrelu_bp}) takes about 17 times as long as the
     * same-shape multiply's (27 ms against 1.6 ms at [2048, 512] on one thread); the mask is
     * boolean, so no gradient flows through it.
     */
    private static SDVariable relu(SDVariable x) {
        return x.mul(x.getSameDiff().gt(x, 0).castTo(x.dataType()));
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
