package org.sdzoo.zoo.blocks.conv;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.blocks.nn.Dropout;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * locuslab's {@code TemporalBlock}: {@code y1 = Dropout(ReLU(conv1(x)))},
 * {@code y2 = Dropout(ReLU(conv2(y1)))}, {@code out = ReLU(y2 + res)} where {@code res} is x, or a
 * 1×1 convolution of x ({@code downsample}) when the channel count changes. Both convolutions are
 * causal with the same kernel size and dilation. Parameters: {@code conv1.*}, {@code conv2.*},
 * {@code downsample.weight}/{@code bias} under the block's scope.
 *
 * @param conv1      C_in → C_out
 * @param conv2      C_out → C_out
 * @param downsample 1×1, C_in → C_out, or null when C_in = C_out
 * @param dropout    PyTorch's drop probability after each convolution
 */
public record TemporalBlock(CausalConv1d conv1, CausalConv1d conv2, CausalConv1d downsample, double dropout) {

    /**
     * @param weightNorm weight-normalise conv1 and conv2 (never the downsample, as locuslab)
     */
    public static TemporalBlock create(Scope scope, long inChannels, long outChannels, int kernelSize, int dilation,
                                       double dropout, boolean weightNorm) {
        CausalConv1d conv1 = CausalConv1d.create(scope.child("conv1"), inChannels, outChannels, kernelSize, dilation,
                weightNorm);
        CausalConv1d conv2 = CausalConv1d.create(scope.child("conv2"), outChannels, outChannels, kernelSize, dilation,
                weightNorm);
        CausalConv1d downsample = inChannels == outChannels ? null
                : CausalConv1d.create(scope.child("downsample"), inChannels, outChannels, 1, 1, false);
        return new TemporalBlock(conv1, conv2, downsample, dropout);
    }

    /** @return how many steps back the block's output sees: two convolutions, {@code 2·(K-1)·d} */
    public long lookBack() {
        return conv1.lookBack() + conv2.lookBack();
    }

    /**
     * @param x {@code [B, C_in, T]}
     * @return {@code [B, C_out, T]}
     */
    public SDVariable apply(SDVariable x) {
        return applyChannelMajor(x.permute(1, 0, 2)).permute(1, 0, 2);
    }

    /**
     * The block in {@link CausalConv1d#applyChannelMajor channel-major layout}.
     *
     * @param x {@code [C_in, B, T]}
     * @return {@code [C_out, B, T]}
     */
    public SDVariable applyChannelMajor(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable y = Dropout.apply(sd, Activation.RELU.apply(conv1.applyChannelMajor(x)), dropout);
        y = Dropout.apply(sd, Activation.RELU.apply(conv2.applyChannelMajor(y)), dropout);
        SDVariable res = downsample == null ? x : downsample.applyChannelMajor(x);
        // Activation.RELU, not sd.nn.relu: the same values and gradients, and M2.1's relu_bp took
        // about 4 ms a call at [30, 32, 600] (a tenth of the adding step's ops).
        return Activation.RELU.apply(y.add(res));                                         // [C_out, B, T]
    }
}
