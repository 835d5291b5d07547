package org.sdzoo.zoo.models.hitmac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sdzoo.zoo.Architectures;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.ConfigJson;
import org.sdzoo.zoo.config.Precision;
import org.sdzoo.zoo.io.ModelArchive;

/** The HiT-MAC models: configs, registration, shapes, gradients, import and bad input. */
class HitMacNetworksTest {

    private static final HitMacExecutorConfig TINY_EXECUTOR = HitMacExecutorConfig.builder().dAtt(3)
            .precision(Precision.FLOAT64).seed(5).build();
    private static final HitMacCoordinatorConfig TINY_COORDINATOR = HitMacCoordinatorConfig.builder().numCameras(2)
            .numTargets(2).dAtt(3).precision(Precision.FLOAT64).seed(6).build();

    private static INDArray observations(long... shape) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2);
    }

    @Test
    void configsRoundTripThroughJson() throws Exception {
        HitMacAttentionConfig a = HitMacAttentionConfig.builder().dAtt(7).scaled(true).seed(9).targetMask(true).build();
        assertEquals(a, HitMacAttentionConfig.fromJson(a.toJson()));
        HitMacExecutorConfig e = TINY_EXECUTOR.toBuilder().numActions(5).targetMask(true).build();
        assertEquals(e, HitMacExecutorConfig.fromJson(e.toJson()));
        // configs written before the field existed read as unmasked
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) ConfigJson.mapper().readTree(TINY_EXECUTOR.toJson());
        old.remove("targetMask");
        assertEquals(TINY_EXECUTOR, HitMacExecutorConfig.fromJson(old.toString()));
        assertEquals(TINY_COORDINATOR, HitMacCoordinatorConfig.fromJson(TINY_COORDINATOR.toJson()));
    }

    @Test
    void configsRefuseBadSizesNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacCoordinatorConfig.builder().numTargets(0).build());
        assertTrue(e.getMessage().contains("numTargets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HitMacExecutorConfig.builder().dAtt(-1).build());
        assertTrue(e.getMessage().contains("dAtt"), e.getMessage());
    }

    @Test
    void theThreeArchitecturesAreRegistered() {
        assertTrue(Architectures.names().containsAll(List.of("hitmac-attention", "hitmac-executor",
                "hitmac-coordinator")), Architectures.names().toString());
    }

    @Test
    void theExecutorHasTheAuthorsNamesAndShapes() {
        ZooModel m = HitMacNetworks.executor(HitMacExecutorConfig.builder().build());
        assertEquals(List.of("actor.actor_linear.bias", "actor.actor_linear.weight", "critic.critic_linear.bias",
                "critic.critic_linear.weight", "encoder.K.bias", "encoder.K.weight", "encoder.Q.bias", "encoder.Q.weight",
                "encoder.V.bias", "encoder.V.weight"), m.parameterNames());
        HitMacPolicy p = HitMacPolicy.act(m, observations(6, 5, 4).castTo(DataType.FLOAT));
        assertArrayEquals(new long[] {6, 3}, p.probabilities().shape());
        assertArrayEquals(new long[] {6, 1}, p.values().shape());
        INDArray sums = p.probabilities().sum(1);
        assertTrue(sums.sub(1).amaxNumber().doubleValue() < 1e-6, sums.toString());
    }

    @Test
    void theCoordinatorHasTheAuthorsNamesAndShapes() {
        ZooModel m = HitMacNetworks.coordinator(HitMacCoordinatorConfig.builder().build());
        assertEquals(20, m.parameterNames().size(), m.parameterNames().toString());
        assertArrayEquals(new long[] {1, 256}, m.sameDiff().getArrForVarName("ShapleyVcritic.critic_linear.weight").shape());
        assertTrue(m.parameterNames().contains("encoder.features.2.weight"));
        assertTrue(m.parameterNames().contains("ShapleyVcritic.attention.Q.weight"));
        HitMacPolicy p = HitMacPolicy.act(m, observations(2, 20, 4).castTo(DataType.FLOAT));
        assertArrayEquals(new long[] {2, 20, 2}, p.probabilities().shape());
        assertArrayEquals(new long[] {2, 1}, p.values().shape());
    }

    /** Loss Σ probabilities·c + Σ value over a batch, every parameter checked. */
    private static void assertStrictGradients(ZooModel m, INDArray obs, Map<String, INDArray> feed) {
        SameDiff sd = m.sameDiff();
        SDVariable probs = sd.getVariable(HitMacNetworks.PROBABILITIES);
        Nd4j.getRandom().setSeed(4);
        INDArray c = Nd4j.rand(DataType.DOUBLE, m.predict(Map.of(HitMacNetworks.OBS, obs))
                .get(HitMacNetworks.PROBABILITIES).shape());
        probs.mul(sd.constant(c)).sum().add(sd.getVariable(HitMacNetworks.VALUE).sum()).rename("loss");
        sd.setLossVariables("loss");
        GradientCheck.Result r = GradientCheck.check(sd, "loss", m.placeholders(feed));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void executorGradientsPassTheStrictCheckWithAMask() {
        ZooModel m = HitMacNetworks.executor(TINY_EXECUTOR.toBuilder().targetMask(true).build());
        INDArray obs = observations(2, 3, 4);
        Map<String, INDArray> feed = new HashMap<>(Map.of(HitMacNetworks.OBS, obs));
        feed.put(HitMacNetworks.OBS + ZooModel.MASK_SUFFIX, Nd4j.createFromArray(new double[][] {{1, 1, 1}, {0, 1, 1}}));
        assertStrictGradients(m, obs, feed);
    }

    /**
     * Without {@code targetMask} the graph has none of the mask's ops and gives the masked model's
     * outputs for a full mask; a mask given to it is refused with the field that takes one.
     */
    @Test
    void theUnmaskedExecutorMatchesTheMaskedOneWithEveryTargetPresent() {
        ZooModel plain = HitMacNetworks.executor(TINY_EXECUTOR);
        ZooModel masked = HitMacNetworks.executor(TINY_EXECUTOR.toBuilder().targetMask(true).build());
        INDArray obs = observations(2, 3, 4);
        Map<String, INDArray> withoutMask = plain.predict(Map.of(HitMacNetworks.OBS, obs));
        Map<String, INDArray> fullMask = masked.predict(Map.of(HitMacNetworks.OBS, obs,
                HitMacNetworks.OBS + ZooModel.MASK_SUFFIX, Nd4j.ones(DataType.DOUBLE, 2, 3)));
        for (String out : List.of(HitMacNetworks.PROBABILITIES, HitMacNetworks.VALUE)) {
            assertTrue(withoutMask.get(out).equalsWithEps(fullMask.get(out), 1e-14), out);
        }
        assertTrue(plain.optionalInputs().isEmpty());
        int fewer = masked.sameDiff().getOps().size() - plain.sameDiff().getOps().size();
        assertTrue(fewer >= 7, "the unmasked graph has only " + fewer + " ops fewer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.predict(Map.of(
                HitMacNetworks.OBS, obs, HitMacNetworks.OBS + ZooModel.MASK_SUFFIX, Nd4j.ones(DataType.DOUBLE, 2, 3))));
        assertTrue(e.getMessage().contains("targetMask true"), e.getMessage());
    }

    @Test
    void coordinatorGradientsPassTheStrictCheckThroughTheShapleyCritic() {
        ZooModel m = HitMacNetworks.coordinator(TINY_COORDINATOR);
        INDArray obs = observations(2, 4, 4);
        assertStrictGradients(m, obs, Map.of(HitMacNetworks.OBS, obs));
    }

    @Test
    void theShapleyValueIsTheSumOverPrefixCoalitions() {
        // AMCValueNet's loop, pair by pair, with the layer run on each prefix alone.
        ZooModel m = HitMacNetworks.coordinator(TINY_COORDINATOR);
        SameDiff sd = m.sameDiff();
        INDArray obs = observations(1, 4, 4);
        INDArray h = relu(linear(sd, "encoder.features.0", obs.reshape(4, 4)));
        h = relu(linear(sd, "encoder.features.2", h));
        INDArray f = attentionOf(sd, "attention").predict(Map.of(HitMacNetworks.X, h.reshape(1, 4, 3)))
                .get(HitMacNetworks.Z).reshape(4, 3);
        ZooModel critic = attentionOf(sd, "ShapleyVcritic.attention");
        double value = 0;
        for (int j = 0; j < 4; j++) {
            INDArray g = j == 0 ? Nd4j.zeros(DataType.DOUBLE, 3) : critic.predict(Map.of(HitMacNetworks.X,
                    f.get(NDArrayIndex.interval(0, j), NDArrayIndex.all()).reshape(1, j, 3)))
                    .get(HitMacNetworks.GLOBAL).reshape(3);
            value += linear(sd, "ShapleyVcritic.critic_linear", Nd4j.concat(0, g, f.getRow(j)).reshape(1, 6))
                    .getDouble(0);
        }
        assertEquals(value, HitMacPolicy.act(m, obs).values().getDouble(0), 1e-12);
    }

    @Test
    void theLayersImportTakesItsSizesFromTheStateDict() {
        Map<String, INDArray> state = new java.util.HashMap<>();
        for (String p : new String[] {"Q", "K", "V"}) {
            state.put(p + ".weight", Nd4j.rand(DataType.FLOAT, 6, 3));
            state.put(p + ".bias", Nd4j.rand(DataType.FLOAT, 6));
        }
        var layer = new HitMacArchitecture.Layer();
        HitMacAttentionConfig sized = (HitMacAttentionConfig) layer.importDefaults(state);
        assertEquals(3, sized.inFeatures());
        assertEquals(6, sized.dAtt());
        ZooModel m = layer.importTorch(sized, state, Map.of());
        assertEquals(state.get("V.weight"), m.sameDiff().getArrForVarName("V.weight"));
        assertEquals(layer.defaultConfig(), layer.importDefaults(Map.of()), "nothing to read: the defaults");
    }

    private static ZooModel attentionOf(SameDiff sd, String prefix) {
        ZooModel layer = HitMacNetworks.attention(HitMacAttentionConfig.builder().inFeatures(3).dAtt(3)
                .precision(Precision.FLOAT64).build());
        for (String p : new String[] {"Q.weight", "Q.bias", "K.weight", "K.bias", "V.weight", "V.bias"}) {
            layer.sameDiff().getArrForVarName(p).assign(sd.getArrForVarName(prefix + "." + p));
        }
        return layer;
    }

    private static INDArray linear(SameDiff sd, String prefix, INDArray x) {
        return x.mmul(sd.getArrForVarName(prefix + ".weight").transpose()).addiRowVector(sd.getArrForVarName(prefix + ".bias"));
    }

    private static INDArray relu(INDArray x) {
        return Transforms.relu(x, true);
    }

    @Test
    void importReportsEveryMissingAndMisShapedName() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put("encoder.Q.weight", Nd4j.zeros(DataType.FLOAT, 128, 5));
        state.put("actor.weight", Nd4j.zeros(DataType.FLOAT, 3, 128));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HitMacArchitecture.Executor()
                .importTorch(HitMacExecutorConfig.builder().build(), state, Map.of()));
        assertTrue(e.getMessage().contains("encoder.Q.weight") && e.getMessage().contains("actor.weight")
                && e.getMessage().contains("critic.critic_linear.bias"), e.getMessage());
    }

    @Test
    void badObservationsAndAFullyPaddedMaskAreRefused() {
        ZooModel m = HitMacNetworks.executor(TINY_EXECUTOR.toBuilder().targetMask(true).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HitMacPolicy.act(m, observations(2, 3, 5)));
        assertTrue(e.getMessage().contains("obs"), e.getMessage());
        Map<String, INDArray> feed = Map.of(HitMacNetworks.OBS, observations(2, 3, 4),
                HitMacNetworks.OBS + ZooModel.MASK_SUFFIX, Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 0}}));
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(feed));
        assertTrue(e.getMessage().contains("pads every target"), e.getMessage());
        ZooModel c = HitMacNetworks.coordinator(TINY_COORDINATOR);
        e = assertThrows(IllegalArgumentException.class, () -> HitMacPolicy.act(c, observations(1, 5, 4)));
        assertTrue(e.getMessage().contains("[B, P, F]"), e.getMessage());
    }

    @Test
    void anArchiveRestoresTheSameCoordinator(@TempDir Path dir) throws Exception {
        ZooModel m = HitMacNetworks.coordinator(TINY_COORDINATOR);
        Path file = dir.resolve("c.sdz");
        ModelArchive.save(file, m);
        ZooModel back = ModelArchive.load(file);
        INDArray obs = observations(2, 4, 4);
        assertEquals(HitMacPolicy.act(m, obs), HitMacPolicy.act(back, obs));
    }
}
