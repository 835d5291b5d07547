package org.sdzoo.zoo.models.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.attention.AttentionMasks;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.blocks.transformer.DecoderMasks;
import org.sdzoo.zoo.blocks.transformer.TransformerDecoder;
import org.sdzoo.zoo.blocks.transformer.TransformerEncoder;
import org.sdzoo.zoo.blocks.transformer.TransformerEncoderLayer;

/**
 * PyTorch's {@code nn.TransformerEncoderLayer}, {@code nn.TransformerEncoder} and
 * {@code nn.Transformer} ({@code batch_first=True}) as models with their state_dict names.
 *
 * <p><b>Inputs</b>: {@value #SRC} {@code [B, S, D]}; for {@code transformer} also {@value #TGT}
 * {@code [B, T, D]}. <b>Optional masks</b>, with PyTorch's names and conventions (bool True =
 * masked, or a float added to the scores, -inf = masked; left out = no mask):
 * {@value #SRC_MASK} {@code [S, S]}, {@value #SRC_KEY_PADDING_MASK} {@code [B, S]}; for
 * {@code transformer} also {@value #TGT_MASK} {@code [T, T]} (e.g. causal), {@value #MEMORY_MASK}
 * {@code [T, S]}, {@value #TGT_KEY_PADDING_MASK} {@code [B, T]} and
 * {@value #MEMORY_KEY_PADDING_MASK} {@code [B, S]}. PyTorch's {@code [B·H, T, S]} attention masks
 * are not accepted here. <b>Output</b>: {@value #OUTPUT} {@code [B, S, D]} (encoders) or
 * {@code [B, T, D]}.
 */
public final class TorchTransformer {

    /** Input: the source sequence {@code [B, S, D]}. */
    public static final String SRC = "src";
    /** Input (transformer): the target sequence {@code [B, T, D]}. */
    public static final String TGT = "tgt";
    /** Optional input: {@code [S, S]}. */
    public static final String SRC_MASK = "src_mask";
    /** Optional input: {@code [B, S]}. */
    public static final String SRC_KEY_PADDING_MASK = "src_key_padding_mask";
    /** Optional input (transformer): {@code [T, T]}. */
    public static final String TGT_MASK = "tgt_mask";
    /** Optional input (transformer): {@code [T, S]}. */
    public static final String MEMORY_MASK = "memory_mask";
    /** Optional input (transformer): {@code [B, T]}. */
    public static final String TGT_KEY_PADDING_MASK = "tgt_key_padding_mask";
    /** Optional input (transformer): {@code [B, S]}. */
    public static final String MEMORY_KEY_PADDING_MASK = "memory_key_padding_mask";
    /** Output: {@code [B, S, D]} or {@code [B, T, D]}. */
    public static final String OUTPUT = "output";

    private TorchTransformer() {
    }

    /** Builds the module with PyTorch's default initialisation, seeded by {@code seed}. */
    public static ZooModel create(TorchTransformerConfig config, long seed) {
        DataType type = config.precision().dataType();
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, seed, type);
        int d = config.dModel();
        SDVariable src = sd.placeHolder(SRC, type, -1, -1, d);
        SDVariable srcMask = sd.placeHolder(SRC_MASK, type, -1, -1);
        SDVariable srcPadding = sd.placeHolder(SRC_KEY_PADDING_MASK, type, -1, -1);
        SDVariable out = switch (config.module()) {
            case ENCODER_LAYER -> TransformerEncoderLayer.create(root, config.layerConfig()).apply(src, srcMask, srcPadding);
            case ENCODER -> TransformerEncoder.create(root, config.layerConfig(), config.numEncoderLayers(),
                    config.encoderNorm()).apply(src, srcMask, srcPadding);
            case TRANSFORMER -> {
                SDVariable memory = TransformerEncoder.create(root.child("encoder"), config.layerConfig(),
                        config.numEncoderLayers(), true).apply(src, srcMask, srcPadding);
                SDVariable tgt = sd.placeHolder(TGT, type, -1, -1, d);
                yield TransformerDecoder.create(root.child("decoder"), config.layerConfig(), config.numDecoderLayers(),
                        true).apply(tgt, memory, new DecoderMasks(sd.placeHolder(TGT_MASK, type, -1, -1),
                        sd.placeHolder(MEMORY_MASK, type, -1, -1), sd.placeHolder(TGT_KEY_PADDING_MASK, type, -1, -1),
                        sd.placeHolder(MEMORY_KEY_PADDING_MASK, type, -1, -1)));
            }
        };
        sd.identity(OUTPUT, out);
        boolean full = config.module() == TorchModule.TRANSFORMER;
        List<TensorSpec> inputs = new ArrayList<>(List.of(new TensorSpec(SRC, "[B, S, D]", -1, -1, d)));
        List<TensorSpec> masks = new ArrayList<>(List.of(new TensorSpec(SRC_MASK, "[S, S]", -1, -1),
                new TensorSpec(SRC_KEY_PADDING_MASK, "[B, S]", -1, -1)));
        if (full) {
            inputs.add(new TensorSpec(TGT, "[B, T, D]", -1, -1, d));
            masks.addAll(List.of(new TensorSpec(TGT_MASK, "[T, T]", -1, -1), new TensorSpec(MEMORY_MASK, "[T, S]", -1, -1),
                    new TensorSpec(TGT_KEY_PADDING_MASK, "[B, T]", -1, -1),
                    new TensorSpec(MEMORY_KEY_PADDING_MASK, "[B, S]", -1, -1)));
        }
        return new ZooModel(config, sd, inputs, masks,
                List.of(new TensorSpec(OUTPUT, full ? "[B, T, D]" : "[B, S, D]", -1, -1, d)),
                given -> torchMasks(given, type, config.nhead()), given -> zeroMasks(given, masks, type));
    }

    /**
     * PyTorch's masks in the graph's additive form, their shapes checked against {@code src} and
     * {@code tgt}; other inputs unchanged.
     */
    static Map<String, INDArray> torchMasks(Map<String, INDArray> given, DataType type, int heads) {
        INDArray src = given.get(SRC);
        INDArray tgt = given.get(TGT);
        if (src == null || src.rank() != 3) {
            return given;          // the input checks that follow name the problem
        }
        long b = src.size(0);
        long s = src.size(1);
        long t = tgt == null || tgt.rank() != 3 ? -1 : tgt.size(1);
        Map<String, INDArray> out = new LinkedHashMap<>(given);
        for (Map.Entry<String, INDArray> e : given.entrySet()) {
            INDArray m = e.getValue();
            String name = e.getKey();
            switch (name) {
                case SRC_MASK -> AttentionMasks.checkAttnMask(name, rank2(name, m), b * heads, s, s);
                case SRC_KEY_PADDING_MASK, MEMORY_KEY_PADDING_MASK -> AttentionMasks.checkKeyPadding(name, m, b, s);
                case TGT_MASK -> AttentionMasks.checkAttnMask(name, rank2(name, m), b * heads, t, t);
                case MEMORY_MASK -> AttentionMasks.checkAttnMask(name, rank2(name, m), b * heads, t, s);
                case TGT_KEY_PADDING_MASK -> AttentionMasks.checkKeyPadding(name, m, b, t);
                default -> {
                    continue;
                }
            }
            out.put(name, AttentionMasks.fromTorch(m, type));
        }
        return out;
    }

    private static INDArray rank2(String name, INDArray mask) {
        if (mask.rank() == 3) {
            throw new IllegalArgumentException(name + " has shape " + Arrays.toString(mask.shape()) + ": per-head"
                    + " [B·H, T, S] masks are not accepted here; give one [T, S] mask for every sentence and head");
        }
        return mask;
    }

    /** Zero (attend everywhere) for every mask left out. */
    private static Map<String, INDArray> zeroMasks(Map<String, INDArray> given, List<TensorSpec> masks, DataType type) {
        Map<String, INDArray> out = new LinkedHashMap<>(given);
        long b = given.get(SRC).size(0);
        long s = given.get(SRC).size(1);
        long t = given.containsKey(TGT) ? given.get(TGT).size(1) : s;
        for (TensorSpec spec : masks) {
            out.computeIfAbsent(spec.name(), name -> switch (name) {
                case SRC_MASK -> Nd4j.zeros(type, s, s);
                case SRC_KEY_PADDING_MASK, MEMORY_KEY_PADDING_MASK -> Nd4j.zeros(type, b, s);
                case TGT_MASK -> Nd4j.zeros(type, t, t);
                case MEMORY_MASK -> Nd4j.zeros(type, t, s);
                case TGT_KEY_PADDING_MASK -> Nd4j.zeros(type, b, t);
                default -> throw new IllegalStateException("no default for mask " + name);
            });
        }
        return out;
    }
}
