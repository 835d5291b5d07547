package org.sdzoo.zoo.blocks.transformer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sdzoo.zoo.blocks.attention.AttentionFixture;
import org.sdzoo.zoo.blocks.attention.AttentionMasks;
import org.sdzoo.zoo.blocks.nn.Activation;
import org.sdzoo.zoo.blocks.nn.Scope;
import org.sdzoo.zoo.check.GradientCheck;

/**
 * The layers and a 2+2 {@code nn.Transformer} against PyTorch (fixtures/attention): outputs and
 * the gradients of {@code sum(out·probe)} for every parameter (loaded by its state_dict name) and
 * input; strict finite-difference checks on tiny random layers, with dropout in one.
 */
class TransformerParityTest {

    private static final Logger log = LoggerFactory.getLogger(TransformerParityTest.class);
    private static final int D = 8;
    private static final int H = 2;
    private static final int FF = 16;

    private static TransformerLayerConfig config(Activation activation, double eps, boolean normFirst) {
        return TransformerLayerConfig.builder(D, H).dimFeedforward(FF).dropout(0).activation(activation)
                .layerNormEps(eps).normFirst(normFirst).build();
    }

    /** Builds the case's graph from its inputs (variables) and masks, loads torch's weights, compares. */
    private static void parity(String testCase, List<String> inputs, Function<SameDiff, SDVariable> build) {
        SameDiff sd = SameDiff.create();
        for (String in : inputs) {
            sd.var(in, AttentionFixture.get(testCase, in));
        }
        SDVariable y = build.apply(sd);
        y.mul(sd.constant(AttentionFixture.get(testCase, "probe"))).sum().rename("loss");
        sd.setLossVariables("loss");
        List<String> names = AttentionFixture.loadParameters(sd, testCase, inputs);
        INDArray out = sd.output(Map.of(), y.name()).get(y.name());
        double outErr = AttentionFixture.assertClose(AttentionFixture.get(testCase, "output"), out, testCase + " output");
        double gradErr = AttentionFixture.assertGradients(sd, testCase, names);
        log.info("{} vs torch: output {}, gradients {} (max abs), {} parameters and inputs", testCase, outErr, gradErr,
                names.size());
    }

    private static SDVariable mask(SameDiff sd, String testCase, String name) {
        return AttentionFixture.mask(sd, testCase, name);
    }

    @Test
    void encoderLayerPostLnReluWithCausalAndPaddingMasks() {
        parity("encoder_post", List.of("src"), sd -> TransformerEncoderLayer
                .create(Scope.root(sd, 1, DataType.DOUBLE), config(Activation.RELU, 1e-5, false))
                .apply(sd.getVariable("src"), mask(sd, "encoder_post", "src_mask"),
                        mask(sd, "encoder_post", "src_key_padding_mask")));
    }

    @Test
    void encoderLayerPreLnGeluWithOtherEps() {
        parity("encoder_pre", List.of("src"), sd -> TransformerEncoderLayer
                .create(Scope.root(sd, 1, DataType.DOUBLE), config(Activation.GELU, 1e-6, true))
                .apply(sd.getVariable("src"), mask(sd, "encoder_pre", "src_mask"),
                        mask(sd, "encoder_pre", "src_key_padding_mask")));
    }

    @Test
    void decoderLayerWithCausalAndMemoryPadding() {
        parity("decoder_post", List.of("tgt", "memory"), sd -> TransformerDecoderLayer
                .create(Scope.root(sd, 1, DataType.DOUBLE), config(Activation.RELU, 1e-5, false))
                .apply(sd.getVariable("tgt"), sd.getVariable("memory"), new DecoderMasks(
                        mask(sd, "decoder_post", "tgt_mask"), null, null,
                        mask(sd, "decoder_post", "memory_key_padding_mask"))));
    }

    @Test
    void transformerTwoPlusTwoWithAllMasks() {
        String c = "transformer";
        parity(c, List.of("src", "tgt"), sd -> {
            Scope root = Scope.root(sd, 1, DataType.DOUBLE);
            TransformerLayerConfig cfg = config(Activation.RELU, 1e-5, false);
            TransformerEncoder encoder = TransformerEncoder.create(root.child("encoder"), cfg, 2, true);
            TransformerDecoder decoder = TransformerDecoder.create(root.child("decoder"), cfg, 2, true);
            SDVariable memory = encoder.apply(sd.getVariable("src"), null, mask(sd, c, "src_key_padding_mask"));
            return decoder.apply(sd.getVariable("tgt"), memory, new DecoderMasks(mask(sd, c, "tgt_mask"), null,
                    mask(sd, c, "tgt_key_padding_mask"), mask(sd, c, "memory_key_padding_mask")));
        });
    }

    /** A tiny random layer pair (D 2, H 2, F 2) under the strict check; small so it runs in seconds. */
    private static void strictCheck(TransformerLayerConfig cfg, boolean decoder) {
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, 5, DataType.DOUBLE);
        SDVariable src = sd.var("src", Nd4j.rand(DataType.DOUBLE, 2, 3, 2).subi(0.5));
        SDVariable padding = sd.constant(AttentionMasks.fromTorch(Nd4j.createFromArray(new boolean[][] {
                {false, false, false}, {false, false, true}}), DataType.DOUBLE));
        SDVariable out;
        if (decoder) {
            SDVariable tgt = sd.var("tgt", Nd4j.rand(DataType.DOUBLE, 2, 2, 2).subi(0.5));
            out = TransformerDecoderLayer.create(root.child("dec"), cfg).apply(tgt, src,
                    new DecoderMasks(sd.constant(AttentionMasks.causal(2, DataType.DOUBLE)), null, null, padding));
        } else {
            out = TransformerEncoderLayer.create(root.child("enc"), cfg).apply(src,
                    sd.constant(AttentionMasks.causal(3, DataType.DOUBLE)), padding);
        }
        long n = out.eval(Map.of()).length();
        out.mul(sd.constant(Nd4j.linspace(-1, 1.5, n, DataType.DOUBLE).reshape(out.eval(Map.of()).shape())))
                .sum().rename("loss");
        sd.setLossVariables("loss");
        GradientCheck.Result r = GradientCheck.check(sd, "loss", Map.of());
        assertTrue(r.passed(), cfg + ": " + r);
    }

    @Test
    void encoderLayerPostLnWithDropoutPassesTheStrictGradientCheck() {
        strictCheck(TransformerLayerConfig.builder(2, 2).dimFeedforward(2).dropout(0.2).build(), false);
    }

    @Test
    void decoderLayerPreLnGeluPassesTheStrictGradientCheck() {
        strictCheck(TransformerLayerConfig.builder(2, 2).dimFeedforward(2).dropout(0).activation(Activation.GELU)
                .normFirst(true).build(), true);
    }
}
