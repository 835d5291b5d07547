package org.sdzoo.zoo.models.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.attention.AttentionFixture;
import org.sdzoo.zoo.config.Precision;

/**
 * PyTorch's modules imported from their state_dicts (fixtures/attention, written by its
 * make_fixture.py) and run with PyTorch's raw masks (bool, True = masked).
 */
class TorchTransformerTest {

    private static TorchTransformerConfig config(TorchModule module, String activation, double eps, boolean normFirst) {
        return TorchTransformerConfig.builder(module).nhead(2).dropout(0).activation(activation).layerNormEps(eps)
                .normFirst(normFirst).precision(Precision.FLOAT64).build();
    }

    private static Map<String, INDArray> inputs(String testCase, String... names) {
        Map<String, INDArray> in = new LinkedHashMap<>();
        for (String n : names) {
            in.put(n, AttentionFixture.get(testCase, n));
        }
        return in;
    }

    @Test
    void nnTransformerTwoPlusTwoMatchesPyTorchWithItsOwnMasks() {
        String c = "transformer";
        ZooModel model = new TorchTransformerArchitecture.Transformer().importTorch(
                config(TorchModule.TRANSFORMER, "relu", 1e-5, false), AttentionFixture.stateDict(c), Map.of());
        Map<String, INDArray> in = inputs(c, "src", "tgt", "tgt_mask", "src_key_padding_mask", "tgt_key_padding_mask",
                "memory_key_padding_mask");
        assertEquals(DataType.BOOL, in.get("src_key_padding_mask").dataType(), "the fixture's masks are PyTorch's bools");
        INDArray out = model.predict(in).get(TorchTransformer.OUTPUT);
        AttentionFixture.assertClose(AttentionFixture.get(c, "output"), out, c);
        TorchTransformerConfig imported = (TorchTransformerConfig) model.config();
        assertEquals(8, imported.dModel());
        assertEquals(16, imported.dimFeedforward());
        assertEquals(2, imported.numEncoderLayers());
        assertEquals(2, imported.numDecoderLayers());
    }

    /** {@code nn.TransformerEncoder} of 2 layers and a final norm: output and every parameter's gradient. */
    @Test
    void encoderStackMatchesPyTorchWithGradients() {
        String c = "encoder_stack";
        ZooModel model = new TorchTransformerArchitecture.Encoder().importTorch(config(TorchModule.ENCODER, "relu", 1e-5,
                false), AttentionFixture.stateDict(c), Map.of());
        TorchTransformerConfig imported = (TorchTransformerConfig) model.config();
        assertEquals(2, imported.numEncoderLayers());
        Map<String, INDArray> in = inputs(c, "src", "src_mask", "src_key_padding_mask");
        AttentionFixture.assertClose(AttentionFixture.get(c, "output"), model.predict(in).get(TorchTransformer.OUTPUT), c);
        org.nd4j.autodiff.samediff.SameDiff sd = model.sameDiff();
        sd.getVariable(TorchTransformer.OUTPUT).mul(sd.constant(AttentionFixture.get(c, "probe"))).sum()
                .rename("parity_loss");
        sd.setLossVariables("parity_loss");
        Map<String, INDArray> grads = org.sdzoo.zoo.samediff.QuietSameDiff.run(
                () -> sd.calculateGradients(model.placeholders(in), model.parameterNames()));
        assertEquals(AttentionFixture.stateDict(c).size(), model.parameterNames().size());
        for (String name : model.parameterNames()) {
            AttentionFixture.assertClose(AttentionFixture.get(c, "grad." + name), grads.get(name), c + " d/d" + name);
        }
    }

    @Test
    void encoderLayersMatchPyTorchPostAndPreLn() {
        for (String c : new String[] {"encoder_post", "encoder_pre"}) {
            boolean pre = c.equals("encoder_pre");
            ZooModel model = new TorchTransformerArchitecture.Layer().importTorch(config(TorchModule.ENCODER_LAYER,
                    pre ? "gelu" : "relu", pre ? 1e-6 : 1e-5, pre), AttentionFixture.stateDict(c), Map.of());
            INDArray out = model.predict(inputs(c, "src", "src_mask", "src_key_padding_mask")).get(TorchTransformer.OUTPUT);
            AttentionFixture.assertClose(AttentionFixture.get(c, "output"), out, c);
        }
    }

    @Test
    void additiveFloatMasksWithMinusInfinityEqualBoolMasks() {
        String c = "encoder_post";
        ZooModel model = new TorchTransformerArchitecture.Layer().importTorch(config(TorchModule.ENCODER_LAYER, "relu",
                1e-5, false), AttentionFixture.stateDict(c), Map.of());
        Map<String, INDArray> in = inputs(c, "src", "src_mask", "src_key_padding_mask");
        INDArray bool = in.get("src_key_padding_mask");
        INDArray additive = Nd4j.zeros(DataType.DOUBLE, bool.shape());
        for (long i = 0; i < bool.length(); i++) {
            if (bool.getDouble(i) != 0) {
                additive.putScalar(i, Double.NEGATIVE_INFINITY);
            }
        }
        Map<String, INDArray> floatIn = new LinkedHashMap<>(in);
        floatIn.put("src_key_padding_mask", additive);
        assertTrue(model.predict(in).get(TorchTransformer.OUTPUT)
                .equalsWithEps(model.predict(floatIn).get(TorchTransformer.OUTPUT), 1e-12));
    }

    @Test
    void masksOfTheWrongShapeOrTypeAreOneSentence() {
        String c = "encoder_post";
        ZooModel model = new TorchTransformerArchitecture.Layer().importTorch(config(TorchModule.ENCODER_LAYER, "relu",
                1e-5, false), AttentionFixture.stateDict(c), Map.of());
        Map<String, INDArray> in = inputs(c, "src");
        long b = in.get("src").size(0);
        long s = in.get("src").size(1);
        Map<String, INDArray> wrongShape = new LinkedHashMap<>(in);
        wrongShape.put("src_key_padding_mask", Nd4j.zeros(DataType.BOOL, b, s + 1));
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> model.predict(wrongShape));
        assertTrue(e1.getMessage().contains("but must be [B, S] = [" + b + ", " + s + "]"), e1.getMessage());
        Map<String, INDArray> intMask = new LinkedHashMap<>(in);
        intMask.put("src_mask", Nd4j.zeros(DataType.INT32, s, s));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> model.predict(intMask));
        assertTrue(e2.getMessage().contains("is ambiguous"), e2.getMessage());
        Map<String, INDArray> perHead = new LinkedHashMap<>(in);
        perHead.put("src_mask", Nd4j.zeros(DataType.BOOL, b * 2, s, s));
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class, () -> model.predict(perHead));
        assertTrue(e3.getMessage().contains("per-head"), e3.getMessage());
    }

    @Test
    void configUsesPyTorchsArgumentNamesAndRefusesIndivisibleHeads() {
        TorchTransformerConfig c = config(TorchModule.ENCODER, "gelu", 1e-6, true);
        String json = c.toJson();
        assertTrue(json.contains("\"nhead\"") && json.contains("\"norm_first\"") && json.contains("\"layer_norm_eps\"")
                && json.contains("\"d_model\""), json);
        assertEquals(c, TorchTransformerConfig.fromJson(json));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchTransformerConfig.builder(TorchModule.ENCODER_LAYER).dModel(10).nhead(3).build());
        assertTrue(e.getMessage().contains("dModel (10) must be divisible by numHeads (3)"), e.getMessage());
    }
}
