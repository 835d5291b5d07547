package org.sdzoo.zoo.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.models.tcn.Tcn;
import org.sdzoo.zoo.models.tcn.TcnConfig;
import org.sdzoo.zoo.models.tcn.TcnHead;
import org.sdzoo.zoo.models.transformer.Seq2SeqTransformer;
import org.sdzoo.zoo.models.transformer.TransformerConfig;
import org.sdzoo.zoo.samediff.LearningPhase;
import org.sdzoo.zoo.samediff.OpThreads;
import org.sdzoo.zoo.samediff.QuietSameDiff;

/**
 * The per-step thread policy changes no bit: a TCN's and a Transformer's training plans (float32,
 * no dropout: a plan's draws are not the same twice from one seed) give the same loss and gradients with the policy on and off, some steps run on one
 * thread, and the run's thread count is restored afterwards. The plans are made "large" (no
 * whole-plan single thread) by {@code sdzoo.plan.singleThreadBelow=0}.
 */
class ThreadPolicyTest {

    private static final String LOSS = "thread_policy_loss";

    @Test
    void tcnGradientsAreTheSameBitsWithThePolicyOnAndOff() {
        ZooModel m = Tcn.create(TcnConfig.builder().inputChannels(2).channels(List.of(8, 8)).kernelSize(3).dropout(0.0)
                .head(TcnHead.LAST_STEP).outputs(3).seed(3).precision(Precision.FLOAT32).build());
        compare(m, b -> Map.of(Tcn.INPUT, Nd4j.rand(DataType.FLOAT, b, 2, 40)));
    }

    @Test
    void transformerGradientsAreTheSameBitsWithThePolicyOnAndOff() {
        ZooModel m = Seq2SeqTransformer.create(TransformerConfig.builder().vocabSize(11).dModel(16).numHeads(2)
                .dimFeedforward(32).layers(1).dropout(0.0).maxLen(12).precision(Precision.FLOAT32).seed(3).build());
        compare(m, b -> {
            INDArray src = Nd4j.zeros(DataType.FLOAT, b, 6);
            INDArray tgt = Nd4j.zeros(DataType.FLOAT, b, 7);
            for (int i = 0; i < b; i++) {
                for (int t = 0; t < 6; t++) {
                    src.putScalar(i, t, 3 + (i + t) % 8);
                }
                for (int t = 0; t < 7; t++) {
                    tgt.putScalar(i, t, 1 + (2 * i + t) % 10);
                }
            }
            return Map.of(Seq2SeqTransformer.SRC, src, Seq2SeqTransformer.TGT, tgt);
        });
    }

    private static void compare(ZooModel model, IntFunction<Map<String, INDArray>> inputs) {
        assumeTrue(OpThreads.ompThreads() > 1, "one op thread: the policy has nothing to choose");
        SameDiff sd = model.sameDiff();
        SDVariable loss = null;
        for (TensorSpec spec : model.outputs()) {
            SDVariable o = sd.getVariable(spec.name());
            if (o.dataType().isFPType()) {
                SDVariable term = o.mul(o).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        loss.rename(LOSS);
        sd.setLossVariables(LOSS);
        QuietSameDiff.run(() -> {
            sd.createGradFunction();
            return null;
        });
        List<String> params = model.parameterNames().stream().filter(p -> sd.getVariable(p).getGradient() != null)
                .toList();
        Map<String, INDArray> feed = new LinkedHashMap<>(model.placeholders(inputs.apply(4)));
        feed.putAll(LearningPhase.feed(sd, true));
        int threads = OpThreads.ompThreads();
        System.setProperty(ExecutionPlan.SINGLE_THREAD_PROPERTY, "0");
        try {
            System.setProperty(ThreadPolicy.PROPERTY, "off");
            PlannedGraph off = PlannedGraph.forGradients(sd, List.of(LOSS), params);
            off.run(feed);
            System.clearProperty(ThreadPolicy.PROPERTY);
            PlannedGraph on = PlannedGraph.forGradients(sd, List.of(LOSS), params);
            on.run(feed);
            assertEquals(0, off.singleThreadSteps(), "the policy is off");
            assertTrue(on.singleThreadSteps() > 0, "element-wise steps run on one thread");
            for (int seed = 0; seed < 2; seed++) {
                Nd4j.getRandom().setSeed(seed);
                PlannedGraph.Result a = off.run(feed);
                Map<String, INDArray> offLoss = copies(a.outputs());
                Map<String, INDArray> offGrads = copies(a.gradients());
                Nd4j.getRandom().setSeed(seed);
                assertTrue(RowKernels.sameBytes(offLoss.get(LOSS), off.run(feed).outputs().get(LOSS)),
                        "the plan without the policy gives the same bits twice");
                Nd4j.getRandom().setSeed(seed);
                PlannedGraph.Result b = on.run(feed);
                assertTrue(a.planned() && b.planned(), "both ran their plans");
                assertEquals(threads, OpThreads.ompThreads(), "the run's thread count is restored");
                assertTrue(RowKernels.sameBytes(offLoss.get(LOSS), b.outputs().get(LOSS)), "loss, seed " + seed);
                for (String p : params) {
                    assertTrue(RowKernels.sameBytes(offGrads.get(p), b.gradients().get(p)), "gradient of " + p);
                }
            }
        } finally {
            System.clearProperty(ExecutionPlan.SINGLE_THREAD_PROPERTY);
            System.clearProperty(ThreadPolicy.PROPERTY);
        }
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> arrays) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
