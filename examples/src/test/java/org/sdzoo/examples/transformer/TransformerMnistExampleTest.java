package org.sdzoo.examples.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sdzoo.examples.ExampleRunner;
import org.sdzoo.examples.Examples;
import org.sdzoo.examples.RunRequest;
import org.sdzoo.zoo.config.ConfigJson;

/**
 * {@code transformer-mnist} through the code path of {@code sdzoo train} on a small MNIST written
 * here in IDX format (each digit a bright column at its own place, so the classes can be learned).
 */
class TransformerMnistExampleTest {

    @TempDir
    Path tmp;

    @Test
    void trainsOnIdxFilesAndWritesTheAccuracyAndConfusionMatrix() throws Exception {
        Path data = tmp.resolve("data");
        writeMnist(data.resolve("mnist"), "train", 96, 1);
        writeMnist(data.resolve("mnist"), "t10k", 40, 2);
        Path config = tmp.resolve("small.json");
        Files.writeString(config, "{\"dModel\": 16, \"numHeads\": 2, \"dimFeedforward\": 16, \"numLayers\": 1}");
        Path out = tmp.resolve("run");
        ExampleRunner.train(Examples.get(TransformerMnistExample.NAME), new RunRequest(out, null, 15, 1e-2, null, config,
                null, List.of(), null, data, true, null, false, Map.of()));
        JsonNode json = ConfigJson.mapper().readTree(Files.readString(out.resolve("result.json")));
        assertEquals(15, json.get("losses").size());
        assertTrue(json.get("losses").get(14).asDouble() < json.get("losses").get(0).asDouble(), json.toString());
        double accuracy = json.get("test_accuracy").asDouble();
        assertTrue(accuracy > 50 && accuracy <= 100, "accuracy " + accuracy + " on digits marked by one bright column");
        assertEquals(96, json.get("training_images").asInt());
        assertTrue(Files.size(out.resolve("confusion.png")) > 0);
    }

    @Test
    void aConfigForOtherInputsIsRefusedAndMissingDataIsNamed() throws IOException {
        Path data = tmp.resolve("data");
        writeMnist(data.resolve("mnist"), "train", 8, 1);
        writeMnist(data.resolve("mnist"), "t10k", 8, 2);
        Path config = tmp.resolve("tokens.json");
        Files.writeString(config, "{\"vocabSize\": 30, \"inputFeatures\": 0}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleRunner.train(
                Examples.get(TransformerMnistExample.NAME), new RunRequest(tmp.resolve("o"), null, 1, null, null, config,
                        null, List.of(), null, data, true, null, false, Map.of())));
        assertTrue(e.getMessage().contains("every MNIST row has 28 pixels"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ExampleRunner.train(
                Examples.get(TransformerMnistExample.NAME), new RunRequest(tmp.resolve("p"), null, 1, null, null, null,
                        null, List.of(), null, tmp.resolve("nowhere"), true, null, false, Map.of())));
        assertTrue(missing.getMessage().contains("MNIST is not in"), missing.getMessage());
    }

    /** Writes {@code count} 28x28 images whose label is the column that is bright, plus noise, as gzipped IDX. */
    static void writeMnist(Path dir, String split, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        byte[] labels = new byte[count];
        byte[] pixels = new byte[count * 28 * 28];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 28 * 28; p++) {
                pixels[i * 784 + p] = (byte) random.nextInt(60);
            }
            for (int r = 0; r < 28; r++) {
                pixels[i * 784 + r * 28 + 2 + 2 * labels[i]] = (byte) 250;
            }
        }
        try (DataOutputStream images = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(split + "-images-idx3-ubyte.gz"))))) {
            images.writeInt(2051);
            images.writeInt(count);
            images.writeInt(28);
            images.writeInt(28);
            images.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(
                Files.newOutputStream(dir.resolve(split + "-labels-idx1-ubyte.gz"))))) {
            out.writeInt(2049);
            out.writeInt(count);
            out.write(labels);
        }
    }
}
