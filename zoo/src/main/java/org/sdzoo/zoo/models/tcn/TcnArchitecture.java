package org.sdzoo.zoo.models.tcn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sdzoo.zoo.Architecture;
import org.sdzoo.zoo.WeightMapping;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.ModelConfig;

/**
 * The TCN as the archive, the command line and the PyTorch importer see it; listed in
 * {@code META-INF/services/org.sdzoo.zoo.Architecture}.
 *
 * <p>Import reads a locuslab {@code TemporalConvNet} state_dict ({@code network.{i}.*}) or a
 * {@code TCN} wrapper's ({@code tcn.network.{i}.*} and {@code linear.*}). Sizes come from the
 * shapes ({@link #inferConfig}); locuslab's state_dict holds each weight-normalised conv twice,
 * as {@code network.{i}.conv1.*} and {@code network.{i}.net.0.*} ({@code conv2} as
 * {@code net.4.*}): both are accepted, must be equal, and neither is reported as unexpected.
 */
public final class TcnArchitecture implements Architecture {

    private static final Pattern LEVEL = Pattern.compile("^network\\.(\\d+)\\.");
    private static final String WRAPPER = "tcn.";

    @Override
    public String name() {
        return TcnConfig.ARCHITECTURE;
    }

    @Override
    public String description() {
        return "Temporal convolutional network (Bai, Kolter, Koltun 2018): dilated causal convolutions, residual"
                + " blocks, weight norm; last-step, per-step or forecast head";
    }

    /** locuslab's adding problem: 2 input channels, 8 levels of 30, kernel 7, a last-step head of 1. */
    @Override
    public ModelConfig defaultConfig() {
        return TcnConfig.builder().inputChannels(2).levels(8, 30).kernelSize(7).dropout(0.0)
                .head(TcnHead.LAST_STEP).outputs(1).build();
    }

    @Override
    public ModelConfig configFromJson(String json) {
        return TcnConfig.fromJson(json);
    }

    @Override
    public ZooModel restore(ModelConfig config, SameDiff saved) {
        ZooModel model = Tcn.create((TcnConfig) config);
        model.copyParametersFrom(saved, "the saved graph");
        return model;
    }

    /**
     * Builds the model the state_dict describes: input channels, channels per level, kernel size,
     * weight norm and the head's width come from its shapes, the rest (dilation base, dropout,
     * head kind, horizon, seed, precision) from {@code config}. A state_dict with {@code linear.*}
     * and a config without head gets a last-step head, as locuslab's wrappers.
     */
    @Override
    public ZooModel importTorch(ModelConfig config, Map<String, INDArray> stateDict, Map<String, INDArray> extra) {
        Map<String, INDArray> plain = withoutWrapperPrefix(stateDict);
        TcnConfig c = inferConfig((TcnConfig) config, plain);
        ZooModel model = Tcn.create(c);
        mapping(c, plain.containsKey("network.0.net.0.bias")).apply(model.sameDiff(), plain);
        return model;
    }

    /**
     * The declared correspondence of locuslab's names and this model's variables.
     *
     * @param duplicates whether the state_dict also holds each conv as {@code net.0} / {@code net.4}
     *                   (locuslab's, since its {@code net} Sequential registers the same modules)
     */
    static WeightMapping mapping(TcnConfig c, boolean duplicates) {
        WeightMapping.Builder m = WeightMapping.builder(TcnConfig.ARCHITECTURE);
        long in = c.inputChannels();
        for (int i = 0; i < c.channels().size(); i++) {
            String level = "network." + i + ".";
            for (String[] conv : new String[][] {{"conv1", "net.0"}, {"conv2", "net.4"}}) {
                List<String> leaves = c.weightNorm() ? List.of("weight_g", "weight_v", "bias") : List.of("weight", "bias");
                for (String leaf : leaves) {
                    m.copy(level + conv[0] + "." + leaf);
                }
                if (duplicates) {
                    for (String leaf : leaves) {
                        m.alias(level + conv[1] + "." + leaf, level + conv[0] + "." + leaf);
                    }
                }
            }
            if (in != c.channels().get(i)) {
                m.copy(level + "downsample.weight").copy(level + "downsample.bias");
            }
            in = c.channels().get(i);
        }
        if (c.head() != TcnHead.NONE) {
            m.copy(Tcn.LINEAR + ".weight").copy(Tcn.LINEAR + ".bias");
        }
        return m.build();
    }

    /**
     * A {@code TCN} wrapper's state_dict names the network {@code tcn.network.*}; the bare
     * {@code TemporalConvNet}'s {@code network.*}.
     */
    static Map<String, INDArray> withoutWrapperPrefix(Map<String, INDArray> stateDict) {
        boolean wrapped = stateDict.keySet().stream().anyMatch(k -> k.startsWith(WRAPPER + "network."));
        if (!wrapped) {
            return stateDict;
        }
        Map<String, INDArray> plain = new LinkedHashMap<>();
        stateDict.forEach((k, v) -> plain.put(k.startsWith(WRAPPER) ? k.substring(WRAPPER.length()) : k, v));
        return plain;
    }

    /**
     * Reads the sizes from a state_dict without the wrapper prefix.
     *
     * @throws IllegalArgumentException when it holds no {@code network.{i}} levels, or levels
     *                                  with gaps
     */
    static TcnConfig inferConfig(TcnConfig base, Map<String, INDArray> stateDict) {
        TreeSet<Integer> levels = new TreeSet<>();
        for (String k : stateDict.keySet()) {
            Matcher matcher = LEVEL.matcher(k);
            if (matcher.find()) {
                levels.add(Integer.valueOf(matcher.group(1)));
            }
        }
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("the state_dict has no 'network.{i}.' entries (names: "
                    + new TreeSet<>(stateDict.keySet()) + "): give a locuslab TemporalConvNet or TCN state_dict");
        }
        if (levels.first() != 0 || levels.last() != levels.size() - 1) {
            throw new IllegalArgumentException("the state_dict's levels " + levels + " are not 0.." + (levels.size() - 1)
                    + ": every level of the TemporalConvNet must be saved");
        }
        boolean weightNorm = stateDict.containsKey("network.0.conv1.weight_v");
        String weight = weightNorm ? "weight_v" : "weight";
        List<Integer> channels = new ArrayList<>();
        INDArray first = require(stateDict, "network.0.conv1." + weight);
        for (int i = 0; i < levels.size(); i++) {
            INDArray w = require(stateDict, "network." + i + ".conv1." + weight);
            if (w.rank() != 3) {
                throw new IllegalArgumentException("'network." + i + ".conv1." + weight + "' has rank " + w.rank()
                        + " but a Conv1d weight is [C_out, C_in, K]");
            }
            channels.add((int) w.size(0));
        }
        TcnConfig.Builder b = base.toBuilder().inputChannels((int) first.size(1)).channels(channels)
                .kernelSize((int) first.size(2)).weightNorm(weightNorm);
        INDArray linear = stateDict.get(Tcn.LINEAR + ".weight");
        if (linear == null) {
            b.head(TcnHead.NONE).outputs(0).horizon(1);
        } else {
            TcnHead head = base.head() == TcnHead.NONE ? TcnHead.LAST_STEP : base.head();
            long rows = linear.size(0);
            int horizon = head == TcnHead.FORECAST ? base.horizon() : 1;
            if (rows % horizon != 0) {
                throw new IllegalArgumentException("'linear.weight' has " + rows + " rows, which a forecast head of"
                        + " horizon " + horizon + " cannot split into horizon x outputs: set horizon in the config");
            }
            b.head(head).outputs((int) (rows / horizon)).horizon(horizon);
        }
        return b.build();
    }

    private static INDArray require(Map<String, INDArray> stateDict, String name) {
        INDArray a = stateDict.get(name);
        if (a == null) {
            throw new IllegalArgumentException("the state_dict has no '" + name + "', which every locuslab"
                    + " TemporalConvNet level has (names: " + new TreeSet<>(stateDict.keySet()) + ")");
        }
        return a;
    }
}
