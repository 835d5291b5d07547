package org.sdzoo.zoo.blocks.conv;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Weight normalisation (Salimans and Kingma 2016) as {@code torch.nn.utils.weight_norm(m, dim=0)}:
 * {@code w = g · v / ‖v‖}, one norm per output channel over every other dimension. Built from
 * primitives, whose gradients pass the strict check (SAMEDIFF-M2.1.md).
 */
public final class WeightNorm {

    private WeightNorm() {
    }

    /**
     * @param g {@code [C_out, 1, 1]} the per-channel length (PyTorch's {@code weight_g})
     * @param v {@code [C_out, C_in, K]} the direction (PyTorch's {@code weight_v})
     * @return {@code [C_out, C_in, K]}
     */
    public static SDVariable apply(SDVariable g, SDVariable v) {
        SDVariable norm = v.norm2(true, 1, 2);                         // [C_out, 1, 1]
        return v.mul(g.div(norm));
    }
}
