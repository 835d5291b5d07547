package org.sdzoo.zoo.blocks.attention;

import java.util.Arrays;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.blocks.AttentionOutputs;
import org.sdzoo.zoo.blocks.nn.Init;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * {@code torch.nn.MultiheadAttention(embed_dim, num_heads, dropout, bias, kdim, vdim,
 * batch_first=True)} with PyTorch's parameter names: when {@code kdim = vdim = embed_dim} one
 * packed {@code in_proj_weight [3D, D]} (Q, K, V rows in that order), otherwise
 * {@code q_proj_weight [D, D]}, {@code k_proj_weight [D, kdim]}, {@code v_proj_weight [D, vdim]};
 * {@code in_proj_bias [3D]}; {@code out_proj.weight}, {@code out_proj.bias}. Heads are split by
 * reshape/permute and attend through batched mmul ({@link ScaledDotProductAttention}).
 *
 * <p>Differences from PyTorch: the weights returned are those before dropout (PyTorch 1.13
 * returns them after; equal in inference), and a query whose keys are all masked gets zero
 * weights and output {@code out_proj.bias} instead of NaN. No {@code add_bias_kv} or
 * {@code add_zero_attn}.
 *
 * @param embedDim     D
 * @param numHeads     H, dividing D
 * @param kdim         key width
 * @param vdim         value width
 * @param dropout      PyTorch's p on the attention weights
 * @param inProjWeight {@code [3D, D]} when packed, else null
 * @param qProjWeight  {@code [D, D]} when not packed, else null
 * @param kProjWeight  {@code [D, kdim]} when not packed, else null
 * @param vProjWeight  {@code [D, vdim]} when not packed, else null
 * @param inProjBias   {@code [3D]} or null without bias
 * @param outProj      {@code out_proj}, {@code [D, D]}
 */
public record MultiHeadAttention(long embedDim, int numHeads, long kdim, long vdim, double dropout,
                                 SDVariable inProjWeight, SDVariable qProjWeight, SDVariable kProjWeight,
                                 SDVariable vProjWeight, SDVariable inProjBias, Linear outProj) {

    /** Self-attention sizes ({@code kdim = vdim = embedDim}, packed) with biases. */
    public static MultiHeadAttention create(Scope scope, long embedDim, int numHeads, double dropout) {
        return create(scope, embedDim, numHeads, embedDim, embedDim, dropout, true);
    }

    /**
     * Creates the parameters with PyTorch's initialisation: {@code xavier_uniform_} for the
     * projections, zero {@code in_proj_bias} and {@code out_proj.bias}, {@code nn.Linear}'s
     * default for {@code out_proj.weight}.
     *
     * @throws IllegalArgumentException when D is not divisible by H, or a size is below 1
     */
    public static MultiHeadAttention create(Scope scope, long embedDim, int numHeads, long kdim, long vdim,
                                            double dropout, boolean bias) {
        if (embedDim < 1 || numHeads < 1 || kdim < 1 || vdim < 1) {
            throw new IllegalArgumentException("MultiheadAttention '" + scope.path() + "' needs embedDim (" + embedDim
                    + "), numHeads (" + numHeads + "), kdim (" + kdim + ") and vdim (" + vdim + ") >= 1");
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embedDim (" + embedDim + ") must be divisible by numHeads (" + numHeads
                    + "): choose numHeads among the divisors of embedDim");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiheadAttention '" + scope.path() + "' dropout (" + dropout
                    + ") must be in [0, 1), PyTorch's p");
        }
        DataType type = scope.dataType();
        boolean packed = kdim == embedDim && vdim == embedDim;
        SDVariable in = null;
        SDVariable q = null;
        SDVariable k = null;
        SDVariable v = null;
        if (packed) {
            in = scope.param("in_proj_weight", scope.init("in_proj_weight").xavierUniform(type, 1, 3 * embedDim, embedDim));
        } else {
            q = scope.param("q_proj_weight", scope.init("q_proj_weight").xavierUniform(type, 1, embedDim, embedDim));
            k = scope.param("k_proj_weight", scope.init("k_proj_weight").xavierUniform(type, 1, embedDim, kdim));
            v = scope.param("v_proj_weight", scope.init("v_proj_weight").xavierUniform(type, 1, embedDim, vdim));
        }
        SDVariable b = bias ? scope.param("in_proj_bias", Init.zeros(type, 3 * embedDim)) : null;
        Scope out = scope.child("out_proj");
        SDVariable outWeight = out.param("weight",
                out.init("weight").kaimingUniform(type, Math.sqrt(5), true, embedDim, embedDim));
        SDVariable outBias = bias ? out.param("bias", Init.zeros(type, embedDim)) : null;
        return new MultiHeadAttention(embedDim, numHeads, kdim, vdim, dropout, in, q, k, v, b,
                new Linear(outWeight, outBias, embedDim, embedDim));
    }

    /** @return whether Q, K and V share the packed {@code in_proj_weight} */
    public boolean packed() {
        return inProjWeight != null;
    }

    /** @return D/H */
    public long headDim() {
        return embedDim / numHeads;
    }

    /**
     * @param query          {@code [B, T, D]}
     * @param key            {@code [B, S, kdim]}
     * @param value          {@code [B, S, vdim]}
     * @param keyPaddingMask additive {@code [B, S]} ({@link AttentionMasks#fromTorch}), or null
     * @param attnMask       additive {@code [T, S]} or {@code [B·H, T, S]} (rank declared), or null
     * @return output {@code [B, T, D]}, weights {@code [B, H, T, S]} and {@code [B, T, S]}
     */
    public MultiHeadOutputs apply(SDVariable query, SDVariable key, SDVariable value,
                                  SDVariable keyPaddingMask, SDVariable attnMask) {
        return attend(heads(0, query), heads(1, key), heads(2, value), keyPaddingMask, attnMask, query);
    }

    /**
     * Q's, K's or V's projection split into heads: how {@link #apply} reads its inputs, for a
     * caller that keeps keys and values across calls (a decoder's cache, a memory read by every
     * decoding step).
     *
     * @param part 0 for queries, 1 for keys, 2 for values
     * @param x    {@code [B, L, D]} ({@code [B, L, kdim]} / {@code [B, L, vdim]} for keys / values)
     * @return {@code [B, H, L, D/H]}
     */
    public SDVariable heads(int part, SDVariable x) {
        if (part < 0 || part > 2) {
            throw new IllegalArgumentException("part " + part + " is not 0 (Q), 1 (K) or 2 (V)");
        }
        SDVariable separate = part == 0 ? qProjWeight : part == 1 ? kProjWeight : vProjWeight;
        return splitHeads(x.getSameDiff(), projection(part, separate).apply(x));
    }

    /**
     * Attention of projected heads, merged and projected by {@code out_proj}: the rest of
     * {@link #apply} after {@link #heads}.
     *
     * @param q              {@code [B, H, T, D/H]}
     * @param k              {@code [B, H, S, D/H]}
     * @param v              {@code [B, H, S, D/H]}
     * @param keyPaddingMask additive {@code [B, S]}, or null
     * @param attnMask       additive {@code [T, S]} or {@code [B·H, T, S]}, or null
     * @param query          the queries before projection {@code [B, T, ...]}, for the output's shape
     * @return output {@code [B, T, D]}, weights {@code [B, H, T, S]} and their mean over heads
     */
    public MultiHeadOutputs attend(SDVariable q, SDVariable k, SDVariable v, SDVariable keyPaddingMask,
                                   SDVariable attnMask, SDVariable query) {
        SameDiff sd = q.getSameDiff();
        AttentionOutputs heads = ScaledDotProductAttention.apply(q, k, v, mask(sd, keyPaddingMask, attnMask),
                1 / Math.sqrt(headDim()), dropout);
        SDVariable merged = heads.output().permute(0, 2, 1, 3)                          // [B, T, H, D/H]
                .reshape(leadingWith(sd, query, embedDim));                              // [B, T, D]
        SDVariable weights = heads.weights();                                            // [B, H, T, S]
        return new MultiHeadOutputs(outProj.apply(merged), weights, weights.mean(1));
    }

    /** Self-attention: {@code apply(x, x, x, keyPaddingMask, attnMask)}. */
    public MultiHeadOutputs apply(SDVariable x, SDVariable keyPaddingMask, SDVariable attnMask) {
        return apply(x, x, x, keyPaddingMask, attnMask);
    }

    /** Q, K or V's projection: rows {@code part·D .. (part+1)·D} of the packed weight and bias. */
    private Linear projection(int part, SDVariable separate) {
        SDIndex rows = SDIndex.interval(part * embedDim, (part + 1) * embedDim);
        SDVariable w = packed() ? inProjWeight.get(rows, SDIndex.all()) : separate;
        SDVariable b = inProjBias == null ? null : inProjBias.get(rows);
        long in = packed() ? embedDim : separate.getShape()[1];
        return new Linear(w, b, in, embedDim);
    }

    /** {@code [B, L, D]} → {@code [B, H, L, D/H]}. */
    private SDVariable splitHeads(SameDiff sd, SDVariable x) {
        SDVariable shape = sd.concat(0, leading(sd, x), sd.constant(Nd4j.createFromArray((long) numHeads, headDim())));
        return x.reshape(shape).permute(0, 2, 1, 3);                                     // [B, H, L, D/H]
    }

    /** The key-padding and attention masks combined, broadcastable to {@code [B, H, T, S]}. */
    private SDVariable mask(SameDiff sd, SDVariable keyPaddingMask, SDVariable attnMask) {
        SDVariable padding = null;
        if (keyPaddingMask != null) {
            requireRank(keyPaddingMask, "key_padding_mask", 2);
            padding = sd.expandDims(sd.expandDims(keyPaddingMask, 1), 1);               // [B, 1, 1, S]
        }
        SDVariable attention = null;
        if (attnMask != null) {
            long[] s = requireRank(attnMask, "attn_mask", 2, 3);
            attention = s.length == 2 ? attnMask                                         // [T, S]
                    : attnMask.reshape(sd.concat(0, sd.constant(Nd4j.createFromArray(-1L, numHeads)),
                            sd.shape(attnMask).castTo(DataType.INT64).get(SDIndex.interval(1, 3)))); // [B, H, T, S]
        }
        if (padding == null) {
            return attention;
        }
        return attention == null ? padding : padding.add(attention);
    }

    /** The first two sizes of {@code x} ({@code [B, L]}) followed by {@code last}. */
    private static SDVariable leadingWith(SameDiff sd, SDVariable x, long last) {
        return sd.concat(0, leading(sd, x), sd.constant(Nd4j.createFromArray(last)));
    }

    private static SDVariable leading(SameDiff sd, SDVariable x) {
        return sd.shape(x).castTo(DataType.INT64).get(SDIndex.interval(0, 2));          // [2]: B, L
    }

    private static long[] requireRank(SDVariable mask, String what, int... ranks) {
        long[] s = mask.getShape();
        if (s == null || Arrays.stream(ranks).noneMatch(r -> r == s.length)) {
            throw new IllegalArgumentException(what + " '" + mask.name() + "' has shape " + Arrays.toString(s)
                    + ": declare it with rank " + Arrays.toString(ranks)
                    + (what.equals("attn_mask") ? " ([T, S] or [B·H, T, S])" : " ([B, S])"));
        }
        return s;
    }
}
