package org.sdzoo.zoo.blocks.conv;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * locuslab's {@code TemporalConvNet}: one {@link TemporalBlock} per level, level i with dilation
 * {@code base^i}, named {@code network.{i}.*} under the given scope (as locuslab's state_dict).
 *
 * @param blocks the levels, in order
 */
public record TemporalConvNet(List<TemporalBlock> blocks) {

    public TemporalConvNet {
        blocks = List.copyOf(blocks);
    }

    /**
     * @param channels C_out of each level
     * @param base     the dilation base (locuslab: 2)
     */
    public static TemporalConvNet create(Scope scope, long inChannels, List<Integer> channels, int kernelSize,
                                         int base, double dropout, boolean weightNorm) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a TemporalConvNet needs at least one level: give channels per level");
        }
        List<TemporalBlock> blocks = new ArrayList<>();
        Scope network = scope.child("network");
        long in = inChannels;
        for (int i = 0; i < channels.size(); i++) {
            blocks.add(TemporalBlock.create(network.child(i), in, channels.get(i), kernelSize, dilation(base, i),
                    dropout, weightNorm));
            in = channels.get(i);
        }
        return new TemporalConvNet(blocks);
    }

    /**
     * @param x {@code [B, C_in, T]}
     * @return {@code [B, C_last, T]}
     */
    public SDVariable apply(SDVariable x) {
        // the levels run channel-major (see CausalConv1d#applyChannelMajor): one transpose in, one out
        SDVariable y = x.permute(1, 0, 2);                                                 // [C_in, B, T]
        for (TemporalBlock b : blocks) {
            y = b.applyChannelMajor(y);
        }
        return y.permute(1, 0, 2);                                                         // [B, C_last, T]
    }

    /** @return the dilation of level {@code level}: {@code base^level} */
    public static int dilation(int base, int level) {
        long d = 1;
        for (int i = 0; i < level; i++) {
            d *= base;
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("dilation " + base + "^" + level + " does not fit an int:"
                        + " use fewer levels or a smaller dilation base");
            }
        }
        return (int) d;
    }

    /**
     * The receptive field of a stack of levels with two causal convolutions each:
     * {@code 1 + 2·(K-1)·Σ base^i}, the number of input steps output t depends on.
     */
    public static long receptiveField(int kernelSize, int base, int levels) {
        long sum = 0;
        for (int i = 0; i < levels; i++) {
            sum += dilation(base, i);
        }
        return 1 + 2L * (kernelSize - 1) * sum;
    }

    /** @return this network's receptive field in steps */
    public long receptiveField() {
        return 1 + blocks.stream().mapToLong(TemporalBlock::lookBack).sum();
    }
}
