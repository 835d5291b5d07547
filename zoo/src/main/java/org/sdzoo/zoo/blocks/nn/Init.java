package org.sdzoo.zoo.blocks.nn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded initial values with the distributions of {@code torch.nn.init}: same seed, same numbers
 * (the numbers differ from PyTorch's, the distributions do not). Fans follow
 * {@code torch.nn.init._calculate_fan_in_and_fan_out}: for a weight {@code [out, in, k...]},
 * fan_in = in·Πk and fan_out = out·Πk.
 */
public final class Init {

    private final SplittableRandom random;

    /** A generator seeded by {@code seed} alone. */
    public Init(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A generator for one parameter: seeded by the model seed and the parameter's full name. */
    public static Init forParameter(long seed, String name) {
        long h = 0xcbf29ce484222325L;                       // FNV-1a over the name's bytes
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return new Init(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    /** {@code torch.nn.init.uniform_(t, low, high)}: U(low, high). */
    public INDArray uniform(DataType dataType, double low, double high, long... shape) {
        if (!(low < high)) {
            throw new IllegalArgumentException("uniform bounds (" + low + ", " + high + ") must have low < high");
        }
        return fill(dataType, shape, () -> low + (high - low) * random.nextDouble());
    }

    /** {@code torch.nn.init.normal_(t, mean, std)}: N(mean, std²). */
    public INDArray normal(DataType dataType, double mean, double std, long... shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal std (" + std + ") must be >= 0");
        }
        return fill(dataType, shape, () -> mean + std * random.nextGaussian());
    }

    /** {@code xavier_uniform_(t, gain)}: U(±gain·√(6 / (fan_in + fan_out))). */
    public INDArray xavierUniform(DataType dataType, double gain, long... shape) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
        return uniform(dataType, -bound, bound, shape);
    }

    /** {@code xavier_normal_(t, gain)}: N(0, gain²·2 / (fan_in + fan_out)). */
    public INDArray xavierNormal(DataType dataType, double gain, long... shape) {
        return normal(dataType, 0, gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))), shape);
    }

    /**
     * {@code kaiming_uniform_(t, a, mode, nonlinearity='leaky_relu')}: U(±√3·gain/√fan) with
     * gain = √(2 / (1 + a²)); a = 0 is ReLU's, a = √5 is {@code nn.Linear}'s default, which gives
     * U(±1/√fan_in).
     *
     * @param fanInMode true for {@code mode='fan_in'} (PyTorch's default), false for {@code 'fan_out'}
     */
    public INDArray kaimingUniform(DataType dataType, double a, boolean fanInMode, long... shape) {
        double bound = Math.sqrt(3.0) * leakyReluGain(a) / Math.sqrt(fanInMode ? fanIn(shape) : fanOut(shape));
        return uniform(dataType, -bound, bound, shape);
    }

    /** {@code kaiming_normal_(t, a, mode, nonlinearity='leaky_relu')}: N(0, gain²/fan). */
    public INDArray kaimingNormal(DataType dataType, double a, boolean fanInMode, long... shape) {
        return normal(dataType, 0, leakyReluGain(a) / Math.sqrt(fanInMode ? fanIn(shape) : fanOut(shape)), shape);
    }

    /** {@code zeros_(t)}. */
    public static INDArray zeros(DataType dataType, long... shape) {
        return Nd4j.zeros(dataType, shape);
    }

    /** {@code ones_(t)}. */
    public static INDArray ones(DataType dataType, long... shape) {
        return Nd4j.ones(dataType, shape);
    }

    /** @return fan_in as PyTorch computes it: {@code shape[1]·Π shape[2:]} */
    public static long fanIn(long... shape) {
        requireFans(shape);
        return shape[1] * receptiveField(shape);
    }

    /** @return fan_out as PyTorch computes it: {@code shape[0]·Π shape[2:]} */
    public static long fanOut(long... shape) {
        requireFans(shape);
        return shape[0] * receptiveField(shape);
    }

    /** {@code torch.nn.init.calculate_gain('leaky_relu', a)}. */
    public static double leakyReluGain(double a) {
        return Math.sqrt(2.0 / (1 + a * a));
    }

    private static long receptiveField(long[] shape) {
        long r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static void requireFans(long[] shape) {
        if (shape.length < 2 || Arrays.stream(shape).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("fan-based initialisation needs a shape of at least 2 positive"
                    + " dimensions [out, in, ...], got " + Arrays.toString(shape) + ", as in torch.nn.init");
        }
    }

    private static INDArray fill(DataType dataType, long[] shape, DoubleSupplier next) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("a parameter shape " + Arrays.toString(shape) + " has a negative size");
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a parameter of shape " + Arrays.toString(shape)
                    + " has more than 2^31 values: split it");
        }
        double[] values = new double[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = next.getAsDouble();
        }
        return Nd4j.createFromArray(values).reshape(shape).castTo(dataType);
    }
}
