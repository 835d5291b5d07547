package org.sdzoo.zoo.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.DataIterators;
import org.sdzoo.zoo.ZooModel;
import org.sdzoo.zoo.check.GradientCheck;
import org.sdzoo.zoo.config.ModelConfig;
import org.sdzoo.zoo.io.ModelArchive;
import org.sdzoo.zoo.task.Task;
import org.sdzoo.zoo.train.Trainer;
import org.sdzoo.zoo.train.TrainerConfig;
import org.sdzoo.zoo.train.TrainingResult;

/**
 * The shared model test harness (keras-hub's {@code run_layer_test}, HF's {@code ModelTester}):
 * every model runs the same checks on tiny sizes.
 */
public final class ModelHarness {

    private ModelHarness() {
    }

    /** The config survives {@code toJson → fromJson} exactly, twice. */
    public static void configRoundTrip(ModelConfig config, Function<String, ModelConfig> fromJson) {
        String json = config.toJson();
        ModelConfig back = fromJson.apply(json);
        assertEquals(config, back, "config after a JSON round trip");
        assertEquals(json, back.toJson(), "JSON after a round trip");
    }

    /** Every output has the expected shape. */
    public static Map<String, INDArray> outputShapes(ZooModel model, Map<String, INDArray> inputs,
                                                     Map<String, long[]> expected) {
        Map<String, INDArray> out = model.predict(inputs);
        expected.forEach((name, shape) -> assertArrayEquals(shape, out.get(name).shape(), "shape of " + name));
        return out;
    }

    /** A saved and reloaded model gives bit-identical outputs and the same parameter count. */
    public static ZooModel saveLoadIdentical(ZooModel model, Map<String, INDArray> inputs, Path dir) throws IOException {
        Path file = dir.resolve("model.sdz");
        ModelArchive.save(file, model);
        ZooModel loaded = ModelArchive.load(file);
        assertEquals(model.config(), loaded.config(), "config after load");
        assertEquals(model.parameterCount(), loaded.parameterCount(), "parameter count after load");
        Map<String, INDArray> before = model.predict(inputs);
        Map<String, INDArray> after = loaded.predict(inputs);
        before.forEach((name, value) -> assertEquals(value, after.get(name), "output " + name + " after load"));
        return loaded;
    }

    /** One training step on {@code batch} lowers the task's loss on the same batch. */
    public static void oneStepLowersLoss(ZooModel model, Task task, MultiDataSet batch, TrainerConfig config) {
        TrainingResult result = Trainer.builder().config(config.toBuilder().epochs(2).build()).build()
                .fit(model, task, DataIterators.fullBatch(batch.getFeatures(), batch.getLabels()), null);
        double first = result.history().get(0).loss();
        double second = result.history().get(1).loss();
        assertTrue(second < first, "loss after one step " + second + " is not below the first " + first);
    }

    /** Strict finite-difference check of every parameter's gradient (the model must be float64). */
    public static void gradientCheck(ZooModel model, Task task, MultiDataSet batch) {
        task.attachLoss(model);
        Map<String, INDArray> feed = new HashMap<>(model.placeholders(batch));
        feed.putAll(task.feed(model, batch));
        GradientCheck.Result r = GradientCheck.check(model.sameDiff(), Task.LOSS, feed);
        assertTrue(r.passed(), r.toString());
    }
}
