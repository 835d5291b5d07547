package org.sdzoo.datasets.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.sdzoo.datasets.DataDirectory;

class SequentialMnistTest {

    /** Writes tiny IDX files: image i has pixel value (i * 7 + t) mod 256 at position t, label i mod 10. */
    static void writeTiny(Path dir, String prefix, int count, boolean gzip) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(images);
        out.writeInt(MnistIdx.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(28);
        out.writeInt(28);
        for (int i = 0; i < count; i++) {
            for (int t = 0; t < 784; t++) {
                out.writeByte((i * 7 + t) % 256);
            }
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        DataOutputStream l = new DataOutputStream(labels);
        l.writeInt(MnistIdx.LABELS_MAGIC);
        l.writeInt(count);
        for (int i = 0; i < count; i++) {
            l.writeByte(i % 10);
        }
        write(dir.resolve(prefix + "-images-idx3-ubyte" + (gzip ? ".gz" : "")), images.toByteArray(), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + (gzip ? ".gz" : "")), labels.toByteArray(), gzip);
    }

    private static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            o.write(bytes);
        }
    }

    @Test
    void readsPixelsInOrderAndNormalises(@TempDir Path dir) throws IOException {
        writeTiny(dir, "train", 12, true);
        SequenceData d = SequentialMnist.load(dir, SequentialMnist.Split.TRAIN, 0, null, DataType.DOUBLE);
        assertArrayEquals(new long[] {12, 1, 784}, d.features().shape());
        assertArrayEquals(new long[] {12}, d.labels().shape());
        assertEquals(((3 * 7 + 100) % 256 / 255.0 - SequentialMnist.MEAN) / SequentialMnist.STD,
                d.features().getDouble(3, 0, 100), 1e-6);
        assertEquals(7, d.labels().getDouble(7));
        MultiDataSet batch = d.iterator(5, true, 1).next();
        assertArrayEquals(new long[] {5, 1, 784}, batch.getFeatures(0).shape());
    }

    @Test
    void permutedMnistReordersEveryImageTheSameWay(@TempDir Path dir) throws IOException {
        writeTiny(dir, "t10k", 3, false);
        int[] p = SequentialMnist.permutation(5);
        assertArrayEquals(p, SequentialMnist.permutation(5), "fixed for a seed");
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 784; i++) {
            assertEquals(i, sorted[i], "a permutation");
        }
        SequenceData plain = SequentialMnist.load(dir, SequentialMnist.Split.TEST, 2, null, DataType.DOUBLE);
        SequenceData permuted = SequentialMnist.load(dir, SequentialMnist.Split.TEST, 2, p, DataType.DOUBLE);
        assertEquals(2, permuted.size());
        for (int t : new int[] {0, 17, 783}) {
            assertEquals(plain.features().getDouble(1, 0, p[t]), permuted.features().getDouble(1, 0, t));
        }
    }

    @Test
    void aDamagedFileIsNamed(@TempDir Path dir) throws IOException {
        writeTiny(dir, "train", 2, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequentialMnist.load(dir, SequentialMnist.Split.TRAIN, 0, null, DataType.FLOAT));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(images, new byte[] {0, 0, 8, 1, 0, 0, 0, 0});
        e = assertThrows(IllegalArgumentException.class,
                () -> SequentialMnist.load(dir, SequentialMnist.Split.TRAIN, 0, null, DataType.FLOAT));
        assertTrue(e.getMessage().contains("not an MNIST images file"), e.getMessage());
    }

    @Test
    @EnabledIfEnvironmentVariable(named = DataDirectory.ENV_VAR, matches = ".+")
    void theRealFilesHaveTheReadmeCounts() throws IOException {
        Path dir = DataDirectory.resolve(null).resolve("mnist");
        SequenceData test = SequentialMnist.load(dir, SequentialMnist.Split.TEST, 0, null, DataType.FLOAT);
        assertEquals(SequentialMnist.TEST_SIZE, test.size());
        assertEquals(SequentialMnist.TRAIN_SIZE, MnistIdx.readLabels(dir.resolve("train-labels-idx1-ubyte.gz")).length);
        double mean = test.features().meanNumber().doubleValue();
        assertTrue(Math.abs(mean) < 0.05, "normalised pixels have mean near 0, got " + mean);
    }
}
