package org.sdzoo.zoo.models.hitmac;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.zoo.TensorSpec;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.blocks.attention.HitMacAttention;
import org.sdzoo.zoo.blocks.attention.HitMacOutputs;
import org.sdzoo.zoo.blocks.nn.Linear;
import org.sdzoo.zoo.blocks.nn.Scope;

/**
 * Builds the three HiT-MAC models with the authors' parameter names (legend: B batch, A agents,
 * T targets, P camera-target pairs, F features, D width {@code dAtt}).
 */
public final class HitMacNetworks {

    /** The attention layer's input {@code [A, T, F]}. */
    public static final String X = "x";
    /** The networks' observation input. */
    public static final String OBS = "obs";
    /** The layer's outputs. */
    public static final String Z = "z";
    public static final String GLOBAL = "global";
    public static final String ATTENTION = "attention";
    /** The networks' outputs. */
    public static final String PROBABILITIES = "probabilities";
    /** The executor's {@code relu(actor_linear(global))}, whose softmax is its policy: what a classifier trains. */
    public static final String LOGITS = "logits";
    public static final String VALUE = "value";
    /** The coordinator's choices per pair: drop (0) or keep (1) the target for the camera. */
    public static final int COORDINATOR_ACTIONS = 2;

    private HitMacNetworks() {
    }

    /**
     * {@code AttentionLayer}: inputs {@code x [A, T, F]} and, with {@code targetMask}, optional
     * {@code xMask [A, T]} (1 = present); outputs {@code z [A, T, D]}, {@code global [A, D]},
     * {@code attention [A, T, T]}.
     */
    public static ZooModel attention(HitMacAttentionConfig c) {
        DataType type = c.precision().dataType();
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(X, type, -1, -1, c.inFeatures());
        SDVariable mask = maskInput(sd, X, type, c.targetMask());
        HitMacOutputs out = HitMacAttention.create(Scope.root(sd, c.seed(), type), c.inFeatures(), c.dAtt(), c.scaled())
                .apply(x, mask);
        out.z().rename(Z);
        out.global().rename(GLOBAL);
        out.weights().rename(ATTENTION);
        return new ZooModel(c, sd,
                List.of(new TensorSpec(X, "[A, T, F]", -1, -1, c.inFeatures())),
                maskSpecs(X, "[A, T]", c.targetMask()),
                List.of(new TensorSpec(Z, "[A, T, D]", -1, -1, c.dAtt()), new TensorSpec(GLOBAL, "[A, D]", -1, c.dAtt()),
                        new TensorSpec(ATTENTION, "[A, T, T]", -1, -1, -1)),
                refuseMask(X, c.targetMask()), withMask(X, type, c.targetMask()));
    }

    /**
     * {@code A3C_Single} ("single-att"): {@code encoder} is the attention layer on the raw
     * per-target features, its global feature feeds {@code actor.actor_linear} and
     * {@code critic.critic_linear}. Inputs {@code obs [B, T, F]} (B cameras or time steps) and, with
     * {@code targetMask}, optional {@code obsMask [B, T]}; outputs {@code logits [B, numActions]} (the primary output, for
     * classification tasks), {@code probabilities [B, numActions]}, {@code value [B, 1]}.
     */
    public static ZooModel executor(HitMacExecutorConfig c) {
        DataType type = c.precision().dataType();
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, c.seed(), type);
        SDVariable obs = sd.placeHolder(OBS, type, -1, -1, c.inFeatures());
        SDVariable mask = maskInput(sd, OBS, type, c.targetMask());
        SDVariable feature = HitMacAttention.create(root.child("encoder"), c.inFeatures(), c.dAtt(), c.scaled())
                .apply(obs, mask).global();                                                    // [B, D]
        Linear actor = HitMacHeads.head(root.child("actor").child("actor_linear"), c.dAtt(), c.numActions());
        Linear critic = HitMacHeads.head(root.child("critic").child("critic_linear"), c.dAtt(), 1);
        // global is [B, D]: the heads need no fold and no run-time shape
        SDVariable logits = HitMacHeads.logits(actor.applyToMatrix(feature)).rename(LOGITS);
        sd.nn.softmax(logits, -1).rename(PROBABILITIES);
        critic.applyToMatrix(feature).rename(VALUE);
        return new ZooModel(c, sd,
                List.of(new TensorSpec(OBS, "[B, T, F]", -1, -1, c.inFeatures())),
                maskSpecs(OBS, "[B, T]", c.targetMask()),
                List.of(new TensorSpec(LOGITS, "[B, actions]", -1, c.numActions()),
                        new TensorSpec(PROBABILITIES, "[B, actions]", -1, c.numActions()),
                        new TensorSpec(VALUE, "[B, 1]", -1, 1)),
                refuseMask(OBS, c.targetMask()), withMask(OBS, type, c.targetMask()));
    }

    /**
     * {@code A3C_Multi} ("multi-att-shap"): {@code encoder.features} (Linear F→D, ReLU, Linear D→D,
     * ReLU) on every pair, {@code attention} over all P = cameras × targets pairs together, the
     * per-pair policy {@code actor.actor_linear}, and {@code ShapleyVcritic}. Input
     * {@code obs [B, P, F]} (pair p = camera p / targets, target p % targets, as the authors'
     * {@code reshape(-1, feature_dim)} of {@code [cameras, targets, F]}); outputs
     * {@code probabilities [B, P, 2]} (drop, keep) and {@code value [B, 1]}.
     */
    public static ZooModel coordinator(HitMacCoordinatorConfig c) {
        DataType type = c.precision().dataType();
        int pairs = c.numCameras() * c.numTargets();
        SameDiff sd = SameDiff.create();
        Scope root = Scope.root(sd, c.seed(), type);
        SDVariable obs = sd.placeHolder(OBS, type, -1, pairs, c.inFeatures());
        Scope encoder = root.child("encoder").child("features");
        SDVariable h = sd.nn.relu(Linear.create(encoder.child(0), c.inFeatures(), c.dAtt(), true).apply(obs), 0);
        h = sd.nn.relu(Linear.create(encoder.child(2), c.dAtt(), c.dAtt(), true).apply(h), 0);   // [B, P, D]
        SDVariable z = HitMacAttention.create(root.child("attention"), c.dAtt(), c.dAtt(), c.scaled())
                .apply(h, null).z();                                                             // [B, P, D]
        Linear actor = HitMacHeads.head(root.child("actor").child("actor_linear"), c.dAtt(), COORDINATOR_ACTIONS);
        HitMacHeads.policy(actor, z).rename(PROBABILITIES);
        ShapleyCritic.create(root.child("ShapleyVcritic"), pairs, c.dAtt(), c.scaled()).apply(z).rename(VALUE);
        return new ZooModel(c, sd,
                List.of(new TensorSpec(OBS, "[B, P, F]", -1, pairs, c.inFeatures())),
                List.of(),
                List.of(new TensorSpec(PROBABILITIES, "[B, P, 2]", -1, pairs, COORDINATOR_ACTIONS),
                        new TensorSpec(VALUE, "[B, 1]", -1, 1)),
                UnaryOperator.identity());
    }

    /**
     * The mask placeholder of a model built with {@code targetMask}, else null: without it the graph
     * has none of the mask's ops (about ten, a fixed cost per call at batch 1).
     */
    private static SDVariable maskInput(SameDiff sd, String input, DataType type, boolean targetMask) {
        return targetMask ? sd.placeHolder(input + ZooModel.MASK_SUFFIX, type, -1, -1) : null;
    }

    private static List<TensorSpec> maskSpecs(String input, String legend, boolean targetMask) {
        return targetMask ? List.of(new TensorSpec(input + ZooModel.MASK_SUFFIX, legend, -1, -1)) : List.of();
    }

    /** Without {@code targetMask}, a mask given anyway is refused with the config field that takes one. */
    private static UnaryOperator<Map<String, INDArray>> refuseMask(String input, boolean targetMask) {
        String maskName = input + ZooModel.MASK_SUFFIX;
        return given -> {
            if (!targetMask && given.containsKey(maskName)) {
                throw new IllegalArgumentException("'" + maskName + "' was given but this model was built without a"
                        + " target mask: build it with targetMask true to pad targets, or leave the mask out");
            }
            return given;
        };
    }

    /** Feeds the 0/1 target mask (default: every target present) after checking it; identity without a mask input. */
    private static UnaryOperator<Map<String, INDArray>> withMask(String input, DataType type, boolean targetMask) {
        if (!targetMask) {
            return UnaryOperator.identity();
        }
        String maskName = input + ZooModel.MASK_SUFFIX;
        return given -> {
            Map<String, INDArray> feed = new LinkedHashMap<>(given);
            INDArray x = given.get(input);
            INDArray mask = feed.get(maskName);
            if (mask == null) {
                feed.put(maskName, Nd4j.ones(type, x.size(0), x.size(1)));
            } else {
                HitMacAttention.checkMask(mask, x.size(0), x.size(1));
            }
            return feed;
        };
    }
}
