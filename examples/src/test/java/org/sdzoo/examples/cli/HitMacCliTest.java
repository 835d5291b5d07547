package org.sdzoo.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sdzoo.examples.cli.SdzooCliTest.sdzoo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sdzoo.datasets.DataDirectory;
import org.sdzoo.datasets.NumpyFiles;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.models.hitmac.HitMacCoordinatorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacExecutorConfig;
import org.sdzoo.zoo.models.hitmac.HitMacNetworks;
import org.sdzoo.zoo.models.hitmac.HitMacPolicy;
import org.sdzoo.zoo.models.hitmac.HitMacPretrained;

/**
 * {@code import-torch --arch hitmac-executor|hitmac-coordinator} and {@code predict --input obs=...}
 * on state_dicts of the published shapes (random weights: the published ones are not shipped), and
 * {@code reproduce hitmac} without them.
 */
class HitMacCliTest {

    @TempDir
    Path tmp;

    /** The model's parameters as a state_dict .npz, by the authors' names. */
    private Path stateDict(ZooModel model, String file) throws Exception {
        Map<String, INDArray> sd = new LinkedHashMap<>();
        for (String name : model.parameterNames()) {
            sd.put(name, model.sameDiff().getVariable(name).getArr());
        }
        Path npz = tmp.resolve(file);
        NumpyFiles.writeNpz(sd, npz);
        return npz;
    }

    private void importAndPredict(ZooModel reference, String arch, long... obsShape) throws Exception {
        Path weights = stateDict(reference, arch + ".npz");
        Path sdz = tmp.resolve(arch + ".sdz");
        SdzooCliTest.Run imported = sdzoo("import-torch", "--arch", arch, "--weights", weights.toString(), "--out",
                sdz.toString());
        assertEquals(0, imported.exit(), imported.err());
        Nd4j.getRandom().setSeed(3);
        INDArray obs = Nd4j.rand(DataType.FLOAT, obsShape);
        Path obsNpy = tmp.resolve(arch + "-obs.npy");
        NumpyFiles.writeNpy(obs, obsNpy);
        Path out = tmp.resolve(arch + "-out.npz");
        SdzooCliTest.Run predicted = sdzoo("predict", "--model", sdz.toString(), "--input", "obs=" + obsNpy,
                "--output", out.toString());
        assertEquals(0, predicted.exit(), predicted.err());
        Map<String, INDArray> outputs = NumpyFiles.readNpz(out);
        HitMacPolicy expected = HitMacPolicy.act(reference, obs);
        assertArrayEquals(expected.probabilities().shape(), outputs.get(HitMacNetworks.PROBABILITIES).shape());
        assertTrue(expected.probabilities().equalsWithEps(outputs.get(HitMacNetworks.PROBABILITIES), 1e-6));
        assertTrue(expected.values().equalsWithEps(outputs.get(HitMacNetworks.VALUE), 1e-6));
    }

    @Test
    void executorImportsAndPredictsProbabilitiesAndValues() throws Exception {
        importAndPredict(HitMacNetworks.executor(HitMacExecutorConfig.builder().seed(5).build()),
                HitMacExecutorConfig.ARCHITECTURE, 3, 5, 4);
    }

    @Test
    void coordinatorImportsAndPredictsProbabilitiesAndValues() throws Exception {
        importAndPredict(HitMacNetworks.coordinator(HitMacCoordinatorConfig.builder().seed(5).build()),
                HitMacCoordinatorConfig.ARCHITECTURE, 2, 20, 4);
    }

    @Test
    void wrongNamesWrongShapesAndWrongObservationsAreOneSentence() throws Exception {
        ZooModel executor = HitMacNetworks.executor(HitMacExecutorConfig.builder().build());
        Map<String, INDArray> sd = NumpyFiles.readNpz(stateDict(executor, "ok.npz"));
        Map<String, INDArray> renamed = new LinkedHashMap<>(sd);
        renamed.put("encoder.Q.weights", renamed.remove("encoder.Q.weight"));
        Path badName = tmp.resolve("bad-name.npz");
        NumpyFiles.writeNpz(renamed, badName);
        Path out = tmp.resolve("bad.sdz");
        sdzoo("import-torch", "--arch", HitMacExecutorConfig.ARCHITECTURE, "--weights", badName.toString(), "--out",
                out.toString()).assertOneLineError("encoder.Q.weight");
        Map<String, INDArray> reshaped = new LinkedHashMap<>(sd);
        reshaped.put("actor.actor_linear.weight", Nd4j.zeros(DataType.FLOAT, 2, 128));
        Path badShape = tmp.resolve("bad-shape.npz");
        NumpyFiles.writeNpz(reshaped, badShape);
        sdzoo("import-torch", "--arch", HitMacExecutorConfig.ARCHITECTURE, "--weights", badShape.toString(), "--out",
                out.toString()).assertOneLineError("actor.actor_linear.weight");
        assertFalse(out.toFile().exists());

        Path sdz = tmp.resolve("ok.sdz");
        assertEquals(0, sdzoo("import-torch", "--arch", HitMacExecutorConfig.ARCHITECTURE, "--weights",
                tmp.resolve("ok.npz").toString(), "--out", sdz.toString()).exit());
        Path obs = tmp.resolve("obs.npy");
        NumpyFiles.writeNpy(Nd4j.zeros(DataType.FLOAT, 2, 5, 3), obs);
        sdzoo("predict", "--model", sdz.toString(), "--input", "obs=" + obs, "--output", tmp.resolve("y.npz").toString())
                .assertOneLineError("obs");
    }

    @Test
    void reproduceWithoutThePublishedWeightsSaysWhereToPutThem() {
        Assumptions.assumeTrue(System.getenv(HitMacPretrained.ENV_VAR) == null && !Files.exists(Path.of(
                System.getProperty("user.home"), ".sdzoo", "pretrained", HitMacPretrained.FOLDER)),
                "the published weights are installed here, so reproduce would run");
        sdzoo("reproduce", "hitmac", "--runs", "1", "--data-dir", tmp.resolve("data").toString(), "--out",
                tmp.resolve("run").toString()).assertOneLineError("was not found in");
    }

    @Test
    void anUnknownOrMissingPretrainedModelIsOneSentence() {
        Path out = tmp.resolve("y.npz");
        sdzoo("predict", "--model", "pretrained:resnet", "--input", "obs=x.npy", "--output", out.toString())
                .assertOneLineError("there is no pretrained HiT-MAC model 'resnet'");
        Assumptions.assumeTrue(HitMacPretrained.directories(System.getenv(DataDirectory.ENV_VAR) == null ? null
                : DataDirectory.resolve(null)).stream().noneMatch(d -> Files.exists(d.resolve(HitMacPretrained.FOLDER))),
                "the published weights are installed here");
        sdzoo("predict", "--model", "pretrained:hitmac-executor", "--input", "obs=x.npy", "--output", out.toString())
                .assertOneLineError("was not found in");
    }

    /** With the published weights beside the data directory: predict and info by name, as the library loads them. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void predictAndInfoTakeAPublishedModelByName() throws Exception {
        Assumptions.assumeTrue(Files.exists(DataDirectory.resolve(null).resolveSibling("pretrained")
                .resolve(HitMacPretrained.FOLDER)), "no pretrained/hitmac beside the data directory");
        Nd4j.getRandom().setSeed(4);
        INDArray obs = Nd4j.rand(DataType.FLOAT, 2, 5, 4);
        Path obsNpy = tmp.resolve("obs.npy");
        NumpyFiles.writeNpy(obs, obsNpy);
        Path out = tmp.resolve("p.npz");
        SdzooCliTest.Run predicted = sdzoo("predict", "--model", "pretrained:hitmac-executor", "--input",
                "obs=" + obsNpy, "--output", out.toString());
        assertEquals(0, predicted.exit(), predicted.err());
        HitMacPolicy expected = HitMacPolicy.act(HitMacPretrained.load(HitMacExecutorConfig.ARCHITECTURE,
                DataDirectory.resolve(null)), obs);
        assertTrue(expected.probabilities().equalsWithEps(NumpyFiles.readNpz(out).get(HitMacNetworks.PROBABILITIES),
                1e-7));
        SdzooCliTest.Run info = sdzoo("info", "pretrained:hitmac-coordinator");
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("best_coordinator.npz") && info.out().contains("inputs"), info.out());
    }
}
