package org.sdzoo.zoo.models.tcn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.conv.CausalConv1d;
import org.sdzoo.zoo.blocks.conv.TemporalConvNet;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds temporal convolutional networks (locuslab/TCN): a {@link TemporalConvNet} on the input
 * {@value #INPUT} {@code [B, C_in, T]}, whose features {@value #FEATURES} {@code [B, C_last, T]}
 * are always an output, and the config's {@link TcnHead head} as the primary output
 * {@value #OUTPUT}: {@code [B, O]} (last step), {@code [B, T, O]} (per step) or {@code [B, H, O]}
 * (forecast).
 *
 * <p>Parameter names are locuslab's state_dict names: {@code network.{i}.conv1.weight_g},
 * {@code weight_v}, {@code bias} (or {@code weight} without weight norm), {@code conv2.*},
 * {@code downsample.*}, and the head's {@code linear.weight} {@code [O, C_last]} and
 * {@code linear.bias}, initialised as locuslab's {@code TCN} wrappers: weight N(0, 0.01²),
 * PyTorch's default bias.
 */
public final class Tcn {

    /** Input placeholder, {@code [B, C_in, T]}. */
    public static final String INPUT = "x";
    /** Output: the network's last level, {@code [B, C_last, T]}. */
    public static final String FEATURES = "features";
    /** Output of the head: {@code [B, O]}, {@code [B, T, O]} or {@code [B, H, O]}. */
    public static final String OUTPUT = "output";
    /** The head's scope: {@code linear.weight}, {@code linear.bias}. */
    public static final String LINEAR = "linear";

    private static final Logger LOG = LoggerFactory.getLogger(Tcn.class);

    private Tcn() {
    }

    /** @return a new model with the config's seeded initial parameters */
    public static ZooModel create(TcnConfig config) {
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, config.seed(), type);
        SDVariable x = sd.placeHolder(INPUT, type, -1, config.inputChannels(), -1);
        TemporalConvNet network = TemporalConvNet.create(root, config.inputChannels(), config.channels(),
                config.kernelSize(), config.dilationBase(), config.dropout(), config.weightNorm());
        SDVariable features = network.apply(x).rename(FEATURES);                   // [B, C_last, T]

        long c = config.featureChannels();
        List<TensorSpec> outputs = new ArrayList<>();
        if (config.head() != TcnHead.NONE) {
            Linear linear = head(root.child(LINEAR), c, (long) config.outputs() * config.horizon());
            SDVariable out = switch (config.head()) {
                case LAST_STEP -> linear.apply(lastStep(features));                    // [B, O]
                case PER_STEP -> linear.apply(features.permute(0, 2, 1));              // [B, T, O]
                case FORECAST -> linear.apply(lastStep(features))
                        .reshape(-1, config.horizon(), config.outputs());                      // [B, H, O]
                case NONE -> throw new IllegalStateException("no head");
            };
            out.rename(OUTPUT);
            outputs.add(switch (config.head()) {
                case LAST_STEP -> new TensorSpec(OUTPUT, "[B, O]", -1, config.outputs());
                case PER_STEP -> new TensorSpec(OUTPUT, "[B, T, O]", -1, -1, config.outputs());
                default -> new TensorSpec(OUTPUT, "[B, H, O]", -1, config.horizon(), config.outputs());
            });
        }
        outputs.add(new TensorSpec(FEATURES, "[B, C_last, T]", -1, c, -1));
        AtomicBoolean warned = new AtomicBoolean();
        return new ZooModel(config, sd,
                List.of(new TensorSpec(INPUT, "[B, C=" + config.inputChannels() + ", T]", -1, -1, -1)),
                List.of(), outputs, given -> checked(config, given, warned));
    }

    /** locuslab's TCN wrappers: {@code nn.Linear} with {@code weight.data.normal_(0, 0.01)}. */
    private static Linear head(Scope scope, long in, long out) {
        Linear linear = Linear.create(scope, in, out, true);
        linear.weight().getArr().assign(scope.init("weight").normal(scope.dataType(), 0, CausalConv1d.WEIGHT_STD,
                out, in));
        return linear;
    }

    /**
     * @param features {@code [B, C, T]}
     * @return {@code [B, C]}: step T-1, whatever T is
     */
    static SDVariable lastStep(SDVariable features) {
        SameDiff sd = features.getSameDiff();
        // begin -1 counts from the end; end mask takes the rest; shrink drops the time axis
        return sd.stridedSlice(features, new long[] {0, 0, -1}, new long[] {0, 0, 0}, new long[] {1, 1, 1},
                0b011, 0b111, 0, 0, 0b100);
    }

    /** The input's channel count, in the sentence a user with {@code [B, T, C]} data needs. */
    private static Map<String, INDArray> checked(TcnConfig config, Map<String, INDArray> given,
                                                AtomicBoolean warned) {
        INDArray x = given.get(INPUT);
        long[] shape = x.shape();
        if (shape[1] != config.inputChannels()) {
            boolean transposed = shape[2] == config.inputChannels();
            throw new IllegalArgumentException("input '" + INPUT + "' has shape " + Arrays.toString(shape) + ": "
                    + shape[1] + " channels where this tcn model takes " + config.inputChannels() + " (layout [B, C, T])"
                    + (transposed ? "; it looks like [B, T, C]: transpose it with x.permute(0, 2, 1)"
                    : ": give the input " + config.inputChannels() + " channels on axis 1"));
        }
        if (shape[2] < 1) {
            throw new IllegalArgumentException("input '" + INPUT + "' has no time steps (shape "
                    + Arrays.toString(shape) + "): give at least one");
        }
        if (shape[2] > config.receptiveField() && warned.compareAndSet(false, true)) {
            LOG.warn("sequences of {} steps are longer than this TCN's receptive field of {} steps: each output sees"
                    + " only the last {} inputs (add levels or raise kernelSize or dilationBase to see more)",
                    shape[2], config.receptiveField(), config.receptiveField());
        }
        return given;
    }
}
