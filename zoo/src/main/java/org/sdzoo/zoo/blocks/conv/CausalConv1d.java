package org.sdzoo.zoo.blocks.conv;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Im2col;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * A dilated causal 1-D convolution, {@code torch.nn.Conv1d} with PyTorch's weight layout
 * {@code [C_out, C_in, K]}: output step t sees inputs t - (K-1)·d, …, t - d, t and nothing later.
 *
 * <p>Why this is causal: the input is padded with (K-1)·d zeros on the left only, so output t is the filter over steps t-(K-1)·d … t. locuslab pads
 * (K-1)·d zeros on <em>both</em> sides and then "chomps" the last (K-1)·d outputs; its output j
 * covers padded positions j … j+(K-1)·d, i.e. inputs j-(K-1)·d … j, and the outputs it drops are
 * exactly those that would read the right padding. Both give the same T outputs (the PyTorch
 * parity fixture checks it); left padding avoids computing and discarding (K-1)·d steps.
 *
 * <p>With weight normalisation the parameters are {@code weight_g} {@code [C_out, 1, 1]} and
 * {@code weight_v} {@code [C_out, C_in, K]} as in {@code weight_norm(conv)}'s state_dict; without,
 * {@code weight}. Bias {@code [C_out]} always.
 *
 * @param weightG     {@code [C_out, 1, 1]}, or null without weight norm
 * @param weightV     {@code [C_out, C_in, K]}, or null without weight norm
 * @param weight      {@code [C_out, C_in, K]}: the plain weight, or {@code g · v / ‖v‖}
 * @param bias        {@code [C_out]}
 * @param inChannels  C_in
 * @param outChannels C_out
 * @param kernelSize  K
 * @param dilation    d
 */
public record CausalConv1d(SDVariable weightG, SDVariable weightV, SDVariable weight, SDVariable bias,
                           long inChannels, long outChannels, int kernelSize, int dilation) {

    /** The standard deviation of locuslab's {@code weight.data.normal_(0, 0.01)}. */
    public static final double WEIGHT_STD = 0.01;

    /**
     * Creates the parameters with locuslab's effective initialisation. Without weight norm the
     * weight is N(0, 0.01²) ({@code init_weights}). With weight norm, locuslab's
     * {@code conv.weight.data.normal_(0, 0.01)} has no effect: {@code weight_norm}'s hook
     * recomputes the weight from g and v before every forward (the fixture script shows it), so v
     * keeps {@code Conv1d}'s default U(±1/√(C_in·K)) and g = ‖v‖, as here. Bias: U(±1/√(C_in·K)),
     * PyTorch's default.
     */
    public static CausalConv1d create(Scope scope, long inChannels, long outChannels, int kernelSize, int dilation,
                                      boolean weightNorm) {
        if (inChannels < 1 || outChannels < 1 || kernelSize < 1 || dilation < 1) {
            throw new IllegalArgumentException("causal conv '" + scope.path() + "' needs inChannels (" + inChannels
                    + "), outChannels (" + outChannels + "), kernelSize (" + kernelSize + ") and dilation ("
                    + dilation + ") >= 1");
        }
        long[] shape = {outChannels, inChannels, kernelSize};
        double bound = 1 / Math.sqrt(inChannels * (double) kernelSize);
        SDVariable bias = scope.param("bias", scope.init("bias").uniform(scope.dataType(), -bound, bound, outChannels));
        if (!weightNorm) {
            SDVariable w = scope.param("weight", scope.init("weight").normal(scope.dataType(), 0, WEIGHT_STD, shape));
            return new CausalConv1d(null, null, w, bias, inChannels, outChannels, kernelSize, dilation);
        }
        var v = scope.init("weight_v").uniform(scope.dataType(), -bound, bound, shape);
        var g = v.norm2(1, 2).reshape(outChannels, 1, 1);
        SDVariable weightV = scope.param("weight_v", v);
        SDVariable weightG = scope.param("weight_g", g);
        return new CausalConv1d(weightG, weightV, WeightNorm.apply(weightG, weightV), bias, inChannels, outChannels,
                kernelSize, dilation);
    }

    /** @return true when the weight is {@code g · v / ‖v‖} */
    public boolean weightNorm() {
        return weightG != null;
    }

    /** @return how many steps back output t sees: {@code (K-1)·d} */
    public long lookBack() {
        return (long) (kernelSize - 1) * dilation;
    }

    /**
     * @param x {@code [B, C_in, T]}, any T ≥ 1
     * @return {@code [B, C_out, T]}; step t depends on input steps ≤ t only
     */
    public SDVariable apply(SDVariable x) {
        return applyChannelMajor(x.permute(1, 0, 2)).permute(1, 0, 2);
    }

    /**
     * The convolution in channel-major layout, the one {@link TemporalConvNet} runs its levels in:
     * im2col with the batch as the image's height gives the columns {@code [C_in·K, B·T]} without
     * a transpose, and one matrix product {@code [C_out, C_in·K] × [C_in·K, B·T]} gives the output
     * already in this layout.
     *
     * <p>Why not ND4J's {@code conv1d}: at the TCN's shapes M2.1's {@code conv1d_bp} costs about six
     * forward convolutions (it permutes its column buffer into a second one for the weight
     * gradient, writes the input gradient's columns through another permute and folds them back),
     * and the {@code [B, C, T]} layout makes {@code conv1d} permute its columns and output on every
     * call. Here the gradient is two matrix products and im2col's own backward ({@code col2im});
     * measured on the TCN page (models/tcn.md, "Speed").
     *
     * @param x {@code [C_in, B, T]}, any T ≥ 1
     * @return {@code [C_out, B, T]}; step t depends on input steps ≤ t only
     */
    public SDVariable applyChannelMajor(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        SDVariable cols;                                                                   // [C_in·K, B·T]
        if (kernelSize == 1) {
            cols = x.reshape(inChannels, -1);
        } else {
            int[][] leftPad = {{0, 0}, {0, 0}, {(int) lookBack(), 0}};
            SDVariable padded = sd.nn.pad(x, sd.constant(Nd4j.createFromArray(leftPad)), 0.0); // [C_in, B, T+(K-1)·d]
            SDVariable image = sd.expandDims(padded, 0);                                   // [1, C_in, B, T+(K-1)·d]
            Conv2DConfig taps = Conv2DConfig.builder().kH(1).kW(kernelSize).sH(1).sW(1).pH(0).pW(0).dH(1)
                    .dW(dilation).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build();
            cols = new Im2col(sd, image, taps).outputVariable()                             // [1, C_in, 1, K, B, T]
                    .reshape(inChannels * kernelSize, -1);
        }
        SDVariable y = weight.reshape(outChannels, inChannels * kernelSize).mmul(cols)
                .add(bias.reshape(outChannels, 1));                                        // [C_out, B·T]
        SDVariable inShape = sd.shape(x);                                                  // (C_in, B, T)
        SDVariable outShape = inShape.mul(constant(sd, inShape, 0, 1, 1)).add(constant(sd, inShape, outChannels, 0, 0));
        return y.reshape(outShape);                                                        // [C_out, B, T]
    }

    private static SDVariable constant(SameDiff sd, SDVariable like, long... values) {
        return sd.constant(Nd4j.createFromArray(values)).castTo(like.dataType());
    }
}
